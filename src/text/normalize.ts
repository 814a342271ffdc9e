/**
 * Folds text for matching — lower case, no accents, no soft hyphens or zero-width characters, straight quotes and
 * dashes, whitespace runs folded to one space (a run with a line break folds to "\n") — and keeps an offset map back
 * to the original, so every match can be highlighted at its exact place in the page.
 */

/** A folded text and its offset map (read-only: the maps of plain ASCII text share one buffer). */
export interface FoldedText {
  /** The folded text. */
  text: string;
  /** For each folded code unit, the original offset where it starts. */
  starts: Uint32Array;
  /** For each folded code unit, the original offset where it ends (covering dropped marks that follow it). */
  ends: Uint32Array;
}

const SOFT_HYPHEN = 0x00ad;
const isDropped = (code: number) =>
  code === SOFT_HYPHEN ||
  (code >= 0x200b && code <= 0x200d) ||
  code === 0x2060 ||
  code === 0xfeff ||
  // Combining marks and variation selectors: the accent goes, the letter (or emoji) stays.
  (code >= 0x0300 && code <= 0x036f) ||
  (code >= 0x1ab0 && code <= 0x1aff) ||
  (code >= 0x1dc0 && code <= 0x1dff) ||
  (code >= 0x20d0 && code <= 0x20ff) ||
  (code >= 0xfe00 && code <= 0xfe0f) ||
  (code >= 0xfe20 && code <= 0xfe2f);

/**
 * Any character {@link foldText} drops inside a word, as a pattern: `isDropped`'s characters, and every mark (also
 * the halfwidth sound marks, which decompose to marks). Text without one folds to the words it shows, so a plain
 * search finds them: the prefilter's fast path. tests/text/normalize.test.ts checks it against foldText.
 */
export const DROPPED_CHARACTER =
  /[\u00ad\u200b-\u200d\u2060\ufeff\uff9e\uff9f]|\p{M}|[\u1ab0-\u1aff]|[\u1dc0-\u1dff]|[\u20d0-\u20ff]|[\ufe20-\ufe2f]/u;

const isSpace = (code: number) =>
  code === 0x20 ||
  (code >= 0x09 && code <= 0x0d) ||
  code === 0xa0 ||
  (code >= 0x2000 && code <= 0x200a) ||
  code === 0x2028 ||
  code === 0x2029 ||
  code === 0x202f ||
  code === 0x205f ||
  code === 0x3000;
const isLineBreak = (code: number) => code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;

const SINGLE_QUOTES = new Set([0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x00b4, 0x0060]);
const DOUBLE_QUOTES = new Set([0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0x00ab, 0x00bb]);
const isDash = (code: number) => (code >= 0x2010 && code <= 0x2015) || code === 0x2212;

/** Folded forms of non-ASCII characters, computed once per character. NFKD also splits ligatures (ﬁ → fi). */
const foldCache = new Map<number, string>();
function foldChar(code: number): string {
  let folded = foldCache.get(code);
  if (folded === undefined) {
    folded = String.fromCharCode(code).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    foldCache.set(code, folded);
  }
  return folded;
}

/** Printable ASCII: if it has no double space either, folding only lower-cases it, character for character. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** 0, 1, 2, …: the offset map of text folded character for character, shared by all such texts. */
let identity = new Uint32Array(0);
function identityMap(length: number): Uint32Array {
  if (identity.length <= length) {
    identity = new Uint32Array(Math.max(length + 1, identity.length * 2, 4096));
    for (let i = 0; i < identity.length; i++) identity[i] = i;
  }
  return identity;
}

export function foldText(original: string): FoldedText {
  const length = original.length;
  // Most sentences on a page are plain ASCII: lower-casing them is all folding does, at native speed.
  if (PRINTABLE_ASCII.test(original) && !original.includes('  ')) {
    const map = identityMap(length);
    return {
      text: original.toLowerCase(),
      starts: map.subarray(0, length),
      ends: map.subarray(1, length + 1),
    };
  }
  // Folding rarely grows text; the buffers grow when a character folds into several (Hangul, ligatures).
  let capacity = length + 16;
  let out = new Uint16Array(capacity);
  let starts = new Uint32Array(capacity);
  let ends = new Uint32Array(capacity);
  let size = 0;
  const reserve = (extra: number) => {
    if (size + extra <= capacity) return;
    capacity = Math.max(capacity * 2, size + extra);
    const grow = <T extends Uint16Array | Uint32Array>(from: T, to: T) => (to.set(from), to);
    out = grow(out, new Uint16Array(capacity));
    starts = grow(starts, new Uint32Array(capacity));
    ends = grow(ends, new Uint32Array(capacity));
  };
  let inSpace = false;

  for (let i = 0; i < length; i++) {
    reserve(1); // every path below writes at most one unit, except folds, which reserve their own length
    const code = original.charCodeAt(i);
    if (isSpace(code)) {
      if (inSpace) {
        if (isLineBreak(code)) out[size - 1] = 0x0a;
        continue;
      }
      inSpace = true;
      out[size] = isLineBreak(code) ? 0x0a : 0x20;
      starts[size] = i;
      ends[size] = i + 1;
      size++;
      continue;
    }
    if (isDropped(code)) {
      if (size > 0 && !inSpace) ends[size - 1] = i + 1;
      continue;
    }
    inSpace = false;
    if (code < 0x80) {
      out[size] = code >= 0x41 && code <= 0x5a ? code + 32 : code;
      starts[size] = i;
      ends[size] = i + 1;
      size++;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      // Surrogates (emoji and other astral characters) pass through unchanged, a unit at a time.
      out[size] = code;
      starts[size] = i;
      ends[size] = i + 1;
      size++;
      continue;
    }
    const replacement = SINGLE_QUOTES.has(code)
      ? "'"
      : DOUBLE_QUOTES.has(code)
        ? '"'
        : isDash(code)
          ? '-'
          : foldChar(code);
    reserve(replacement.length);
    for (let k = 0; k < replacement.length; k++) {
      out[size] = replacement.charCodeAt(k);
      starts[size] = i;
      ends[size] = i + 1;
      size++;
    }
  }

  let text = '';
  const CHUNK = 8192;
  for (let at = 0; at < size; at += CHUNK) {
    text += String.fromCharCode.apply(
      null,
      out.subarray(at, Math.min(size, at + CHUNK)) as unknown as number[],
    );
  }
  return { text, starts: starts.slice(0, size), ends: ends.slice(0, size) };
}

/** Maps a span of folded text back to the original: `[start, end)` in folded units → original offsets. */
export function toOriginalSpan(
  folded: FoldedText,
  start: number,
  end: number,
): { start: number; end: number } {
  if (end <= start) {
    const at = start < folded.starts.length ? folded.starts[start]! : (folded.ends.at(-1) ?? 0);
    return { start: at, end: at };
  }
  return { start: folded.starts[start]!, end: folded.ends[end - 1]! };
}
