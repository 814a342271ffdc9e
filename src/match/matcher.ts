/**
 * Matches compiled phrase patterns against the tokens of a sentence. Patterns are indexed by their first word, so a
 * token costs one map lookup plus a few prefix/suffix checks, however many rules there are.
 */
import type { Token } from '../text/tokens';
import type { CompiledRule, CompiledRules, PatternStep } from './compiled';

type WordTest = { kind: 'exact' | 'prefix' | 'suffix' | 'infix' | 'case'; value: string };

/** A token's spelling as written in the page, looked up only for case-sensitive tests (`=Mg`). */
export type OriginalOf = (tokenIndex: number) => string;

/** A word position of a pattern, decoded once, at index time. */
interface WordStep {
  tests: WordTest[];
  optional: boolean;
  /** The exact-word tests as a set, so a long list of alternatives costs one lookup… */
  exact: ReadonlySet<string>;
  /** …and the other tests. */
  others: WordTest[];
}
/** A word position, or a gap of up to N words. */
type Step = WordStep | number;

interface IndexedPattern {
  rule: number;
  ruleData: CompiledRule;
  /** The steps after the first one. */
  rest: Step[];
  /** When the second word must be one of a list of exact words: that list. */
  nextWords: ReadonlySet<string> | undefined;
}

/** What the index says about a word as the first word of a phrase (see `candidatesFor`). */
interface Candidates {
  /** The patterns whose first word test passes for it (case-sensitive tests aside), in index order. */
  patterns: readonly IndexedPattern[];
  /** The word may be written as a case-sensitive first word (`=Mg`). */
  caseSensitive: boolean;
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
  candidates: Map<string, Candidates>;
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
  const tests = (Array.isArray(step) ? step : step.optional).map(decodeWordTest);
  return {
    tests,
    optional: !Array.isArray(step),
    exact: new Set(tests.filter((test) => test.kind === 'exact').map((test) => test.value)),
    others: tests.filter((test) => test.kind !== 'exact'),
  };
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
    const ruleData = compiled.rules[rule]!;
    // A leading optional word is indexed both ways: with it, and starting at the next step.
    let offset = 0;
    while (offset < steps.length) {
      const step = steps[offset]!;
      if (typeof step === 'object') {
        const rest = steps.slice(offset + 1);
        add(step.tests, { rule, ruleData, rest, nextWords: nextWordsOf(rest) });
        if (!step.optional) break;
      }
      offset++;
    }
  }
  return index;
}

export interface PhraseMatch {
  rule: number;
  /** The rule itself: `rules[rule]`. */
  ruleData: CompiledRule;
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
  if (at < tokens.length && stepPasses(step, tokens, at, originalOf)) {
    const end = matchSteps(steps, stepIndex + 1, tokens, at + 1, originalOf);
    if (end >= 0) return end;
  }
  return step.optional ? matchSteps(steps, stepIndex + 1, tokens, at, originalOf) : -1;
}

function stepPasses(step: WordStep, tokens: Token[], at: number, originalOf: OriginalOf): boolean {
  if (step.exact.has(tokens[at]!.text)) return true;
  for (const test of step.others) if (testWord(test, tokens, at, originalOf)) return true;
  return false;
}

/** The exact words the first of `steps` requires, when it is a required list of nothing but exact words. */
function nextWordsOf(steps: Step[]): ReadonlySet<string> | undefined {
  const step = steps[0];
  return typeof step === 'object' && !step.optional && step.others.length === 0 ? step.exact : undefined;
}

const NONE: readonly never[] = [];
/** What most words are as a first word: nothing. Shared, so remembering such a word costs only its cache entry. */
const NO_CANDIDATES: Candidates = { patterns: NONE, caseSensitive: false };
/**
 * The most words whose candidate patterns are remembered; past it, the memory starts afresh. Small on purpose: the
 * content script lives as long as the page, and 2,000 words (some 100 KB) hold a page's magnesium vocabulary.
 */
const CANDIDATE_CACHE_WORDS = 2_000;

/**
 * The patterns whose first word test passes for `word` (case-sensitive tests aside): its exact, prefix, suffix and
 * unkeyed entries. A page repeats its words, so each distinct word is worked out once and remembered.
 */
function candidatesFor(index: PatternIndex, word: string): Candidates {
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
  const caseSensitive = index.caseFolded.has(word);
  const result: Candidates =
    found.length === 0 && !caseSensitive ? NO_CANDIDATES : { patterns: found, caseSensitive };
  if (index.candidates.size >= CANDIDATE_CACHE_WORDS) index.candidates.clear();
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
  for (let i = 0; i < tokens.length; i++) {
    const firstOfToken = matches.length;
    const candidates = candidatesFor(index, tokens[i]!.text);
    tryPatterns(candidates.patterns, tokens, i, originalOf, matches, firstOfToken);
    if (candidates.caseSensitive) {
      const patterns = index.casePatterns.get(originalOf(i));
      if (patterns) tryPatterns(patterns, tokens, i, originalOf, matches, firstOfToken);
    }
  }
  return matches;
}

/** Adds the matches of `patterns` starting at token `first`; `matches[firstOfToken…]` are those found there so far. */
function tryPatterns(
  patterns: readonly IndexedPattern[],
  tokens: Token[],
  first: number,
  originalOf: OriginalOf,
  matches: PhraseMatch[],
  firstOfToken: number,
): void {
  // Most patterns need one of a few words next: a pattern whose next word does not follow is not tried.
  const following = tokens[first + 1]?.text;
  next: for (const pattern of patterns) {
    if (pattern.nextWords && (following === undefined || !pattern.nextWords.has(following))) continue;
    const end = matchSteps(pattern.rest, 0, tokens, first + 1, originalOf);
    if (end < 0) continue;
    for (let m = firstOfToken; m < matches.length; m++) {
      const known = matches[m]!;
      if (known.rule !== pattern.rule) continue;
      if (known.end < end) known.end = end;
      continue next;
    }
    matches.push({ rule: pattern.rule, ruleData: pattern.ruleData, first, end });
  }
}
