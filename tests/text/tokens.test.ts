import { describe, it, expect } from 'vitest';
import { tokenize } from '../../src/text/tokens';
import { foldText } from '../../src/text/normalize';

const words = (text: string, from?: number, to?: number) =>
  tokenize(text, from, to).map((token) => token.text);

describe('tokenize', () => {
  it('splits folded text into words at spaces and punctuation', () => {
    expect(words('magnesium helpt, echt! (zeker.)')).toEqual(['magnesium', 'helpt', 'echt', 'zeker']);
  });

  it('returns nothing for empty or wordless text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  ... -- !? 💤 ')).toEqual([]);
  });

  it.each([
    ['300mg', ['300', 'mg']],
    ['mg300', ['mg', '300']],
    ['2,5mg', ['2', '5', 'mg']],
    ['0.5g', ['0', '5', 'g']],
    ['b12', ['b', '12']],
    ['1.000 mg', ['1', '000', 'mg']],
    ['24/7', ['24', '7']],
  ])('splits letters from digits: %j → %j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it.each([
    ['anti-stress', ['anti', 'stress']],
    ["doesn't", ['doesn', 't']],
    ["l'eau", ['l', 'eau']],
    ["baby's", ['baby', 's']],
    ['magnesium-citraat', ['magnesium', 'citraat']],
    ['slaap/rust', ['slaap', 'rust']],
    ['e-mail', ['e', 'mail']],
  ])('splits at hyphens, apostrophes and slashes: %j → %j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it.each([
    ['straße', ['straße']],
    ['øresund', ['øresund']],
    ['smørrebrød', ['smørrebrød']],
    ['łódź', ['łódź']],
    ['αλφα βητα', ['αλφα', 'βητα']],
    ['магний', ['магний']],
    ['ıspanak', ['ıspanak']],
  ])('keeps non-ASCII letters inside words: %j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('gives offsets into the text', () => {
    const text = 'neem 300mg (magnesium-citraat) per dag';
    const tokens = tokenize(text);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.text);
    expect(tokens.map((token) => [token.start, token.end])).toEqual([
      [0, 4],
      [5, 8],
      [8, 10],
      [12, 21],
      [22, 29],
      [31, 34],
      [35, 38],
    ]);
  });

  it('does not treat emoji (surrogate pairs) as letters, and offsets after them hold', () => {
    const text = '💤slaap👍🏽beter';
    const tokens = tokenize(text);
    expect(tokens.map((token) => token.text)).toEqual(['slaap', 'beter']);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.text);
  });

  it('reads only text[from, to) and still gives offsets into the whole text', () => {
    const text = 'magnesium helpt bij slaap';
    expect(tokenize(text, 10)).toEqual([
      { text: 'helpt', start: 10, end: 15 },
      { text: 'bij', start: 16, end: 19 },
      { text: 'slaap', start: 20, end: 25 },
    ]);
    expect(tokenize(text, 10, 19).map((token) => token.text)).toEqual(['helpt', 'bij']);
    // A range boundary inside a word cuts the word.
    expect(words(text, 3, 12)).toEqual(['nesium', 'he']);
    expect(tokenize(text, 5, 5)).toEqual([]);
  });

  it('tokenizes the output of foldText', () => {
    const folded = foldText('Magnesium\u00adcitraat 300\u00a0MG — “écht” wondermiddel?');
    expect(words(folded.text)).toEqual(['magnesiumcitraat', '300', 'mg', 'echt', 'wondermiddel']);
  });
});
