/** Scoring findings against gold annotations, on small hand-made documents. */
import { describe, expect, it } from 'vitest';
import {
  GoldFileSchema,
  locateQuote,
  rate,
  scoreDocument,
  summarise,
  type GoldClaim,
  type GoldDocument,
} from '../../src/cli/evaluate';
import type { DocumentFinding } from '../../src/cli/scan-document';

const TEXT = [
  'Magnesium helpt tegen kramp.',
  'Sindsdien slaap ik beter.',
  'Is magnesium een wondermiddel?',
  'Magnesium is het wondermiddel voor je slaap.',
].join('\n');

/** The span of the first occurrence of `quote` in TEXT. */
function spanOf(quote: string) {
  const start = TEXT.indexOf(quote);
  if (start < 0) throw new Error(`not in TEXT: ${quote}`);
  return { start, end: start + quote.length };
}

function claim(quote: string, topic: string, extra: Partial<GoldClaim> = {}): GoldClaim {
  return { quote, topic, hype: [], stance: 'asserts', ...extra };
}

/** A finding over `quote` (or over the span given), as scanDocument reports it. */
function finding(
  quote: string,
  topic: string,
  extra: Partial<DocumentFinding> & { start?: number; end?: number } = {},
): DocumentFinding {
  const { start, end } = { ...spanOf(quote), ...extra };
  return {
    start,
    end,
    text: TEXT.slice(start, end),
    topic,
    verdict: 'mixed',
    hype: [],
    stance: 'asserts',
    implicit: false,
    ...extra,
  };
}

const goldDoc = (claims: GoldClaim[], extra: Partial<GoldDocument> = {}): GoldDocument => ({
  file: 'doc.txt',
  claims,
  ...extra,
});

describe('locateQuote', () => {
  it('uses the recorded offset when the quote is there', () => {
    const text = 'Magnesium helpt. Nog eens: Magnesium helpt.';
    expect(locateQuote(text, claim('Magnesium helpt.', 'sleep', { offset: 27 }))).toEqual({
      start: 27,
      end: 43,
    });
  });

  it('falls back to the first occurrence when the offset is wrong', () => {
    const text = 'Magnesium helpt. Nog eens: Magnesium helpt.';
    expect(locateQuote(text, claim('Magnesium helpt.', 'sleep', { offset: 5 }))).toEqual({
      start: 0,
      end: 16,
    });
    expect(locateQuote(text, claim('Magnesium helpt.', 'sleep', { offset: 999 }))).toEqual({
      start: 0,
      end: 16,
    });
  });

  it('finds the first occurrence when no offset is given', () => {
    expect(locateQuote(TEXT, claim('Sindsdien slaap ik beter.', 'sleep'))).toEqual(
      spanOf('Sindsdien slaap ik beter.'),
    );
  });

  it('ignores whitespace runs, and reports the span as it stands in the text', () => {
    const text = 'Intro.\nMagnesium helpt\n   tegen \t kramp.\nEinde.';
    const span = locateQuote(text, claim('Magnesium helpt tegen kramp.', 'cramps'))!;
    expect(text.slice(span.start, span.end)).toBe('Magnesium helpt\n   tegen \t kramp.');
    const loose = locateQuote(
      'Magnesium helpt tegen kramp.',
      claim('  Magnesium  helpt\ntegen kramp. ', 'cramps'),
    );
    expect(loose).toEqual({ start: 0, end: 28 });
  });

  it('treats regular-expression characters in the quote literally', () => {
    const text = 'Helpt magnesium (echt)?  Ja [1] $5 + 2*3.';
    const span = locateQuote(text, claim('Helpt magnesium (echt)? Ja [1] $5 + 2*3.', 'cure-all'))!;
    expect(text.slice(span.start, span.end)).toBe(text);
    expect(locateQuote('Helpt magnesium echt', claim('Helpt magnesium (echt)?', 'cure-all'))).toBeUndefined();
  });

  it('returns undefined for a quote that is not in the text', () => {
    expect(locateQuote(TEXT, claim('Magnesium geneest alles.', 'cure-all'))).toBeUndefined();
  });
});

