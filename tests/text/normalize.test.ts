import { describe, it, expect } from 'vitest';
import { DROPPED_CHARACTER, foldText, toOriginalSpan, type FoldedText } from '../../src/text/normalize';
import { tokenize } from '../../src/text/tokens';

const fold = (text: string) => foldText(text).text;

/** The original text behind folded `[start, end)`. */
function originalOf(original: string, folded: FoldedText, start: number, end: number): string {
  const span = toOriginalSpan(folded, start, end);
  return original.slice(span.start, span.end);
}

/** The original text behind the first occurrence of `word` in the folded text. */
function originalOfWord(original: string, word: string): string {
  const folded = foldText(original);
  const at = folded.text.indexOf(word);
  expect(at, `"${word}" in folded "${folded.text}"`).toBeGreaterThanOrEqual(0);
  return originalOf(original, folded, at, at + word.length);
}

describe('foldText: the offset map', () => {
  it('has one start and one end per folded code unit', () => {
    for (const text of ['', 'Magnesium', 'Café  \n crème', 'e\u0301\u00ad💤 Ä']) {
      const folded = foldText(text);
      expect(folded.starts).toHaveLength(folded.text.length);
      expect(folded.ends).toHaveLength(folded.text.length);
    }
  });

  it('maps plain ASCII one to one', () => {
    const original = 'Magnesium helpt';
    const folded = foldText(original);
    expect(folded.text).toBe('magnesium helpt');
    expect(originalOf(original, folded, 10, 15)).toBe('helpt');
    expect(originalOf(original, folded, 0, folded.text.length)).toBe(original);
  });

  it('leaves empty text empty', () => {
    const folded = foldText('');
    expect(folded.text).toBe('');
    expect(toOriginalSpan(folded, 0, 0)).toEqual({ start: 0, end: 0 });
  });

  it('maps an empty span to a caret position', () => {
    const original = 'Slaap beter';
    const folded = foldText(original);
    expect(toOriginalSpan(folded, 6, 6)).toEqual({ start: 6, end: 6 });
    // At the end of the text the caret sits after the last original character, dropped marks included.
    expect(toOriginalSpan(folded, folded.text.length, folded.text.length)).toEqual({ start: 11, end: 11 });
    const withMark = 'Cafe\u0301';
    expect(toOriginalSpan(foldText(withMark), 4, 4)).toEqual({ start: 5, end: 5 });
  });
});

describe('foldText: case and diacritics', () => {
  it.each([
    ['MAGNESIUM', 'magnesium'],
    ['Magnesium Citraat', 'magnesium citraat'],
    ['café', 'cafe'],
    ['Crème brûlée', 'creme brulee'],
    ['ideeën', 'ideeen'],
    ['naïef', 'naief'],
    ['Één', 'een'],
    ['ÇA VA', 'ca va'],
    ['Ångström', 'angstrom'],
    ['Straße', 'straße'],
    ['ẞ', 'ß'],
    ['Øresund', 'øresund'],
  ])('%j folds to %j', (original, expected) => {
    const folded = foldText(original);
    expect(folded.text).toBe(expected);
    // Precomposed letters fold one for one.
    expect(folded.text).toHaveLength(original.length);
  });

  it('maps a word with precomposed accents back to itself', () => {
    expect(originalOfWord('Het zijn maar ideeën, naïef.', 'ideeen')).toBe('ideeën');
    expect(originalOfWord('Het zijn maar ideeën, naïef.', 'naief')).toBe('naïef');
  });

  it('folds Turkish dotted capital İ to a plain "i" of one unit', () => {
    // "İ".toLowerCase() is "i̇" (two units); stripping the mark first leaves a plain "i", so the offset map stays 1:1.
    const original = 'İstanbul İLAÇ';
    const folded = foldText(original);
    expect(folded.text).toBe('istanbul ilac');
    expect(originalOf(original, folded, 0, 8)).toBe('İstanbul');
    expect(originalOf(original, folded, 9, 13)).toBe('İLAÇ');
  });

  // Regression (fixed): compatibility characters are not decomposed (NFD, not NFKD), so the "ﬁ" ligature that PDF and typeset text
  // copy into pages stays one character and "ﬁbromyalgie" never matches "fibromyalgie". Expected "fi"; actual "ﬁ".
  it('folds the "ﬁ" ligature to "fi"', () => {
    const original = 'Magnesium bij ﬁbromyalgie';
    const folded = foldText(original);
    expect(folded.text).toBe('magnesium bij fibromyalgie');
    expect(originalOf(original, folded, 14, folded.text.length)).toBe('ﬁbromyalgie');
  });
});

