/**
 * `foldText` folds most text on a fast path (every character folds to one code unit, no whitespace collapses) and
 * the rest on the general path, `foldAnyText`. Whatever the text, both must give the same folded text and the same
 * offset maps: the fast path is only a shortcut.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DROPPED_CHARACTER, foldAnyText, foldText, hasDroppedCharacter } from '../../src/text/normalize';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261121) });

/** Characters each path treats its own way, and some that sit on the edge between the two. */
const PIECES = [
  // Plain ASCII, spaces and the control characters that fold to spaces or line breaks.
  'a',
  'Z',
  'Mg',
  'magnesium',
  ' ',
  '  ',
  '.',
  '`',
  '\t',
  '\n',
  '\r\n',
  '\u000b',
  '\u007f',
  '\u0000',
  // Latin-1 and other letters that fold to one unit, or to several.
  'é',
  'Ë',
  'ç',
  'Ø',
  'ß',
  'æ',
  'µ',
  '½',
  '²',
  'İ',
  'Σ',
  'ΑΣ',
  'ǅ',
  'Ω',
  '\u212a',
  'ﬁ',
  'ﬃ',
  '\ufdfa',
  '가',
  'Ｍ',
  // Quotes and dashes.
  '’',
  '‘',
  '“',
  '”',
  '«',
  '»',
  '\u00b4',
  '\u2032',
  '–',
  '—',
  '\u2212',
  '…',
  // Spaces and line breaks beyond ASCII.
  '\u00a0',
  '\u00a0\u00a0',
  '\u2009',
  '\u202f',
  '\u3000',
  '\u1680',
  '\u0085',
  '\u2028',
  '\u2029',
  // Dropped characters: soft hyphen, zero-width characters, combining marks, variation selectors.
  '\u00ad',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u0301',
  'e\u0301',
  '\u20dd',
  '\ufe0f',
  '\uff9e',
  // Emoji and lone surrogates.
  '😴',
  '👩‍👩‍👧',
  '❤️',
  '\ud83d',
  '\udc00',
];

/** Text drawn from the pieces above, mostly short. */
const text = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 24 })
  .map((parts) => parts.join(''));

const plain = (folded: ReturnType<typeof foldText>) => ({
  text: folded.text,
  starts: [...folded.starts],
  ends: [...folded.ends],
});

describe('foldText: the fast path', () => {
  it('folds exactly as the general path does', () => {
    fc.assert(
      fc.property(text, (original) => {
        expect(plain(foldText(original))).toEqual(plain(foldAnyText(original)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('folds every single code unit as the general path does', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const original = `x${String.fromCharCode(code)}y`;
      expect(plain(foldText(original)), code.toString(16)).toEqual(plain(foldAnyText(original)));
    }
  });

  it('folds text that outgrows the general path’s buffers', () => {
    const hangul = foldAnyText('가').text;
    const original = 'ﬃ'.repeat(40) + 'Magnesium helpt. '.repeat(5000) + '가'.repeat(30_000);
    const folded = foldText(original);
    expect(folded.text).toBe('ffi'.repeat(40) + 'magnesium helpt. '.repeat(5000) + hangul.repeat(30_000));
    expect([folded.starts[0], folded.starts[2], folded.starts[3], folded.starts[120]]).toEqual([0, 0, 1, 40]);
    expect(folded.ends.at(-1)).toBe(original.length);
  });
});

describe('hasDroppedCharacter', () => {
  it('agrees with DROPPED_CHARACTER on every code unit and on astral marks', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const original = `ab${String.fromCharCode(code)}`;
      expect(hasDroppedCharacter(original), code.toString(16)).toBe(DROPPED_CHARACTER.test(original));
    }
    for (const original of ['\u{1d165}', 'x\u{e0100}', '😴', 'plain ascii']) {
      expect(hasDroppedCharacter(original)).toBe(DROPPED_CHARACTER.test(original));
    }
  });
});
