import { describe, it, expect } from 'vitest';
import { foldText } from '../../src/text/normalize';
import { splitSentences } from '../../src/text/segment';

/** The folded sentences of `original`. */
function sentences(original: string, from?: number, to?: number): string[] {
  const folded = foldText(original);
  return splitSentences(folded, original, from, to).map((span) => folded.text.slice(span.start, span.end));
}

describe('splitSentences: basic boundaries', () => {
  it('returns one sentence for text without a boundary', () => {
    expect(sentences('Magnesium helpt bij kramp')).toEqual(['magnesium helpt bij kramp']);
    expect(sentences('Magnesium helpt bij kramp.')).toEqual(['magnesium helpt bij kramp.']);
  });

  it('returns nothing for empty or blank text', () => {
    expect(sentences('')).toEqual([]);
    expect(sentences('   \n  \n')).toEqual([]);
  });

  it('splits at a period followed by a capital', () => {
    expect(sentences('Magnesium helpt. Het is een mineraal.')).toEqual([
      'magnesium helpt.',
      'het is een mineraal.',
    ]);
  });

  it('splits at "?" and "!"', () => {
    expect(sentences('Werkt het? Ja! Zeker weten.')).toEqual(['werkt het?', 'ja!', 'zeker weten.']);
    expect(sentences('Does it work?! Nobody knows.')).toEqual(['does it work?!', 'nobody knows.']);
  });

  it('splits after an ellipsis, written as three periods or as "…"', () => {
    expect(sentences('Magnesium helpt... Of niet? Wie weet… Niemand.')).toEqual([
      'magnesium helpt...',
      'of niet?',
      'wie weet...',
      'niemand.',
    ]);
  });

  it('keeps a closing quote or bracket with the sentence it closes', () => {
    expect(sentences('Hij zei: “Magnesium helpt.” Daarna sliep hij.')).toEqual([
      'hij zei: "magnesium helpt."',
      'daarna sliep hij.',
    ]);
    expect(sentences('He said "it works!" Then he slept.')).toEqual([
      'he said "it works!"',
      'then he slept.',
    ]);
    expect(sentences('Het werkt (echt.) Nu slapen.')).toEqual(['het werkt (echt.)', 'nu slapen.']);
    expect(sentences('Wat? ‘Echt?’ Ja.')).toEqual(['wat?', "'echt?'", 'ja.']);
  });

  it('splits at a line break even without punctuation', () => {
    expect(sentences('Magnesium en slaap\nMagnesium helpt je slapen')).toEqual([
      'magnesium en slaap',
      'magnesium helpt je slapen',
    ]);
    expect(sentences('Eerste regel\r\n\r\nTweede regel')).toEqual(['eerste regel', 'tweede regel']);
  });

  it('does not split when a lower-case word follows the period', () => {
    expect(sentences('Dit is het. maar niet echt.')).toEqual(['dit is het. maar niet echt.']);
    expect(sentences('Neem het. élan komt vanzelf.')).toEqual(['neem het. elan komt vanzelf.']);
  });

  it('splits when an accented capital follows (case is read from the original)', () => {
    expect(sentences('Slaap goed. Één pil is genoeg.')).toEqual(['slaap goed.', 'een pil is genoeg.']);
    expect(sentences('Slaap goed. Élan komt vanzelf.')).toEqual(['slaap goed.', 'elan komt vanzelf.']);
  });

  it('splits when a digit follows', () => {
    expect(sentences('Hoe werkt het? 300 mg per dag is genoeg.')).toEqual([
      'hoe werkt het?',
      '300 mg per dag is genoeg.',
    ]);
  });

  it('does not split without a space after the period', () => {
    expect(sentences('Zie magnesium.nl voor meer.')).toEqual(['zie magnesium.nl voor meer.']);
  });

  it('trims spaces around each sentence', () => {
    const original = '   Tot ziens.    Dag!   ';
    expect(sentences(original)).toEqual(['tot ziens.', 'dag!']);
  });

  it('gives spans in folded text that map to the original sentence', () => {
    const original = 'Magnesium\u00adcitraat helpt. “Écht” waar?';
    const folded = foldText(original);
    const spans = splitSentences(folded, original);
    expect(spans.map((span) => folded.text.slice(span.start, span.end))).toEqual([
      'magnesiumcitraat helpt.',
      '"echt" waar?',
    ]);
    const back = spans.map((span) => original.slice(folded.starts[span.start], folded.ends[span.end - 1]));
    expect(back).toEqual(['Magnesium\u00adcitraat helpt.', '“Écht” waar?']);
  });
});

