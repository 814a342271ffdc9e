/**
 * Compiles validated rule files into the compact JSON the content script loads (see `src/match/compiled.ts`):
 * patterns parsed, inflections expanded, anchors for the prefilter derived. Runs at build time and in tests.
 */
import type { CompiledRule, CompiledRules, PatternStep } from '../match/compiled';
import type { LoadedRules } from './load';
import { parsePattern } from './patterns';
import { TOPIC_IDS } from './schema';

/** The literal part of an encoded word test, for the prefilter: `magnesium*` → `magnesium`. */
function literalOf(test: string): string {
  return test.replace(/^\*/, '').replace(/\*$/, '');
}

/** Substrings of which every match of these subject patterns contains one; none contains another. */
function deriveAnchors(subjectPatterns: PatternStep[][]): { anchors: string[]; caseAnchors: string[] } {
  const anchors = new Set<string>();
  const caseAnchors = new Set<string>();
  for (const steps of subjectPatterns) {
    // Every match passes every required step, so the step whose shortest literal is longest is the most selective.
    const required = steps.filter((step): step is string[] => Array.isArray(step));
    const shortest = (step: string[]) =>
      Math.min(...step.map((test) => literalOf(test.replace(/^=/, '')).length));
    const selective = required.reduce(
      (best, step) => (shortest(step) > shortest(best) ? step : best),
      required[0] ?? [],
    );
    for (const test of selective) {
      if (test.startsWith('=')) caseAnchors.add(test.slice(1));
      else anchors.add(literalOf(test));
    }
  }
  const minimal = [...anchors].filter(
    (anchor) => ![...anchors].some((other) => other !== anchor && anchor.includes(other)),
  );
  return { anchors: minimal.sort(), caseAnchors: [...caseAnchors].sort() };
}

export function compileRules(loaded: LoadedRules): CompiledRules {
  const rules: CompiledRule[] = [];
  const patterns: [number, PatternStep[]][] = [];
  const subjectPatterns: PatternStep[][] = [];

  for (const { data } of loaded.phrases) {
    for (const rule of data.rules) {
      const index = rules.length;
      rules.push({
        id: rule.id,
        kind: data.kind,
        lang: data.lang,
        ...(rule.topic ? { topic: rule.topic } : {}),
        ...(rule.subclaim ? { subclaim: rule.subclaim } : {}),
        ...(rule.euClaim ? { euClaim: rule.euClaim } : {}),
        ...(rule.precedence ? { precedence: rule.precedence } : {}),
      });
      for (const pattern of rule.patterns) {
        for (const steps of parsePattern(pattern, data.lang)) {
          patterns.push([index, steps]);
          if (data.kind === 'subject') subjectPatterns.push(steps);
        }
      }
    }
  }

  const verdicts: Record<string, string> = {};
  for (const topic of TOPIC_IDS) {
    const entry = loaded.knowledge.topics[topic];
    verdicts[topic] = entry.verdict;
    for (const subclaim of entry.subclaims ?? []) verdicts[`${topic}/${subclaim.id}`] = subclaim.verdict;
  }

  return {
    format: 1,
    knowledgeVersion: loaded.knowledge.version,
    reviewed: loaded.knowledge.reviewed,
    rules,
    patterns,
    ...deriveAnchors(subjectPatterns),
    verdicts,
  };
}
