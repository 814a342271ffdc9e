/**
 * `looksLikeCitation`: a block with two citation signals is a reference, not a claim. Text without a digit, "et al",
 * "doi" or "pmid" has at most one signal (an author's name) and is told at once; the name patterns run only when
 * they decide between one signal and two. Both shortcuts must answer exactly as counting all six signals does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CITATION_SIGNALS, looksLikeCitation } from '../../src/match/engine';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261121) });

/** The signals counted one by one, without shortcuts: what looksLikeCitation must agree with. */
function countsTwoSignals(text: string): boolean {
  const signals = CITATION_SIGNALS.filter((signal) => signal.some((pattern) => pattern.test(text)));
  return signals.length >= 2;
}

describe('looksLikeCitation', () => {
  it.each([
    // An author's name and "et al": two signals, no digit.
    ['Smith J. A. et al Magnesium and sleep', true],
    ['Smith JA., ET AL. Magnesium and sleep', true],
    // An author's name alone, however often: one signal.
    ['Smith J. A. and Jones B. wrote about magnesium', false],
    ['Smith JA., Jones B. and magnesium', false],
    // A name and a digit-borne signal.
    ['Smith J. A. (2020) Magnesium and sleep', true],
    ['Smith J. A. Nutrients 7(9): 81', true],
    ['[3] Smith J. A. Magnesium and sleep', true],
    // Two digit-borne signals, no name.
    ['magnesium (2019) in nutrients 12(3):45', true],
    ['doi 10.1234/abc (2020)', true],
    // One digit-borne signal, no name.
    ['Neem 300 mg magnesium (2020) per dag', false],
    ['Take 300 mg a day', false],
    // The gate's words inside other words: no signal.
    ['Doing this with etalage and pmids helps', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeCitation(text)).toBe(expected);
    expect(countsTwoSignals(text)).toBe(expected);
  });

  it('answers as counting every signal does, on any text', () => {
    const pieces = fc.constantFrom(
      'Smith',
      'J.',
      'JA.,',
      'A. ',
      'et al',
      'Et Al.',
      '(2020)',
      '( 1999a )',
      '7(9):81',
      '12 (3), 4',
      'doi',
      'DOI:',
      '10.1234/x',
      'pmid',
      '[3]',
      ' [12] ',
      'magnesium',
      'Magnesium',
      'helpt',
      '300',
      ' ',
      ', ',
      '. ',
      'Ünal',
      'Ø.',
      '\n',
    );
    const text = fc
      .array(fc.oneof(pieces, fc.string({ maxLength: 3 })), { maxLength: 16 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (candidate) => {
        expect(looksLikeCitation(candidate)).toBe(countsTwoSignals(candidate));
      }),
      { numRuns: 20_000 },
    );
  });
});