describe('foldText: combining marks', () => {
  it('drops a combining acute and lets the letter cover it', () => {
    const original = 'cafe\u0301 open';
    const folded = foldText(original);
    expect(folded.text).toBe('cafe open');
    expect(originalOf(original, folded, 3, 4)).toBe('e\u0301');
    expect(originalOf(original, folded, 0, 4)).toBe('cafe\u0301');
    // Offsets after the mark are still right.
    expect(originalOf(original, folded, 5, 9)).toBe('open');
  });

  it('drops several stacked marks and covers them all', () => {
    const original = 'Zoe\u0308\u0301 slaapt';
    const folded = foldText(original);
    expect(folded.text).toBe('zoe slaapt');
    expect(originalOf(original, folded, 0, 3)).toBe('Zoe\u0308\u0301');
    expect(originalOf(original, folded, 4, 10)).toBe('slaapt');
  });

  it('folds decomposed (NFD) text like the precomposed form', () => {
    const composed = 'Één ideeën naïef café';
    const decomposed = composed.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan(composed.length);
    expect(fold(decomposed)).toBe(fold(composed));
    expect(originalOfWord(decomposed, 'ideeen')).toBe('ideeën'.normalize('NFD'));
  });

  // Regression (fixed): only U+0300–U+036F are treated as droppable marks in the offset map. Other combining marks (U+1DC4, the
  // emoji variation selector U+FE0F, …) are removed by the per-character fold but the preceding unit's span does not
  // grow to cover them. foldText('a\u1DC4b'): toOriginalSpan(…, 0, 1) is {0, 1}; expected {0, 2}.
  it('covers combining marks outside U+0300–U+036F too', () => {
    const original = 'a\u1DC4b';
    const folded = foldText(original);
    expect(folded.text).toBe('ab');
    expect(toOriginalSpan(folded, 0, 1)).toEqual({ start: 0, end: 2 });
  });
});

describe('foldText: invisible characters', () => {
  it.each([
    ['soft hyphen', '\u00ad'],
    ['zero-width space', '\u200b'],
    ['zero-width non-joiner', '\u200c'],
    ['zero-width joiner', '\u200d'],
    ['word joiner', '\u2060'],
    ['byte order mark', '\ufeff'],
  ])('drops a %s inside a word and maps the word over it', (_name, invisible) => {
    const original = `Neem magne${invisible}sium elke dag`;
    const folded = foldText(original);
    expect(folded.text).toBe('neem magnesium elke dag');
    expect(originalOf(original, folded, 5, 14)).toBe(`magne${invisible}sium`);
    expect(originalOf(original, folded, 15, 19)).toBe('elke');
  });

  it('reads "Magnesium\u00adcitraat" with a soft hyphen as one Dutch word', () => {
    const original = 'Magnesium\u00adcitraat helpt bij kramp.';
    const folded = foldText(original);
    expect(folded.text).toBe('magnesiumcitraat helpt bij kramp.');
    expect(tokenize(folded.text).map((token) => token.text)).toEqual([
      'magnesiumcitraat',
      'helpt',
      'bij',
      'kramp',
    ]);
    expect(originalOf(original, folded, 0, 16)).toBe('Magnesium\u00adcitraat');
    // A match on the first part only still ends where the visible part ends (the hyphen is invisible).
    expect(originalOf(original, folded, 0, 9).replace('\u00ad', '')).toBe('Magnesium');
    expect(originalOf(original, folded, 17, 22)).toBe('helpt');
  });

  it('does not attach an invisible character at the start of a word to the space before it', () => {
    const original = 'slaap \u200bbeter';
    const folded = foldText(original);
    expect(folded.text).toBe('slaap beter');
    expect(originalOf(original, folded, 6, 11)).toBe('beter');
    expect(originalOf(original, folded, 5, 6)).toBe(' ');
  });

  it('drops a leading byte order mark', () => {
    const original = '\ufeffMagnesium';
    const folded = foldText(original);
    expect(folded.text).toBe('magnesium');
    expect(originalOf(original, folded, 0, 9)).toBe('Magnesium');
  });
});

