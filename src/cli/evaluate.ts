/**
 * Scores findings against gold annotations in the format of `shared/seeds/gold.json`: a gold claim is found when a
 * finding overlaps its quote with the same topic; a finding is correct when it overlaps a gold quote with the same
 * topic. Explicit and implicit recall are reported apart.
 */
import { z } from 'zod';
import type { DocumentFinding } from './scan-document';

export const GoldClaimSchema = z.object({
  quote: z.string().min(1),
  topic: z.string(),
  hype: z.array(z.string()),
  stance: z.enum(['asserts', 'questions', 'refutes']),
  implicit: z.boolean().optional(),
  line: z.number().int().optional(),
  offset: z.number().int().optional(),
});
export const GoldDocumentSchema = z.object({
  file: z.string(),
  lang: z.enum(['nl', 'en']).optional(),
  negative: z.boolean().optional(),
  claims: z.array(GoldClaimSchema),
});
export const GoldFileSchema = z.array(GoldDocumentSchema);
export type GoldClaim = z.infer<typeof GoldClaimSchema>;
export type GoldDocument = z.infer<typeof GoldDocumentSchema>;

export interface LocatedClaim extends GoldClaim {
  start: number;
  end: number;
}

/** Finds a quote in the document: at its recorded offset, else its first occurrence, ignoring whitespace runs. */
export function locateQuote(text: string, claim: GoldClaim): { start: number; end: number } | undefined {
  if (claim.offset !== undefined && text.startsWith(claim.quote, claim.offset)) {
    return { start: claim.offset, end: claim.offset + claim.quote.length };
  }
  const exact = text.indexOf(claim.quote);
  if (exact >= 0) return { start: exact, end: exact + claim.quote.length };
  const pattern = claim.quote
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  const match = new RegExp(pattern).exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
}

const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

export interface DocumentScore {
  file: string;
  negative: boolean;
  gold: LocatedClaim[];
  findings: DocumentFinding[];
  /** Per gold claim: the findings that match it (overlap + same topic). */
  matchesOfGold: DocumentFinding[][];
  /** Per finding: whether it overlaps a gold claim of the same topic. */
  findingCorrect: boolean[];
  unlocated: GoldClaim[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

export function scoreDocument(
  file: string,
  text: string,
  gold: GoldDocument,
  findings: DocumentFinding[],
): DocumentScore {
  const located: LocatedClaim[] = [];
  const unlocated: GoldClaim[] = [];
  for (const claim of gold.claims) {
    const span = locateQuote(text, claim);
    if (span) located.push({ ...claim, ...span });
    else unlocated.push(claim);
  }
  return {
    file,
    negative: gold.negative ?? false,
    gold: located,
    findings,
    matchesOfGold: located.map((claim) =>
      findings.filter((finding) => finding.topic === claim.topic && overlaps(finding, claim)),
    ),
    findingCorrect: findings.map((finding) =>
      located.some((claim) => claim.topic === finding.topic && overlaps(finding, claim)),
    ),
    unlocated,
  };
}

export interface Ratio {
  hits: number;
  total: number;
}
const ratio = (hits = 0, total = 0): Ratio => ({ hits, total });
export const rate = (r: Ratio) => (r.total === 0 ? NaN : r.hits / r.total);

export interface Summary {
  explicitRecall: Ratio;
  implicitRecall: Ratio;
  precision: Ratio;
  /** Hype words of claims that assert them, found on a finding overlapping the claim. */
  hypeRecall: Ratio;
  /** Found claims whose finding has the gold stance. */
  stanceAccuracy: Ratio;
  /** Findings on pages marked negative. */
  negativeFindings: number;
  perTopic: Map<string, { explicitRecall: Ratio; implicitRecall: Ratio; precision: Ratio }>;
}

export function summarise(scores: DocumentScore[]): Summary {
  const summary: Summary = {
    explicitRecall: ratio(),
    implicitRecall: ratio(),
    precision: ratio(),
    hypeRecall: ratio(),
    stanceAccuracy: ratio(),
    negativeFindings: 0,
    perTopic: new Map(),
  };
  const topic = (id: string) => {
    let entry = summary.perTopic.get(id);
    if (!entry) {
      entry = { explicitRecall: ratio(), implicitRecall: ratio(), precision: ratio() };
      summary.perTopic.set(id, entry);
    }
    return entry;
  };
  for (const score of scores) {
    if (score.negative) summary.negativeFindings += score.findings.length;
    score.gold.forEach((claim, index) => {
      const matches = score.matchesOfGold[index]!;
      const found = matches.length > 0;
      const recall = claim.implicit ? 'implicitRecall' : 'explicitRecall';
      summary[recall].total++;
      topic(claim.topic)[recall].total++;
      if (found) {
        summary[recall].hits++;
        topic(claim.topic)[recall].hits++;
        summary.stanceAccuracy.total++;
        if (matches.some((finding) => finding.stance === claim.stance)) summary.stanceAccuracy.hits++;
      }
      if (claim.stance === 'asserts') {
        const overlapping = score.findings.filter((finding) => overlaps(finding, claim));
        const words = overlapping.flatMap((finding) => finding.hype.map(fold));
        for (const hype of claim.hype.map(fold)) {
          summary.hypeRecall.total++;
          if (words.some((word) => word.includes(hype) || hype.includes(word))) summary.hypeRecall.hits++;
        }
      }
    });
    score.findings.forEach((finding, index) => {
      summary.precision.total++;
      topic(finding.topic).precision.total++;
      if (score.findingCorrect[index]) {
        summary.precision.hits++;
        topic(finding.topic).precision.hits++;
      }
    });
  }
  return summary;
}
