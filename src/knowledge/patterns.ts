/**
 * The phrase-pattern language of the rule files. A pattern is words separated by spaces and matches consecutive
 * words of a sentence, ignoring case, accents and punctuation between words:
 *
 * | syntax              | matches                                                                 |
 * | ------------------- | ----------------------------------------------------------------------- |
 * | `slaap`             | exactly the word "slaap"                                                |
 * | `slaap*`            | a word starting with "slaap" (slaapmiddel, slaapkwaliteit)              |
 * | `*slaap`            | a word ending with "slaap" (nachtslaap)                                 |
 * | `*slaap*`           | a word containing "slaap"                                               |
 * | `beter\|goed`       | one of the alternatives; each may use `*` or an inflection macro        |
 * | `[echt]`            | an optional word (alternatives allowed inside)                          |
 * | `...`               | a gap of up to {@link MAX_GAP} words                                    |
 * | `~`                 | any number of words: the rest comes anywhere later in the sentence      |
 * | `noun:wondermiddel` | the word and its inflections: plural, diminutive (nl), plural (en)      |
 * | `verb:slapen`       | stem, -t, infinitive and past forms (nl); -s, -ed, -ing and irregulars (en) |
 * | `adj:magisch`       | the adjective and its inflected form (nl: magische)                     |
 * | `verb:slapen/sliep` | a macro plus extra forms where the language is irregular                |
 * | `=Mg`               | exactly "Mg" with this capitalisation (the element, not milligram)      |
 *
 * A literal word with a hyphen or apostrophe ("anti-stress", "doesn't") is split into its parts, as the sentence
 * text is.
 */
import type { Lang } from './schema';
import { inflectDutch } from './inflect-nl';
import { inflectEnglish } from './inflect-en';
import type { PatternStep } from '../match/compiled';

export const MAX_GAP = 4;
/** The gap `~` stands for: any number of words (no sentence is this long). */
export const SENTENCE_GAP = 10_000;

export class PatternSyntaxError extends Error {}

const WORD = /^[a-z0-9]+$/;
const MACROS = ['noun', 'verb', 'adj'] as const;
type Macro = (typeof MACROS)[number];

/** Folds a pattern word like the matcher folds text: lower case, no accents. */
function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Expands one alternative (`slaap*`, `noun:pil`, `=Mg`, `anti-stress`) into encoded word tests. */
function expandAlternative(raw: string, lang: Lang | 'any'): string[][] {
  if (raw.startsWith('=')) {
    const word = raw.slice(1);
    if (!/^[\p{L}\p{N}]+$/u.test(word))
      throw new PatternSyntaxError(`"${raw}": "=" needs one plain word after it`);
    return [[`=${word}`]];
  }
  const macroMatch = /^([a-z]+):(.+)$/.exec(raw);
  if (macroMatch) {
    const [, macro, body] = macroMatch as unknown as [string, string, string];
    if (!MACROS.includes(macro as Macro)) {
      throw new PatternSyntaxError(`"${raw}": unknown macro "${macro}:" (use noun:, verb: or adj:)`);
    }
    if (lang === 'any')
      throw new PatternSyntaxError(`"${raw}": inflection macros need a file with lang nl or en`);
    const [base, ...extra] = body.split('/').map(foldWord);
    if (!base || ![base, ...extra].every((word) => WORD.test(word))) {
      throw new PatternSyntaxError(`"${raw}": a macro takes plain words, like noun:pil or verb:slapen/sliep`);
    }
    const forms = lang === 'nl' ? inflectDutch(macro as Macro, base) : inflectEnglish(macro as Macro, base);
    return [[...new Set([...forms, ...extra])]];
  }
  const word = foldWord(raw);
  const core = word.replace(/^\*/, '').replace(/\*$/, '');
  if (/[-']/.test(core)) {
    if (core !== word)
      throw new PatternSyntaxError(`"${raw}": a wildcard word cannot contain a hyphen or apostrophe`);
    const parts = core.split(/[-']/);
    if (!parts.every((part) => WORD.test(part)))
      throw new PatternSyntaxError(`"${raw}": empty part around "-" or "'"`);
    return parts.map((part) => [part]);
  }
  if (!WORD.test(core)) {
    throw new PatternSyntaxError(
      `"${raw}": a word may hold only letters and digits, with * at its start or end (got ${JSON.stringify(core)})`,
    );
  }
  return [[word]];
}

/** More variants than this means a pattern should be split by its author. */
const MAX_VARIANTS = 64;

/**
 * Parses one pattern into the step sequences the matcher runs: usually one, more when an alternative spans several
 * words ("isn't|doesn't" gives "isn t" and "doesn t"). Throws {@link PatternSyntaxError} naming the offending part.
 */
export function parsePattern(pattern: string, lang: Lang | 'any'): PatternStep[][] {
  const words = pattern.trim().split(/\s+/);
  let variants: PatternStep[][] = [[]];
  for (const word of words) {
    if (word === '...' || word === '~') {
      if (variants[0]!.length === 0) {
        throw new PatternSyntaxError(`"${pattern}": a pattern cannot start with "${word}"`);
      }
      if (typeof variants[0]!.at(-1) === 'number')
        throw new PatternSyntaxError(`"${pattern}": two gaps in a row`);
      const gap = word === '~' ? SENTENCE_GAP : MAX_GAP;
      variants = variants.map((steps) => [...steps, gap]);
      continue;
    }
    let optional = false;
    let body = word;
    if (word.startsWith('[') || word.endsWith(']')) {
      if (!(word.startsWith('[') && word.endsWith(']')) || word.length < 3) {
        throw new PatternSyntaxError(`"${pattern}": "${word}" has an unclosed or empty [ ]`);
      }
      optional = true;
      body = word.slice(1, -1);
    }
    body = body.replace(/^\((.*)\)$/, '$1');
    const alternatives = body.split('|');
    if (
      alternatives.some((alternative) => alternative === '' || alternative === '*' || alternative === '**')
    ) {
      throw new PatternSyntaxError(`"${pattern}": "${word}" has an empty alternative`);
    }
    const expanded = alternatives.map((alternative) => expandAlternative(alternative, lang));
    // Single-word alternatives share one step; each multi-word alternative becomes a sequence of its own.
    const singleWords = [
      ...new Set(expanded.filter((parts) => parts.length === 1).flatMap((parts) => parts[0]!)),
    ];
    const options: PatternStep[][] = [];
    if (singleWords.length > 0) options.push([optional ? { optional: singleWords } : singleWords]);
    for (const parts of expanded.filter((parts) => parts.length > 1)) {
      if (optional) throw new PatternSyntaxError(`"${pattern}": a hyphenated word cannot be optional`);
      options.push(parts);
    }
    variants = variants.flatMap((steps) => options.map((option) => [...steps, ...option]));
    if (variants.length > MAX_VARIANTS) {
      throw new PatternSyntaxError(
        `"${pattern}": expands to more than ${MAX_VARIANTS} variants; split it up`,
      );
    }
  }
  for (const steps of variants) {
    if (typeof steps.at(-1) === 'number')
      throw new PatternSyntaxError(`"${pattern}": a pattern cannot end with a gap ("..." or "~")`);
    if (!steps.some((step) => Array.isArray(step))) {
      throw new PatternSyntaxError(`"${pattern}": a pattern needs at least one word that is not optional`);
    }
  }
  return variants;
}