describe('DROPPED_CHARACTER', () => {
  it('matches exactly the characters of the Basic Multilingual Plane that folding drops inside a word', () => {
    const disagree: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // lone surrogates pass through
      const char = String.fromCharCode(code);
      const dropped = foldText(`a${char}b`).text === 'ab';
      if (dropped !== DROPPED_CHARACTER.test(char)) disagree.push(code.toString(16));
    }
    expect(disagree).toEqual([]);
  });
});

describe('foldText: punctuation', () => {
  it.each([
    ['\u2018slaap\u2019', "'slaap'"],
    ['\u201cwonder\u201d', '"wonder"'],
    ['\u201ewondermiddel\u201d', '"wondermiddel"'],
    ['\u00abmiracle\u00bb', '"miracle"'],
    ['it\u2019s', "it's"],
    ['300\u2013400 mg', '300-400 mg'],
    ['slaap \u2014 of niet', 'slaap - of niet'],
    ['anti\u2010stress', 'anti-stress'],
    ['\u2212 5', '- 5'],
  ])('%j folds to %j', (original, expected) => {
    const folded = foldText(original);
    expect(folded.text).toBe(expected);
    expect(folded.text).toHaveLength(original.length);
  });

  it('keeps other punctuation as it is', () => {
    expect(fold('Echt?! (Ja.) 2,5 mg; 0.5 g: 50%')).toBe('echt?! (ja.) 2,5 mg; 0.5 g: 50%');
  });
});

describe('foldText: whitespace', () => {
  it.each([
    ['a  b', 'a b'],
    ['a \t  b', 'a b'],
    ['a\u00a0b', 'a b'],
    ['300\u202fmg', '300 mg'],
    ['a\u2003\u2009b', 'a b'],
    ['a\nb', 'a\nb'],
    ['a \n b', 'a\nb'],
    ['a  \r\n\r\n  b', 'a\nb'],
    ['a\r\nb', 'a\nb'],
    ['a\u2028b', 'a\nb'],
    ['a\u3000b', 'a b'],
  ])('%j folds to %j', (original, expected) => {
    expect(fold(original)).toBe(expected);
  });

  it('keeps offsets after a collapsed run', () => {
    const original = 'Magnesium   \n\n  helpt\u00a0\u00a0echt';
    const folded = foldText(original);
    expect(folded.text).toBe('magnesium\nhelpt echt');
    expect(originalOf(original, folded, 10, 15)).toBe('helpt');
    expect(originalOf(original, folded, 16, 20)).toBe('echt');
    // A span across the collapsed run covers the whole run.
    expect(originalOf(original, folded, 0, 15)).toBe('Magnesium   \n\n  helpt');
    // The folded space starts where the run starts.
    expect(toOriginalSpan(folded, 9, 10).start).toBe(9);
  });

  it('folds a run of zero-width characters between spaces away', () => {
    expect(fold('a \u200b\u200b b')).toBe('a b');
  });
});

