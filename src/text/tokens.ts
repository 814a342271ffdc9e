/** Words of folded text: runs of letters, or runs of digits ("300mg" is "300" and "mg"). */

export interface Token {
  /** The folded word. */
  text: string;
  start: number;
  end: number;
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;
const isAsciiLetter = (code: number) => code >= 0x61 && code <= 0x7a;
const LETTER = /\p{L}/u;
const isLetter = (code: number) =>
  isAsciiLetter(code) ||
  (code >= 0xc0 && !(code >= 0xd800 && code <= 0xdfff) && LETTER.test(String.fromCharCode(code)));

/** Splits `text[from, to)` into tokens; offsets are into `text`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    const kind = isDigit(code) ? 1 : isLetter(code) ? 2 : 0;
    if (kind === 0) {
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < to) {
      const next = text.charCodeAt(i);
      if (kind === 1 ? !isDigit(next) : !isLetter(next)) break;
      i++;
    }
    tokens.push({ text: text.slice(start, i), start, end: i });
  }
  return tokens;
}
