/**
 * Matches compiled phrase patterns against the tokens of a sentence. Patterns are indexed by their first word, so a
 * token costs one map lookup plus a few prefix/suffix checks, however many rules there are.
 */
import type { Token } from '../text/tokens';
import type { CompiledRules, PatternStep } from './compiled';

type WordTest = { kind: 'exact' | 'prefix' | 'suffix' | 'infix' | 'case'; value: string };

/** A token's spelling as written in the page, looked up only for case-sensitive tests (`=Mg`). */
export type OriginalOf = (tokenIndex: number) => string;

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
  /** The case-sensitive first words, folded: only a token that folds to one of these is looked up as written. */
  caseFolded: Set<string>;
  prefixByKey: Map<string, { value: string; pattern: IndexedPattern }[]>;
  suffixByKey: Map<string, { value: string; pattern: IndexedPattern }[]>;
  /** Tests too short to key, and infix tests: checked against every new word. */
  unkeyed: { test: WordTest; pattern: IndexedPattern }[];
  /** Per word seen so far, the patterns its first word test lets through (see `candidatesFor`). */
  candidates: Map<string, readonly IndexedPattern[]>;
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

/** Whether a folded word passes a test that does not look at how it was written (any test but `case`). */
function wordPasses(test: WordTest, word: string): boolean {
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
      return false;
  }
}

function testWord(test: WordTest, tokens: Token[], at: number, originalOf: OriginalOf): boolean {
  const word = tokens[at]!.text;
  // Only a word that folds to the same length can be written that way: checked before looking it up.
  if (test.kind === 'case') return word.length === test.value.length && originalOf(at) === test.value;
  return wordPasses(test, word);
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
    caseFolded: new Set(),
    prefixByKey: new Map(),
    suffixByKey: new Map(),
    unkeyed: [],
    candidates: new Map(),
  };
  const add = (first: WordTest[], pattern: IndexedPattern) => {
    for (const test of first) {
      if (test.kind === 'exact') pushTo(index.exact, test.value, pattern);
      else if (test.kind === 'case') {
        pushTo(index.casePatterns, test.value, pattern);
        index.caseFolded.add(test.value.toLowerCase());
      } else if (test.kind === 'prefix' && test.value.length >= KEY_LENGTH) {
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
  originalOf: OriginalOf,
): number {
  if (stepIndex === steps.length) return at;
  const step = steps[stepIndex]!;
  if (typeof step === 'number') {
    for (let skip = 0; skip <= step && at + skip <= tokens.length; skip++) {
      const end = matchSteps(steps, stepIndex + 1, tokens, at + skip, originalOf);
      if (end >= 0) return end;
    }
    return -1;
  }
  const optional = !Array.isArray(step);
  const tests = Array.isArray(step) ? step : step.optional;
  if (at < tokens.length && tests.some((test) => testWord(test, tokens, at, originalOf))) {
    const end = matchSteps(steps, stepIndex + 1, tokens, at + 1, originalOf);
    if (end >= 0) return end;
  }
  return optional ? matchSteps(steps, stepIndex + 1, tokens, at, originalOf) : -1;
}

const NONE: readonly never[] = [];
/**
 * The most words whose candidate patterns are remembered; past it, the memory starts afresh. Small on purpose: the
 * content script lives as long as the page, and 2,000 words (some 100 KB) hold a page's magnesium vocabulary.
 */
const CANDIDATE_CACHE_WORDS = 2_000;

/**
 * The patterns whose first word test passes for `word` (case-sensitive tests aside): its exact, prefix, suffix and
 * unkeyed entries. A page repeats its words, so each distinct word is worked out once and remembered.
 */
function candidatesFor(index: PatternIndex, word: string): readonly IndexedPattern[] {
  const known = index.candidates.get(word);
  if (known) return known;
  const found: IndexedPattern[] = [...(index.exact.get(word) ?? NONE)];
  if (word.length >= KEY_LENGTH) {
    for (const { value, pattern } of index.prefixByKey.get(word.slice(0, KEY_LENGTH)) ?? NONE) {
      if (word.startsWith(value)) found.push(pattern);
    }
    for (const { value, pattern } of index.suffixByKey.get(word.slice(-KEY_LENGTH)) ?? NONE) {
      if (word.endsWith(value)) found.push(pattern);
    }
  }
  for (const { test, pattern } of index.unkeyed) {
    if (wordPasses(test, word)) found.push(pattern);
  }
  if (index.candidates.size >= CANDIDATE_CACHE_WORDS) index.candidates.clear();
  const result = found.length > 0 ? found : NONE;
  index.candidates.set(word, result);
  return result;
}

/**
 * Finds every pattern match in a sentence's tokens. `originalOf(i)` is token i as written in the page (for the
 * case-sensitive `=Mg` tests; asked only for tokens that fold to such a word). A rule matching several times at one
 * start keeps its longest match.
 */
export function findPhraseMatches(
  index: PatternIndex,
  tokens: Token[],
  originalOf: OriginalOf,
): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  let firstOfToken = 0; // matches of the current start token begin here
  const tryPattern = (pattern: IndexedPattern, first: number) => {
    const end = matchSteps(pattern.rest, 0, tokens, first + 1, originalOf);
    if (end < 0) return;
    for (let m = firstOfToken; m < matches.length; m++) {
      const known = matches[m]!;
      if (known.rule !== pattern.rule) continue;
      if (known.end < end) known.end = end;
      return;
    }
    matches.push({ rule: pattern.rule, first, end });
  };

  for (let i = 0; i < tokens.length; i++) {
    firstOfToken = matches.length;
    const word = tokens[i]!.text;
    for (const pattern of candidatesFor(index, word)) tryPattern(pattern, i);
    if (index.caseFolded.has(word)) {
      for (const pattern of index.casePatterns.get(originalOf(i)) ?? NONE) tryPattern(pattern, i);
    }
  }
  return matches;
}