describe('splitSentences: abbreviations and initials', () => {
  it.each([
    ['Neem bijv. Magnesium bij het eten. Het helpt.', ['neem bijv. magnesium bij het eten.', 'het helpt.']],
    ['Het bevat o.a. Magnesium en zink. Dat is goed.', ['het bevat o.a. magnesium en zink.', 'dat is goed.']],
    ['Het bevat o.a. slaapmiddelen. Dat is goed.', ['het bevat o.a. slaapmiddelen.', 'dat is goed.']],
    ['Volgens dr. Jansen helpt het. Echt waar.', ['volgens dr. jansen helpt het.', 'echt waar.']],
    ['Volgens Dr. Jansen helpt het. Echt waar.', ['volgens dr. jansen helpt het.', 'echt waar.']],
    ['Prof. Smith disagrees. He is wrong.', ['prof. smith disagrees.', 'he is wrong.']],
    ['Neem ca. 300 mg per dag. Niet meer.', ['neem ca. 300 mg per dag.', 'niet meer.']],
    ['Dat is d.w.z. Onzin. Echt.', ['dat is d.w.z. onzin.', 'echt.']],
    ['Use e.g. Magnesium glycinate. It works.', ['use e.g. magnesium glycinate.', 'it works.']],
    [
      'Some forms, i.e. The citrate, absorb better. Others do not.',
      ['some forms, i.e. the citrate, absorb better.', 'others do not.'],
    ],
    ['Zinc, iron etc. All minerals. Fine.', ['zinc, iron etc. all minerals.', 'fine.']],
    ['Zie fig. 3 voor details. Klaar.', ['zie fig. 3 voor details.', 'klaar.']],
    ['Mw. De Vries slaapt beter. Zegt ze.', ['mw. de vries slaapt beter.', 'zegt ze.']],
  ])('%j', (original, expected) => {
    expect(sentences(original)).toEqual(expected);
  });

  it.each([
    ['Written by J. Smith in 2020. Read it.', ['written by j. smith in 2020.', 'read it.']],
    ['Volgens J. P. Balkenende helpt het. Niet echt.', ['volgens j. p. balkenende helpt het.', 'niet echt.']],
    ['Onderzoek van A. de Vries. Dat telt.', ['onderzoek van a. de vries.', 'dat telt.']],
  ])('does not split after an initial: %j', (original, expected) => {
    expect(sentences(original)).toEqual(expected);
  });

  // Regression (fixed): any single letter before a period is taken for an initial, even a lower-case unit like "g." that ends a
  // sentence: "Neem 0,5 g. Daarna slaap je beter." is one sentence. The original text, which splitSentences is given
  // for case, shows "g" is lower case and so not an initial. Expected two sentences; actual one.
  it('splits after a lower-case unit that ends a sentence', () => {
    expect(sentences('Neem 0,5 g. Daarna slaap je beter.')).toEqual([
      'neem 0,5 g.',
      'daarna slaap je beter.',
    ]);
  });
});

describe('splitSentences: numbers and doses', () => {
  it.each([
    ['Neem 2,5 mg per dag. Niet meer.', ['neem 2,5 mg per dag.', 'niet meer.']],
    ['Take 0.5 g daily. Then rest.', ['take 0.5 g daily.', 'then rest.']],
    ['Neem 1.000 mg. Dat is te veel.', ['neem 1.000 mg.', 'dat is te veel.']],
    ['Dose is 1,000.5 mg daily. Too much.', ['dose is 1,000.5 mg daily.', 'too much.']],
    ['Versie 2.1.3 werkt. Mooi.', ['versie 2.1.3 werkt.', 'mooi.']],
    ['Kosten: 5 euro. 300 mg per dag is genoeg.', ['kosten: 5 euro.', '300 mg per dag is genoeg.']],
  ])('%j', (original, expected) => {
    expect(sentences(original)).toEqual(expected);
  });
});

describe('splitSentences: list-like text', () => {
  it('gives one sentence per line of a bulleted list', () => {
    expect(sentences('Voordelen:\n- slaap\n- minder kramp\n• meer energie')).toEqual([
      'voordelen:',
      '- slaap',
      '- minder kramp',
      '• meer energie',
    ]);
  });

  it('keeps each line of a numbered list whole and apart', () => {
    // The number ("1.") followed by a capital is itself split off as a sentence; that costs nothing, since it holds
    // no words to match. What matters is that each item is one sentence and no two items are joined.
    const result = sentences('1. Magnesium helpt bij slaap\n2. Zink helpt bij weerstand\n3. IJzer');
    const items = ['magnesium helpt bij slaap', 'zink helpt bij weerstand', 'ijzer'];
    expect(
      result.filter((sentence) => /[a-z]/.test(sentence)).map((sentence) => sentence.replace(/^\d+\. /, '')),
    ).toEqual(items);
  });

  it('never joins two items of an inline numbered list into one sentence', () => {
    const result = sentences('1. Magnesium helpt. 2. Zink helpt. 3. IJzer helpt.');
    const items = ['magnesium', 'zink', 'ijzer'];
    for (const sentence of result) {
      expect(items.filter((item) => sentence.includes(item)).length).toBeLessThanOrEqual(1);
    }
    for (const item of items)
      expect(result.some((sentence) => sentence.includes(`${item} helpt.`))).toBe(true);
  });
});

describe('splitSentences: from and to', () => {
  const original = 'Eerste zin. Tweede zin. Derde zin.';

  it('splits only the given range and gives offsets into the whole text', () => {
    const folded = foldText(original);
    const spans = splitSentences(folded, original, 12, 23);
    expect(spans).toEqual([{ start: 12, end: 23 }]);
    expect(folded.text.slice(12, 23)).toBe('tweede zin.');
  });

  it('splits a range that runs to the end', () => {
    expect(sentences(original, 12)).toEqual(['tweede zin.', 'derde zin.']);
  });

  it('splits a range that starts at the beginning', () => {
    expect(sentences(original, 0, 11)).toEqual(['eerste zin.']);
    expect(sentences(original, 0, 24)).toEqual(['eerste zin.', 'tweede zin.']);
  });

  it('ends the last sentence at `to` even mid-sentence', () => {
    expect(sentences(original, 0, 18)).toEqual(['eerste zin.', 'tweede']);
  });
});