describe('scoreDocument', () => {
  it('matches a finding that overlaps a gold quote with the same topic', () => {
    const gold = claim('Magnesium helpt tegen kramp.', 'cramps');
    const partial = finding('Magnesium helpt tegen kramp.', 'cramps', { start: 10, end: 15 });
    const score = scoreDocument('doc.txt', TEXT, goldDoc([gold]), [partial]);
    expect(score.matchesOfGold).toEqual([[partial]]);
    expect(score.findingCorrect).toEqual([true]);
    expect(score.gold[0]).toMatchObject({ ...gold, ...spanOf(gold.quote) });
  });

  it('does not match spans that only touch', () => {
    const gold = claim('Sindsdien slaap ik beter.', 'sleep');
    const { start, end } = spanOf(gold.quote);
    const before = finding('', 'sleep', { start: start - 5, end: start });
    const after = finding('', 'sleep', { start: end, end: end + 3 });
    const score = scoreDocument('doc.txt', TEXT, goldDoc([gold]), [before, after]);
    expect(score.matchesOfGold).toEqual([[]]);
    expect(score.findingCorrect).toEqual([false, false]);
  });

  it('counts a finding with the wrong topic as a false alarm and the claim as missed', () => {
    const gold = claim('Magnesium helpt tegen kramp.', 'cramps');
    const wrong = finding('Magnesium helpt tegen kramp.', 'sleep');
    const score = scoreDocument('doc.txt', TEXT, goldDoc([gold]), [wrong]);
    expect(score.matchesOfGold).toEqual([[]]);
    expect(score.findingCorrect).toEqual([false]);
  });

  it('matches each topic of a two-topic sentence to its own gold claim', () => {
    const quote = 'Magnesium is het wondermiddel voor je slaap.';
    const gold = [claim(quote, 'sleep'), claim(quote, 'cure-all')];
    const sleep = finding(quote, 'sleep');
    const score = scoreDocument('doc.txt', TEXT, goldDoc(gold), [sleep]);
    expect(score.matchesOfGold).toEqual([[sleep], []]);
    expect(score.findingCorrect).toEqual([true]);
  });

  it('keeps quotes it cannot find apart, and out of the located gold', () => {
    const missing = claim('Dit staat er niet.', 'sleep');
    const present = claim('Sindsdien slaap ik beter.', 'sleep', { implicit: true });
    const score = scoreDocument('doc.txt', TEXT, goldDoc([missing, present]), []);
    expect(score.unlocated).toEqual([missing]);
    expect(score.gold.map((located) => located.quote)).toEqual([present.quote]);
    expect(score.matchesOfGold).toEqual([[]]);
  });

  it('carries the negative flag, false by default', () => {
    expect(scoreDocument('a', TEXT, goldDoc([], { negative: true }), []).negative).toBe(true);
    expect(scoreDocument('a', TEXT, goldDoc([]), []).negative).toBe(false);
  });
});

