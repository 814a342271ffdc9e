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
const CLOSERS = new Set(['"', "'", ')', ']', '»']);

/** The word (letters, digits and inner periods) that ends just before `index`. */
function wordBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && /[\p{L}\p{N}.]/u.test(text[start - 1]!)) start--;
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
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) spans.push({ start: s, end: e });
  };

  for (let i = from; i < to; i++) {
    // Most characters are neither a line break nor a terminator: tell that from the code unit alone.
    const code = text.charCodeAt(i);
    if (code === 0x0a) {
      push(i);
      start = i + 1;
      continue;
    }
    if (code !== 0x2e && code !== 0x21 && code !== 0x3f && code !== 0x2026) continue; // . ! ? …
    const char = text[i]!;
    let end = i + 1;
    while (end < to && (TERMINATORS.has(text[end]!) || CLOSERS.has(text[end]!))) end++;
    // Every terminator of this run leads to the same decision: look at the run once (".?.?.?" stays linear).
    const runEnd = end;
    end = skipFootnote(text, end, to, i);
    if (end >= to) break;
    if (text[end] !== ' ' && text[end] !== '\n') {
      i = runEnd - 1;
      continue;
    }
    let next = end;
    while (next < to && text[next] === ' ') next++;
    if (next >= to) break;
    if (char === '.') {
      const word = wordBefore(text, i);
      const initial = /^\p{L}$/u.test(word) && /\p{Lu}/u.test(original[folded.starts[i - 1]!] ?? '');
      if (ABBREVIATIONS.has(word) || initial) {
        i = runEnd - 1;
        continue; // "bijv. Magnesium", "J. Smith" (but "0,5 g. Daarna" splits)
      }
    }
    const nextOriginal = original[folded.starts[next]!];
    if (isLowerCaseLetter(nextOriginal)) {
      i = runEnd - 1;
      continue; // "ca. 300 mg", "o.a. slaap" and other mid-sentence periods
    }
    push(end);
    start = end;
    i = end - 1;
  }
  push(to);
  return spans;
}
