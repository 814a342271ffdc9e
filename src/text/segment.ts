/**
 * Sentence spans in folded text. A sentence ends at a line break, or at `.`, `!`, `?` or `…` followed by a space and
 * then something that is not a lower-case letter — except after abbreviations (bijv., o.a., e.g., dr.) and initials.
 * Decimals and doses ("2,5 mg", "0.5 g") never split, since no space follows their separator. Footnote markers
 * right after the terminator ("verlaagt.10 Zo", "zorgt.[5] Het") stay with the sentence they close.
 */
import type { FoldedText } from './normalize';

export interface Span {
  start: number;
  end: number;
}

/** Abbreviations (folded, without their final period) after which a period does not end a sentence. */
const ABBREVIATIONS = new Set([
  // Dutch
  'bijv',
  'bv',
  'o.a',
  'oa',
  'd.w.z',
  'dwz',
  'm.a.w',
  'mw',
  'dhr',
  'mevr',
  'ca',
  'resp',
  'incl',
  'excl',
  'evt',
  'enz',
  'nr',
  'blz',
  'zgn',
  'z.g.a',
  'i.p.v',
  'ipv',
  't.o.v',
  'tov',
  'a.d.h.v',
  'adhv',
  'm.b.t',
  'mbt',
  'i.c.m',
  'icm',
  'o.b.v',
  'obv',
  'vnl',
  'drs',
  'ir',
  'ing',
  'mr',
  'dr',
  'prof',
  'st',
  'jl',
  'vgl',
  'afb',
  'fig',
  'max',
  'min',
  'gem',
  'ong',
  'aug',
  'sept',
  'okt',
  'dec',
  // English
  'e.g',
  'eg',
  'i.e',
  'ie',
  'etc',
  'vs',
  'approx',
  'mrs',
  'ms',
  'jr',
  'sr',
  'no',
  'vol',
  'al',
  'cf',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'sep',
  'oct',
  'nov',
  'u.s',
  'u.k',
]);

const TERMINATORS = new Set(['.', '!', '?', '…']);
/** A line break or a terminator. */
const BOUNDARY = /[\n.!?…]/g;
const CLOSERS = new Set(['"', "'", ')', ']', '»']);

const WORD_CHARACTER = /[\p{L}\p{N}.]/u;
const isAsciiWordCharacter = (code: number) =>
  (code >= 0x61 && code <= 0x7a) ||
  (code >= 0x41 && code <= 0x5a) ||
  (code >= 0x30 && code <= 0x39) ||
  code === 0x2e;
/** A letter, a digit or a period; ASCII is told from its code, without a regular expression. */
const isWordCharacter = (text: string, at: number) => {
  const code = text.charCodeAt(at);
  return code < 0x80 ? isAsciiWordCharacter(code) : WORD_CHARACTER.test(text[at]!);
};

/** Whitespace as `\s` has it; ASCII is told from its code. */
const isWhitespace = (text: string, at: number) => {
  const code = text.charCodeAt(at);
  return code < 0x80 ? code === 0x20 || (code >= 0x09 && code <= 0x0d) : /\s/.test(text[at]!);
};

/** The word (letters, digits and inner periods) that ends just before `index`. */
function wordBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && isWordCharacter(text, start - 1)) start--;
  return text.slice(start, index);
}

/** Footnote markers glued to a terminator: "[3]", "[3][4]", or digits like "10" or "17,18" after a word's period. */
const BRACKET_FOOTNOTE = /^(\[\d{1,3}(?:[,–-]\d{1,3})*\])+/;
const DIGIT_FOOTNOTE = /^\d{1,3}(?:[,–-]\d{1,3})*(?=\s)/;

function skipFootnote(text: string, at: number, to: number, terminator: number): number {
  const rest = text.slice(at, Math.min(to, at + 24));
  const bracket = BRACKET_FOOTNOTE.exec(rest);
  if (bracket) return at + bracket[0].length;
  // Only after a letter: "2.5 mg" has a digit before its period and is a decimal, not a footnote.
  if (/\p{L}/u.test(text[terminator - 1] ?? '')) {
    const digits = DIGIT_FOOTNOTE.exec(rest);
    if (digits) return at + digits[0].length;
  }
  return at;
}

function isLowerCaseLetter(char: string | undefined): boolean {
  return char !== undefined && char !== char.toUpperCase() && char === char.toLowerCase();
}

/**
 * Splits `folded.text[from, to)` into trimmed sentence spans. `original` is consulted for letter case, which the
 * folded text no longer has.
 */
export function splitSentences(
  folded: FoldedText,
  original: string,
  from = 0,
  to = folded.text.length,
): Span[] {
  const text = folded.text;
  const spans: Span[] = [];
  let start = from;

  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && isWhitespace(text, s)) s++;
    while (e > s && isWhitespace(text, e - 1)) e--;
    if (e > s) spans.push({ start: s, end: e });
  };

  // Most characters are neither a line break nor a terminator: a regular expression skips them at native speed.
  // (`test` with the `g` flag leaves `lastIndex` just past the one it found, and allocates nothing.)
  BOUNDARY.lastIndex = from;
  while (BOUNDARY.test(text)) {
    const i = BOUNDARY.lastIndex - 1;
    if (i >= to) break;
    if (text.charCodeAt(i) === 0x0a) {
      push(i);
      start = i + 1;
      continue;
    }
    const char = text[i]!;
    let end = i + 1;
    while (end < to && (TERMINATORS.has(text[end]!) || CLOSERS.has(text[end]!))) end++;
    // Every terminator of this run leads to the same decision: look at the run once (".?.?.?" stays linear).
    const runEnd = end;
    end = skipFootnote(text, end, to, i);
    if (end >= to) break;
    if (text[end] !== ' ' && text[end] !== '\n') {
      BOUNDARY.lastIndex = runEnd;
      continue;
    }
    let next = end;
    while (next < to && text[next] === ' ') next++;
    if (next >= to) break;
    if (char === '.') {
      const word = wordBefore(text, i);
      const initial = /^\p{L}$/u.test(word) && /\p{Lu}/u.test(original[folded.starts[i - 1]!] ?? '');
      if (ABBREVIATIONS.has(word) || initial) {
        BOUNDARY.lastIndex = runEnd;
        continue; // "bijv. Magnesium", "J. Smith" (but "0,5 g. Daarna" splits)
      }
    }
    const nextOriginal = original[folded.starts[next]!];
    if (isLowerCaseLetter(nextOriginal)) {
      BOUNDARY.lastIndex = runEnd;
      continue; // "ca. 300 mg", "o.a. slaap" and other mid-sentence periods
    }
    push(end);
    start = end;
    BOUNDARY.lastIndex = end;
  }
  push(to);
  return spans;
}
