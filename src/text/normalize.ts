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

/** Any code unit from U+0300 on. Without the u flag, V8 answers it for a string of Latin-1 characters at once. */
const FROM_U0300 = /[\u0300-\uffff]/;
/**
 * Whether `text` has a character that {@link foldText} drops. Below U+0300 that is only the soft hyphen, found by a
 * native search; the full pattern runs only on text with characters from U+0300 on (curly quotes, emoji …).
 */
export const hasDroppedCharacter = (text: string) =>
  text.includes('\u00ad') || (FROM_U0300.test(text) && DROPPED_CHARACTER.test(text));

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
const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

/**
 * Folded forms of non-ASCII characters (not spaces, not dropped), computed once per character: straight quotes and
 * dashes, else NFKD without marks, lower-cased. NFKD also splits ligatures (ﬁ → fi).
 */
const foldCache = new Map<number, string>();
function foldChar(code: number): string {
  let folded = foldCache.get(code);
  if (folded === undefined) {
    folded = SINGLE_QUOTES.has(code)
      ? "'"
      : DOUBLE_QUOTES.has(code)
        ? '"'
        : isDash(code)
          ? '-'
          : String.fromCharCode(code).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    foldCache.set(code, folded);
  }
  return folded;
}

/** 0, 1, 2, …: the offset map of text folded character for character, shared by all such texts. */
let identity = new Uint32Array(0);
function identityMap(length: number): Uint32Array {
  if (identity.length <= length) {
    identity = new Uint32Array(Math.max(length + 1, identity.length * 2, 4096));
    for (let i = 0; i < identity.length; i++) identity[i] = i;
  }
  return identity;
}

/** What printable ASCII text without a double space can contain that folding does more with than lower-casing. */
const NOT_PLAIN = /[^\x20-\x7e]| {2}/g;

/**
 * Folds text in which every character folds to exactly one code unit and no whitespace collapses — most text on a
 * page, accents, curly quotes, dashes and no-break spaces included — with the offset map of plain text: ASCII is
 * lower-cased natively, the rest one unit at a time. Returns undefined for any other text.
 */
function foldUnitForUnit(original: string): string | undefined {
  // (`test` with the `g` flag leaves `lastIndex` just past what it found, and allocates nothing.)
  NOT_PLAIN.lastIndex = 0;
  // Most sentences on a page are plain ASCII: lower-casing them is all folding does, at native speed.
  if (!NOT_PLAIN.test(original)) return original.toLowerCase();
  let text = '';
  let copied = 0; // original[0, copied) is folded into `text`
  do {
    const at = NOT_PLAIN.lastIndex - 1;
    const code = original.charCodeAt(at);
    // A double space, a control character or a line break.
    if (code < 0x80) return undefined;
    let unit: number;
    if (isSpace(code)) {
      // A lone space folds to " "; one next to another space would collapse with it.
      if (isLineBreak(code) || isSpace(original.charCodeAt(at - 1)) || isSpace(original.charCodeAt(at + 1)))
        return undefined;
      unit = 0x20;
    } else if (isSurrogate(code)) {
      unit = code;
    } else {
      const folded = isDropped(code) ? '' : foldChar(code);
      if (folded.length !== 1) return undefined;
      unit = folded.charCodeAt(0);
    }
    text += original.slice(copied, at).toLowerCase() + String.fromCharCode(unit);
    copied = at + 1;
  } while (NOT_PLAIN.test(original));
  return text + original.slice(copied).toLowerCase();
}

export function foldText(original: string): FoldedText {
  const text = foldUnitForUnit(original);
  if (text === undefined) return foldAnyText(original);
  const map = identityMap(original.length);
  return { text, starts: map.subarray(0, text.length), ends: map.subarray(1, text.length + 1) };
}

/**
 * The general path's buffers, kept from call to call (it copies out what it returns): allocating them for every text
 * cost more than folding it. Kept up to 4K units (40 KB), what a long paragraph needs; a longer text gets its own.
 */
interface Buffers {
  out: Uint16Array;
  starts: Uint32Array;
  ends: Uint32Array;
}
const KEPT_CAPACITY = 1 << 12;
const newBuffers = (capacity: number): Buffers => ({
  out: new Uint16Array(capacity),
  starts: new Uint32Array(capacity),
  ends: new Uint32Array(capacity),
});
let scratch = newBuffers(1024);

/** Buffers that hold `needed` units, with the first `size` of `from`. */
function grow(from: Buffers, size: number, needed: number): Buffers {
  const grown = newBuffers(Math.max(needed, from.out.length * 2));
  grown.out.set(from.out.subarray(0, size));
  grown.starts.set(from.starts.subarray(0, size));
  grown.ends.set(from.ends.subarray(0, size));
  if (grown.out.length <= KEPT_CAPACITY) scratch = grown;
  return grown;
}

/** Folds any text; {@link foldText} takes this path only for text that does not fold unit for unit. Exported for tests. */
export function foldAnyText(original: string): FoldedText {
  const length = original.length;
  let { out, starts, ends } = scratch;
  let size = 0;
  let inSpace = false;

  for (let i = 0; i < length; i++) {
    // Every path below writes at most one unit, except folds into several (Hangul, ligatures), which grow their own.
    if (size === out.length) ({ out, starts, ends } = grow({ out, starts, ends }, size, size + 1));
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
    // ASCII is lower-cased; surrogates (emoji and other astral characters) pass through unchanged, a unit at a time.
    if (code < 0x80 || isSurrogate(code)) {
      out[size] = code >= 0x41 && code <= 0x5a ? code + 32 : code;
      starts[size] = i;
      ends[size] = i + 1;
      size++;
      continue;
    }
    const folded = foldChar(code);
    if (size + folded.length > out.length)
      ({ out, starts, ends } = grow({ out, starts, ends }, size, size + folded.length));
    for (let k = 0; k < folded.length; k++) {
      out[size] = folded.charCodeAt(k);
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
  // Both maps in one buffer: one allocation outside the heap instead of two.
  const maps = new Uint32Array(2 * size);
  maps.set(starts.subarray(0, size));
  maps.set(ends.subarray(0, size), size);
  return { text, starts: maps.subarray(0, size), ends: maps.subarray(size) };
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