describe('summarise', () => {
  it('counts explicit and implicit recall apart', () => {
    const explicit = claim('Magnesium helpt tegen kramp.', 'cramps');
    const implicit = claim('Sindsdien slaap ik beter.', 'sleep', { implicit: true });
    const implicitMissed = claim('Is magnesium een wondermiddel?', 'cure-all', { implicit: true });
    const score = scoreDocument('doc.txt', TEXT, goldDoc([explicit, implicit, implicitMissed]), [
      finding(implicit.quote, 'sleep', { implicit: true }),
    ]);
    const summary = summarise([score]);
    expect(summary.explicitRecall).toEqual({ hits: 0, total: 1 });
    expect(summary.implicitRecall).toEqual({ hits: 1, total: 2 });
    expect(summary.perTopic.get('cramps')!.explicitRecall).toEqual({ hits: 0, total: 1 });
    expect(summary.perTopic.get('sleep')!.implicitRecall).toEqual({ hits: 1, total: 1 });
  });

  it('counts precision over all findings, per topic too', () => {
    const gold = [claim('Magnesium helpt tegen kramp.', 'cramps')];
    const score = scoreDocument('doc.txt', TEXT, goldDoc(gold), [
      finding('Magnesium helpt tegen kramp.', 'cramps'),
      finding('Magnesium helpt tegen kramp.', 'sleep'),
      finding('Sindsdien slaap ik beter.', 'sleep'),
    ]);
    const summary = summarise([score]);
    expect(summary.precision).toEqual({ hits: 1, total: 3 });
    expect(summary.perTopic.get('cramps')!.precision).toEqual({ hits: 1, total: 1 });
    expect(summary.perTopic.get('sleep')!.precision).toEqual({ hits: 0, total: 2 });
  });

  it('counts stance accuracy over found claims only', () => {
    const question = claim('Is magnesium een wondermiddel?', 'cure-all', { stance: 'questions' });
    const asserted = claim('Magnesium helpt tegen kramp.', 'cramps');
    const missed = claim('Sindsdien slaap ik beter.', 'sleep', { implicit: true });
    const score = scoreDocument('doc.txt', TEXT, goldDoc([question, asserted, missed]), [
      finding(question.quote, 'cure-all', { stance: 'asserts' }),
      finding(asserted.quote, 'cramps', { stance: 'asserts' }),
    ]);
    expect(summarise([score]).stanceAccuracy).toEqual({ hits: 1, total: 2 });
  });

  it('counts hype recall only over asserted gold claims, folding case and accents', () => {
    const quote = 'Magnesium is het wondermiddel voor je slaap.';
    const asserted = claim(quote, 'sleep', { hype: ['Wondermiddel', 'hét'] });
    const questioned = claim('Is magnesium een wondermiddel?', 'cure-all', {
      stance: 'questions',
      hype: ['wondermiddel'],
    });
    const score = scoreDocument('doc.txt', TEXT, goldDoc([asserted, questioned]), [
      finding(quote, 'sleep', { hype: ['wondermiddel', 'het'] }),
      finding(questioned.quote, 'cure-all', { stance: 'questions', hype: [] }),
    ]);
    expect(summarise([score]).hypeRecall).toEqual({ hits: 2, total: 2 });
  });

  it('credits hype on any overlapping finding, whatever its topic, and misses hype no finding lists', () => {
    const quote = 'Magnesium is het wondermiddel voor je slaap.';
    const asserted = claim(quote, 'sleep', { hype: ['wondermiddel', 'gegarandeerd'] });
    const score = scoreDocument('doc.txt', TEXT, goldDoc([asserted]), [
      finding(quote, 'cure-all', { hype: ['wondermiddel'] }),
    ]);
    const summary = summarise([score]);
    expect(summary.hypeRecall).toEqual({ hits: 1, total: 2 });
    expect(summary.explicitRecall).toEqual({ hits: 0, total: 1 });
  });

  it('counts findings on negative pages', () => {
    const negative = scoreDocument('neg.txt', TEXT, goldDoc([], { negative: true }), [
      finding('Magnesium helpt tegen kramp.', 'cramps'),
      finding('Sindsdien slaap ik beter.', 'sleep'),
    ]);
    const positive = scoreDocument('pos.txt', TEXT, goldDoc([]), [
      finding('Magnesium helpt tegen kramp.', 'cramps'),
    ]);
    const summary = summarise([negative, positive]);
    expect(summary.negativeFindings).toBe(2);
    expect(summary.precision).toEqual({ hits: 0, total: 3 });
  });

  it('adds up over documents', () => {
    const one = scoreDocument('a', TEXT, goldDoc([claim('Magnesium helpt tegen kramp.', 'cramps')]), [
      finding('Magnesium helpt tegen kramp.', 'cramps'),
    ]);
    const two = scoreDocument('b', TEXT, goldDoc([claim('Sindsdien slaap ik beter.', 'sleep')]), []);
    const summary = summarise([one, two]);
    expect(summary.explicitRecall).toEqual({ hits: 1, total: 2 });
    expect(summary.precision).toEqual({ hits: 1, total: 1 });
  });
});

describe('rate', () => {
  it('is hits over total, and NaN for an empty ratio', () => {
    expect(rate({ hits: 1, total: 4 })).toBe(0.25);
    expect(rate({ hits: 0, total: 0 })).toBeNaN();
  });
});

describe('GoldFileSchema', () => {
  it('accepts the documented format and rejects an unknown stance', () => {
    const entry = {
      file: 'nl-webshop.html',
      lang: 'nl',
      claims: [
        { quote: 'Binnen enkele dagen merkbaar meer rust', topic: 'stress', hype: [], stance: 'asserts' },
      ],
    };
    expect(GoldFileSchema.parse([entry])).toEqual([entry]);
    expect(() =>
      GoldFileSchema.parse([{ ...entry, claims: [{ ...entry.claims[0], stance: 'claims' }] }]),
    ).toThrow();
    expect(() => GoldFileSchema.parse([{ ...entry, claims: [{ ...entry.claims[0], quote: '' }] }])).toThrow();
  });
});
