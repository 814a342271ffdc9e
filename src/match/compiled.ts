/**
 * The compact form of the rule files that the content script loads: produced once at build time by
 * `src/knowledge/compile.ts`, plain JSON, no schema parsing or NLP needed to use it.
 */

/**
 * One word position of a pattern: a list of alternative word tests, an optional list, or a gap of up to N words.
 * A word test is encoded as a string: `slaap` exact, `slaap*` prefix, `*slaap` suffix, `*slaap*` infix, `=Mg`
 * exact with case.
 */
export type PatternStep = string[] | { optional: string[] } | number;

export type CompiledRuleKind =
  | 'subject'
  | 'anaphor'
  | 'not-subject'
  | 'trigger'
  | 'hype'
  | 'negation'
  | 'question'
  | 'authorised'
  | 'effect'
  | 'not-claim'
  | 'references';

export interface CompiledRule {
  id: string;
  kind: CompiledRuleKind;
  lang: 'nl' | 'en' | 'any';
  topic?: string;
  subclaim?: string;
  euClaim?: string;
  /** `fallback`: counts only when no other topic does; `exclusive`: when it matches, the only topic. */
  precedence?: 'fallback' | 'exclusive';
}

export interface CompiledRules {
  format: 1;
  /** Version and review date of the knowledge file the rules were compiled with. */
  knowledgeVersion: number;
  reviewed: string;
  rules: CompiledRule[];
  /** `[index into rules, steps]` */
  patterns: [number, PatternStep[]][];
  /** Lower-case substrings of which every subject match contains one: the prefilter looks for these. */
  anchors: string[];
  /** Case-sensitive anchors (from `=Mg` words), looked for in the raw text. */
  caseAnchors: string[];
  /** Verdict per topic and per `topic/subclaim`. */
  verdicts: Record<string, string>;
}

/** A cheap structural check for data that crossed a boundary (a bundled file, storage): no schema library needed. */
export function isCompiledRules(value: unknown): value is CompiledRules {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Partial<CompiledRules>;
  return (
    data.format === 1 &&
    Array.isArray(data.rules) &&
    Array.isArray(data.patterns) &&
    Array.isArray(data.anchors) &&
    Array.isArray(data.caseAnchors) &&
    typeof data.verdicts === 'object' &&
    data.verdicts !== null &&
    data.patterns.every(
      (entry) =>
        Array.isArray(entry) &&
        Number.isInteger(entry[0]) &&
        entry[0] >= 0 &&
        entry[0] < data.rules!.length &&
        Array.isArray(entry[1]) &&
        entry[1].length > 0,
    )
  );
}