describe('foldText: emoji and other astral characters', () => {
  it.each([
    ['sleeping face', '💤'],
    ['thumbs up with skin tone', '👍🏽'],
    ['Dutch flag', '🇳🇱'],
    ['family (ZWJ sequence)', '👨\u200d👩\u200d👧'],
    ['mathematical bold M', '𝐌'],
  ])('passes %s through and keeps offsets after it', (_name, emoji) => {
    const original = `${emoji} Slaap beter met Magnesium ${emoji}`;
    const folded = foldText(original);
    expect(folded.text.startsWith(emoji.replace(/\u200d/g, ''))).toBe(true);
    expect(originalOfWord(original, 'slaap')).toBe('Slaap');
    expect(originalOfWord(original, 'magnesium')).toBe('Magnesium');
  });

  it('maps surrogate pairs unit by unit', () => {
    const original = 'Ik 💤 goed';
    const folded = foldText(original);
    expect(folded.text).toBe('ik 💤 goed');
    expect(originalOf(original, folded, 3, 5)).toBe('💤');
    expect(originalOf(original, folded, 6, 10)).toBe('goed');
  });

  it('maps an emoji ZWJ sequence over its joiners', () => {
    const original = 'x 👨\u200d👩 y';
    const folded = foldText(original);
    expect(folded.text).toBe('x 👨👩 y');
    expect(originalOf(original, folded, 2, 6)).toBe('👨\u200d👩');
  });

  // Regression (fixed): the output buffer is sized `2 × length + 1`, but NFD turns a Hangul syllable with a final consonant (각) into
  // three jamo. Writes past the end of the typed arrays are silently dropped, so the folded text is truncated and the
  // text after enough Hangul is lost. foldText('각'.repeat(10) + ' mg').text is nine syllables' worth of jamo without
  // " mg"; expected it to end in " mg".
  it('does not lose text after many Hangul syllables', () => {
    const original = `${'각'.repeat(10)} mg`;
    const folded = foldText(original);
    expect(folded.text.endsWith(' mg')).toBe(true);
    expect(originalOfWord(original, 'mg')).toBe('mg');
  });

  // Regression (fixed), found by the fast-check property: after the buffers grew for Hangul, plain characters and
  // spaces were written past their end and lost.
  it('maps every folded unit back to a non-empty original span after Hangul grew the buffers', () => {
    const original = '각각 각 ǅ 겍 각각 격각각  ';
    const folded = foldText(original);
    for (let i = 0; i < folded.text.length; i++) {
      expect(folded.starts[i]!).toBeLessThan(folded.ends[i]!);
      expect(folded.ends[i]!).toBeLessThanOrEqual(original.length);
    }
    expect(originalOfWord(original, 'dz')).toBe('ǅ');
  });
});

describe('toOriginalSpan: folded words map back to their original text', () => {
  const samples = [
    'Magnesium\u00adcitraat helpt écht bij KRAMP en slapeloosheid!',
    'Cafe\u0301\u00a0 noir — “l’eau” is niet de oplossing…',
    '💤 Slaap beter 👍🏽 met 300\u202fmg magnesium 🇳🇱 per dag.',
    'İlaç, Straße, Øresund en naïeve ideeën\r\n\r\n– over zink',
    'Zero\u200bwidth\u200c joiners\u200d and\u2060 word\ufeffjoiners',
    'Ze zeggen: „Magnesium is een wondermiddel”, maar is dat zo?',
    'e\u0301e\u0308i\u0308 ÉËÏ 1.000 mg',
  ];

  it.each(samples)('%j', (original) => {
    const folded = foldText(original);
    const tokens = tokenize(folded.text);
    expect(tokens.length).toBeGreaterThan(3);
    for (const token of tokens) {
      const back = originalOf(original, folded, token.start, token.end);
      expect(fold(back), `token "${token.text}" ← "${back}"`).toBe(token.text);
    }
    // Multi-word spans too: from every token to the next.
    for (let k = 0; k + 1 < tokens.length; k++) {
      const { start } = tokens[k]!;
      const { end } = tokens[k + 1]!;
      expect(fold(originalOf(original, folded, start, end))).toBe(folded.text.slice(start, end));
    }
  });

  it('maps a phrase to a contiguous span that is exactly the phrase on the page', () => {
    const original = 'Wist je dat Magnesium\u00adcitraat je “écht” beter laat slapen?';
    const folded = foldText(original);
    const phrase = 'magnesiumcitraat je "echt" beter';
    const at = folded.text.indexOf(phrase);
    expect(at).toBeGreaterThan(0);
    expect(originalOf(original, folded, at, at + phrase.length)).toBe(
      'Magnesium\u00adcitraat je “écht” beter',
    );
  });
});
