/**
 * Matches compiled phrase patterns against the tokens of a sentence. Patterns are indexed by their first word, so a
 * token costs one map lookup plus a few prefix/suffix checks, however many rules there are.
 */
import type { Token } from '../text/tokens';
import type { CompiledRules, PatternStep } from './compiled';

type WordTest = { kind: 'exact' | 'prefix' | 'suffix' | 'infix' | 'case'; value: string };

/** A pattern step with its word tests decoded once, at index time. */
type Step = WordTest[] | { optional: WordTest[] } | number;

interface IndexedPattern {
  rule: number;
  /** The steps after the first one. */
  rest: Step[];
}

/** How many leading letters key the prefix and suffix tables. */
const KEY_LENGTH = 3;

export interface PatternIndex {
  exact: Map<string, IndexedPattern[]>;
  casePatterns: Map<string, IndexedPattern[]>;
  prefixByKey: Map<string, { value: string; pattern: IndexedPattern }[]>;
  suffixByKey: Map<string, { value: string; pattern: IndexedPattern }[]>;
  /** Tests too short to key, and infix tests: checked against every token. */
  unkeyed: { test: WordTest; pattern: IndexedPattern }[];
}

export function decodeWordTest(encoded: string): WordTest {
  if (encoded.startsWith('=')) return { kind: 'case', value: encoded.slice(1) };
  const starts = encoded.startsWith('*');
  const ends = encoded.endsWith('*') && encoded.length > 1;
  const value = encoded.slice(starts ? 1 : 0, ends ? -1 : undefined);
  if (starts && ends) return { kind: 'infix', value };
  if (ends) return { kind: 'prefix', value };
  if (starts) return { kind: 'suffix', value };
  return { kind: 'exact', value };
}

function testWord(test: WordTest, token: Token, original: string): boolean {
  const word = token.text;
  switch (test.kind) {
    case 'exact':
      return word === test.value;
    case 'prefix':
      return word.startsWith(test.value);
    case 'suffix':
      return word.endsWith(test.value);
    case 'infix':
      return word.includes(test.value);
    case 'case':
      return original === test.value;
  }
}

function decodeStep(step: PatternStep): Step {
  if (typeof step === 'number') return step;
  return Array.isArray(step) ? step.map(decodeWordTest) : { optional: step.optional.map(decodeWordTest) };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the lookup tables once per compiled rule set. */
export function indexPatterns(compiled: CompiledRules): PatternIndex {
  const index: PatternIndex = {
    exact: new Map(),
    casePatterns: new Map(),
    prefixByKey: new Map(),
    suffixByKey: new Map(),
    unkeyed: [],
  };
  const add = (first: WordTest[], pattern: IndexedPattern) => {
    for (const test of first) {
      if (test.kind === 'exact') pushTo(index.exact, test.value, pattern);
      else if (test.kind === 'case') pushTo(index.casePatterns, test.value, pattern);
      else if (test.kind === 'prefix' && test.value.length >= KEY_LENGTH) {
        pushTo(index.prefixByKey, test.value.slice(0, KEY_LENGTH), { value: test.value, pattern });
      } else if (test.kind === 'suffix' && test.value.length >= KEY_LENGTH) {
        pushTo(index.suffixByKey, test.value.slice(-KEY_LENGTH), { value: test.value, pattern });
      } else index.unkeyed.push({ test, pattern });
    }
  };
  for (const [rule, encodedSteps] of compiled.patterns) {
    const steps = encodedSteps.map(decodeStep);
    // A leading optional word is indexed both ways: with it, and starting at the next step.
    let offset = 0;
    while (offset < steps.length) {
      const step = steps[offset]!;
      if (Array.isArray(step)) {
        add(step, { rule, rest: steps.slice(offset + 1) });
        break;
      }
      if (typeof step === 'object') add(step.optional, { rule, rest: steps.slice(offset + 1) });
      offset++;
    }
  }
  return index;
}

export interface PhraseMatch {
  rule: number;
  /** Token range, end exclusive. */
  first: number;
  end: number;
}

/**
 * Tries to match `steps` from token `at`; returns the end token (exclusive) of the shortest match, or -1.
 * The search is bounded: gaps span at most a few words and patterns are short.
 */
function matchSteps(
  steps: Step[],
  stepIndex: number,
  tokens: Token[],
  at: number,
  originals: string[],
): number {
  if (stepIndex === steps.length) return at;
  const step = steps[stepIndex]!;
  if (typeof step === 'number') {
    for (let skip = 0; skip <= step && at + skip <= tokens.length; skip++) {
      const end = matchSteps(steps, stepIndex + 1, tokens, at + skip, originals);
      if (end >= 0) return end;
    }
    return -1;
  }
  const optional = !Array.isArray(step);
  const tests = Array.isArray(step) ? step : step.optional;
  const token = tokens[at];
  if (token && tests.some((test) => testWord(test, token, originals[at]!))) {
    const end = matchSteps(steps, stepIndex + 1, tokens, at + 1, originals);
    if (end >= 0) return end;
  }
  return optional ? matchSteps(steps, stepIndex + 1, tokens, at, originals) : -1;
}

/**
 * Finds every pattern match in a sentence's tokens. `originals[i]` is token i as written in the page (for the
 * case-sensitive `=Mg` tests). A rule matching several times at one start keeps its longest match.
 */
export function findPhraseMatches(index: PatternIndex, tokens: Token[], originals: string[]): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  const seen = new Map<string, number>();
  const tryPattern = (pattern: IndexedPattern, first: number) => {
    const end = matchSteps(pattern.rest, 0, tokens, first + 1, originals);
    if (end < 0) return;
    const key = `${pattern.rule}:${first}`;
    const known = seen.get(key);
    if (known === undefined) {
      seen.set(key, matches.length);
      matches.push({ rule: pattern.rule, first, end });
    } else if (matches[known]!.end < end) matches[known]!.end = end;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const word = token.text;
    for (const pattern of index.exact.get(word) ?? []) tryPattern(pattern, i);
    for (const pattern of index.casePatterns.get(originals[i]!) ?? []) tryPattern(pattern, i);
    if (word.length >= KEY_LENGTH) {
      for (const { value, pattern } of index.prefixByKey.get(word.slice(0, KEY_LENGTH)) ?? []) {
        if (word.startsWith(value)) tryPattern(pattern, i);
      }
      for (const { value, pattern } of index.suffixByKey.get(word.slice(-KEY_LENGTH)) ?? []) {
        if (word.endsWith(value)) tryPattern(pattern, i);
      }
    }
    for (const { test, pattern } of index.unkeyed) {
      if (testWord(test, token, originals[i]!)) tryPattern(pattern, i);
    }
  }
  return matches;
}
