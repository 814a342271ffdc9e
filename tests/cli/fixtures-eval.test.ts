/**
 * The detector against the annotated fixture pages (tests/fixtures): nothing on the negative controls, every gold
 * quote found in its page, and precision no lower than it is today. Prints the same metrics as `npm run eval`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/cli/documents';
import { projectEngine } from '../../src/cli/engine';
import {
  GoldFileSchema,
  rate,
  scoreDocument,
  summarise,
  type DocumentScore,
  type GoldDocument,
  type Ratio,
  type Summary,
} from '../../src/cli/evaluate';
import { scanDocument } from '../../src/cli/scan-document';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const PAGES = join(FIXTURES, 'pages');

// Regression floors a little under today's measurements over all 21 pages (precision 0.935, explicit recall 0.951);
// issue 4's targets are 0.90.
const PRECISION_FLOOR = 0.92;
const EXPLICIT_RECALL_FLOOR = 0.94;

const gold: GoldDocument[] = GoldFileSchema.parse(
  JSON.parse(readFileSync(join(FIXTURES, 'gold.json'), 'utf8')),
);
const negativePages = gold.filter((entry) => entry.negative).map((entry) => entry.file);

let scores: DocumentScore[];
let texts: Map<string, string>;
let summary: Summary;

const scoreOf = (file: string) => scores.find((score) => score.file === file)!;
const cell = (r: Ratio) =>
  `${r.total === 0 ? '   -  ' : `${(rate(r) * 100).toFixed(1).padStart(5)}%`} (${r.hits}/${r.total})`;

beforeAll(async () => {
  const engine = projectEngine();
  scores = [];
  texts = new Map();
  for (const entry of gold) {
    const document = await loadDocument(join(PAGES, entry.file));
    const scanned = scanDocument(engine, document, entry.lang ?? 'auto');
    texts.set(entry.file, document.text);
    scores.push(scoreDocument(entry.file, document.text, entry, scanned.findings));
  }
  summary = summarise(scores);
  console.log(
    [
      `Nuchter fixtures — ${scores.length} documents`,
      '| metric            | score                |',
      '| ----------------- | -------------------- |',
      `| explicit recall   | ${cell(summary.explicitRecall).padEnd(20)} |`,
      `| implicit recall   | ${cell(summary.implicitRecall).padEnd(20)} |`,
      `| precision         | ${cell(summary.precision).padEnd(20)} |`,
      `| hype recall       | ${cell(summary.hypeRecall).padEnd(20)} |`,
      `| stance accuracy   | ${cell(summary.stanceAccuracy).padEnd(20)} |`,
      `| negative-page hits| ${String(summary.negativeFindings).padEnd(20)} |`,
    ].join('\n'),
  );
}, 60_000);

describe('fixture pages', () => {
  it('has the documented set of pages: 21, of which 4 negative controls', () => {
    expect(gold).toHaveLength(21);
    expect(negativePages).toHaveLength(4);
    for (const file of negativePages) expect(file).toMatch(/^neg-/);
    for (const entry of gold) {
      if (entry.negative) expect(entry.claims).toEqual([]);
      else expect(entry.claims.length, entry.file).toBeGreaterThan(0);
    }
  });

  it.each(negativePages)('finds nothing on the negative control %s', (file) => {
    const findings = scoreOf(file).findings.map(
      (finding) =>
        `${finding.topic}${finding.implicit ? '*' : ''} ${finding.start}-${finding.end} ${finding.text}`,
    );
    expect(findings, `findings on ${file}:\n${findings.join('\n')}`).toEqual([]);
  });

  it.each(gold.map((entry) => entry.file))('locates every gold quote of %s in its document', (file) => {
    const score = scoreOf(file);
    expect(
      score.unlocated.map((claim) => claim.quote),
      'gold quotes not found',
    ).toEqual([]);
    const text = texts.get(file)!;
    for (const claim of score.gold) {
      expect(text.slice(claim.start, claim.end).replace(/\s+/g, ' ')).toBe(claim.quote.replace(/\s+/g, ' '));
    }
  });

  it.each(gold.map((entry) => entry.file))('reports findings of %s that slice its text', (file) => {
    const text = texts.get(file)!;
    for (const finding of scoreOf(file).findings)
      expect(text.slice(finding.start, finding.end)).toBe(finding.text);
  });

  it(`keeps precision over all pages at or above ${PRECISION_FLOOR}`, () => {
    const falseAlarms = scores.flatMap((score) =>
      score.findings
        .filter((_, index) => !score.findingCorrect[index])
        .map((finding) => `${score.file}  ${finding.topic}  ${finding.text.slice(0, 100)}`),
    );
    expect(summary.precision.total).toBeGreaterThan(0);
    expect(
      rate(summary.precision),
      `precision ${cell(summary.precision)}; false alarms:\n${falseAlarms.join('\n')}`,
    ).toBeGreaterThanOrEqual(PRECISION_FLOOR);
  });

  it(`keeps explicit recall over all pages at or above ${EXPLICIT_RECALL_FLOOR}`, () => {
    expect(
      rate(summary.explicitRecall),
      `explicit recall ${cell(summary.explicitRecall)}`,
    ).toBeGreaterThanOrEqual(EXPLICIT_RECALL_FLOOR);
  });

  it('counts every gold claim once, as explicit or implicit', () => {
    const located = scores.reduce((sum, score) => sum + score.gold.length, 0);
    expect(summary.explicitRecall.total + summary.implicitRecall.total).toBe(located);
    expect(summary.negativeFindings).toBe(0);
  });
});
