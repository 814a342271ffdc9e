/**
 * Property tests of the text pipeline and the claim engine on arbitrary input (issue #8): whatever the text — lone
 * surrogates, right-to-left scripts, emoji sequences, combining marks, invisible characters, odd line breaks, or a
 * dense mix of real claim vocabulary — the engine never throws, every span it reports points into its block, and
 * the same input always gives the same output. `foldText` and `splitSentences` keep their offset maps consistent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectEngine } from '../../src/cli/engine';
import type { Finding } from '../../src/match/engine';
import type { BlockKind, TextBlock } from '../../src/text/blocks';
import { foldText, toOriginalSpan } from '../../src/text/normalize';
import { plainTextBlocks } from '../../src/text/plain-blocks';
import { splitSentences } from '../../src/text/segment';

// A fixed seed keeps CI reproducible; explore new inputs locally with FC_SEED=<any number>.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261121) });

const engine = projectEngine();

/** Runs per property: enough to hit the odd corners of the generators, while the whole file stays well under 20 s. */
const RUNS = { engine: 2000, blocks: 1500, fold: 4000 } as const;
/** Generous per-test limit: the machines are small and shared; the runs themselves take a few seconds at most. */
const TIMEOUT = 30_000;

// ---------------------------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------------------------

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Pieces of text that have broken text pipelines before. */
const TRICKY = [
  // Lone and swapped surrogates, and valid astral characters.
  '\ud800',
  '\udfff',
  '\udc00\ud83d',
  '\ud83d',
  '𝕄𝕒𝕘𝕟𝕖𝕤𝕚𝕦𝕞',
  // Right-to-left text and bidi controls.
  'المغنيسيوم يساعد على النوم',
  'مغنيسيوم؟',
  'מגנזיום עוזר לשינה.',
  '\u200f',
  '\u200e',
  '\u202b',
  '\u202c',
  '\u2067',
  '\u2069',
  // Emoji: ZWJ sequences, skin tones, flags, keycaps, variation selectors.
  '👩‍👩‍👧‍👦',
  '👍🏽',
  '🧑🏿‍⚕️',
  '🇳🇱',
  '1️⃣',
  '❤️',
  '😴💤',
  // Combining marks, precomposed accents, ligatures, case oddities.
  'e\u0301',
  'Magne\u0301sium',
  'Magnésium',
  'n\u0303\u0303\u0303',
  '\u0301\u0302',
  'ﬁ',
  'ﬀ',
  'İ',
  'ß',
  'ǅ',
  'Ｍａｇｎｅｓｉｕｍ',
  '한국어',
  'ཱི',
  // Soft hyphens, zero-width characters, NBSP and other spaces.
  'Magne\u00adsium',
  'mag\u200bne\u200csium',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00a0',
  '\u202f',
  '\u3000',
  '\u1680',
  '\u0085',
  '\t',
  // Line breaks of every kind.
  '\r\n',
  '\r',
  '\n',
  '\n\n',
  '\u2028',
  '\u2029',
  '\u000b',
  '\u000c',
  // Punctuation that sentence splitting and the stance logic look at.
  '…',
  '“',
  '”',
  '‘',
  '’',
  '«',
  '»',
  '—',
  '‐',
  '(',
  ')',
  '[3]',
  '.10',
  '2,5',
  '0.5 g.',
  '300mg',
  'bijv.',
  'e.g.',
  'J.',
  '@SlaapCoachLisa',
  '#magnesium',
  '- ',
  '• ',
  '1. ',
];
const tricky = fc.constantFrom(...TRICKY);

/** Claim vocabulary in Dutch and English, so that random text actually reaches the matcher, stance and hype code. */
const SUBJECTS = [
  'magnesium',
  'Magnesium',
  'MAGNESIUM',
  'Mg',
  'magnesiumcitraat',
  'magnesiumtekort',
  'velgen',
];
const TRIGGERS = [
  'slaap',
  'slapen',
  'sliep',
  'inslapen',
  'slaapslaap',
  'stress',
  'angst',
  'krampen',
  'spierkrampen',
  'vermoeidheid',
  'hoofdpijn',
  'migraine',
  'botten',
  'sleep',
  'sleeps',
  'cramps',
  'anxiety',
  'normale werking van het zenuwstelsel',
  'vermoeidheid en moeheid',
];
const HYPE = [
  'wondermiddel',
  'wondermiddelen',
  'magische krachten',
  'binnen enkele dagen',
  'miracle',
  'miracle cure',
  'within days',
];
const CUES = [
  'geen',
  'niet',
  'nooit',
  'vervangt geen',
  'geen bewijs',
  'meer',
  'maar',
  'echter',
  'no',
  'not',
  'no evidence',
  'no more',
  'but',
  'however',
  'really',
  'echt',
  'does',
  'werkt',
];
const GLUE = [
  'helpt',
  'helpt bij',
  'vermindert',
  'beter',
  'is',
  'het',
  'de',
  'een',
  'voor',
  'je',
  'helps',
  'improves',
  'better',
  'the',
  'and',
  'you',
  'normal',
  'bijdraagt',
];
const PUNCTUATION = ['?', '.', '!', ',', ':', '\n'];
const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SUBJECTS) },
  { weight: 3, arbitrary: fc.constantFrom(...TRIGGERS) },
  { weight: 2, arbitrary: fc.constantFrom(...HYPE) },
  { weight: 3, arbitrary: fc.constantFrom(...CUES) },
  { weight: 4, arbitrary: fc.constantFrom(...GLUE) },
  { weight: 2, arbitrary: fc.constantFrom(...PUNCTUATION) },
);

/** A short run of arbitrary code units: the noise between words. */
const filler = fc.string({ unit: codeUnit, maxLength: 6 });

const separator = fc.oneof(
  { weight: 12, arbitrary: fc.constant(' ') },
  { weight: 1, arbitrary: fc.constantFrom('', '\n', '. ', '? ', ', ', '\u00a0', '\r\n', '.\n', '?\r\n') },
);

/** Text made mostly of claim vocabulary, with tricky pieces and random noise mixed in. */
const claimText = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 8, arbitrary: word },
        { weight: 2, arbitrary: tricky },
        { weight: 1, arbitrary: filler },
      ),
      separator,
    ),
    { maxLength: 80, size: 'medium' },
  )
  .map((parts) => parts.map(([piece, sep]) => piece + sep).join(''));

/** Any text at all: arbitrary code units, printable graphemes, tricky pieces or claim text. */
const anyText = fc.oneof(
  fc.string({ unit: codeUnit, maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: fc.oneof(codeUnit, tricky, word), maxLength: 60 }),
  claimText,
);

const blockKind = fc.constantFrom<BlockKind>('heading', 'paragraph', 'list-item');

/** Blocks as a page's extraction could hand them over — including empty ones and line breaks inside a block. */
const handBuiltBlocks = fc.array(
  fc.record(
    {
      text: fc.oneof(claimText, anyText),
      kind: blockKind,
      lang: fc.constantFrom('nl' as const, 'en' as const),
    },
    { requiredKeys: ['text', 'kind'] },
  ),
  { maxLength: 12 },
);

// ---------------------------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------------------------

/**
 * What is wrong with a finding's spans, or '' when nothing is: it must point into its own block, exactly at its
 * text, with its hype words and evidence inside the block. (Plain checks: an `expect` per field would dominate the
 * run time of thousands of runs.)
 */
function spanProblem(blocks: readonly TextBlock[], finding: Finding): string {
  const block = blocks[finding.block];
  if (!Number.isInteger(finding.block) || !block) return `block index ${finding.block} is not a block`;
  const text = block.text;
  const { start, end } = finding;
  if (!(
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    0 <= start &&
    start < end &&
    end <= text.length
  )) {
    return `span ${start}..${end} is not inside its block of length ${text.length}`;
  }
  if (text.slice(start, end) !== finding.text) return `text ${JSON.stringify(finding.text)} is not the slice`;
  for (const hype of finding.hype)
    if (!text.includes(hype)) return `hype ${JSON.stringify(hype)} not in block`;
  for (const span of finding.hypeSpans) {
    if (!(start <= span.start && span.start < span.end && span.end <= end)) {
      return `hype span ${span.start}..${span.end} is not inside the claim ${start}..${end}`;
    }
    if (!finding.hype.includes(text.slice(span.start, span.end))) return `hype span is not a hype word`;
  }
  if (!finding.evidence) return 'no evidence, though asked for';
  for (const evidence of finding.evidence) {
    if (!(0 <= evidence.start && evidence.start < evidence.end && evidence.end <= text.length)) {
      return `evidence ${evidence.rule} ${evidence.start}..${evidence.end} is not inside the block (${text.length})`;
    }
  }
  return '';
}

function expectFindingsInBounds(blocks: readonly TextBlock[], findings: Finding[]): void {
  for (const finding of findings) {
    const problem = spanProblem(blocks, finding);
    if (problem) expect.fail(`${problem}\nfinding: ${JSON.stringify(finding)}`);
  }
}

/**
 * Runs the engine twice on the same blocks, once asked for its evidence: it must not throw, and must say the same
 * thing both times, evidence aside. Returns the findings with their evidence.
 */
function findTwice(blocks: readonly TextBlock[], lang?: 'nl' | 'en'): Finding[] {
  const options = lang ? { lang } : {};
  const explained = engine.findClaims(blocks, { ...options, explain: true });
  const plain = engine.findClaims(structuredClone(blocks), options);
  expect(plain).toEqual(explained.map(({ evidence: _evidence, ...finding }) => finding));
  return explained;
}

// ---------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------

describe('plainTextBlocks', () => {
  it(
    'gives non-empty blocks that are exact slices of the document at their offsets',
    { timeout: TIMEOUT },
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          let previousEnd = 0;
          for (const block of plainTextBlocks(text)) {
            expect(block.text.trim()).not.toBe('');
            expect(block.offset).toBeGreaterThanOrEqual(previousEnd);
            expect(text.slice(block.offset, block.offset + block.text.length)).toBe(block.text);
            expect(block.text).not.toMatch(/[\n]/);
            previousEnd = block.offset + block.text.length;
          }
        }),
        { numRuns: RUNS.fold },
      );
    },
  );
});

describe('findClaims on plain-text blocks', () => {
  it(
    'never throws, keeps every span inside its block and is deterministic (claim vocabulary)',
    { timeout: TIMEOUT },
    () => {
      fc.assert(
        fc.property(claimText, fc.constantFrom(undefined, 'nl' as const, 'en' as const), (text, lang) => {
          const blocks = plainTextBlocks(text);
          expectFindingsInBounds(blocks, findTwice(blocks, lang));
        }),
        { numRuns: RUNS.engine },
      );
    },
  );

  it(
    'never throws, keeps every span inside its block and is deterministic (any text)',
    { timeout: TIMEOUT },
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const blocks = plainTextBlocks(text);
          expectFindingsInBounds(blocks, findTwice(blocks));
        }),
        { numRuns: RUNS.engine },
      );
    },
  );

  it('reports offsets that map back into the whole document', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(claimText, (text) => {
        const blocks = plainTextBlocks(text);
        for (const finding of engine.findClaims(blocks)) {
          const offset = blocks[finding.block]!.offset;
          expect(text.slice(offset + finding.start, offset + finding.end)).toBe(finding.text);
        }
      }),
      { numRuns: RUNS.engine },
    );
  });

  it(
    'finds claims in the generated text at all (the generator reaches the matcher)',
    { timeout: TIMEOUT },
    () => {
      // A guard on the generator, not on the engine: if vocabulary changes make every run claim-free, the properties
      // above would pass vacuously.
      const samples = fc.sample(claimText, { numRuns: 500, seed: 8 });
      const withClaims = samples.filter((text) => engine.findClaims(plainTextBlocks(text)).length > 0);
      expect(withClaims.length).toBeGreaterThan(25);
    },
  );
});

describe('findClaims on hand-built blocks', () => {
  it('never throws, keeps every span inside its block and is deterministic', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(
        handBuiltBlocks,
        fc.constantFrom(undefined, 'nl' as const, 'en' as const),
        (blocks, lang) => {
          expectFindingsInBounds(blocks, findTwice(blocks, lang));
        },
      ),
      { numRuns: RUNS.blocks },
    );
  });

  it(
    'handles the known-tricky inputs one by one, as a heading, a paragraph and a list item',
    { timeout: TIMEOUT },
    () => {
      const kinds: BlockKind[] = ['heading', 'paragraph', 'list-item'];
      for (const piece of TRICKY) {
        for (const text of [
          piece,
          `Magnesium ${piece} helpt je slaap${piece}.`,
          `${piece}magnesium${piece}`,
        ]) {
          const blocks = kinds.map((kind) => ({ text, kind }));
          expectFindingsInBounds(blocks, findTwice(blocks));
        }
      }
    },
  );
});

describe('foldText', () => {
  it('never throws; its offset maps are non-decreasing and inside the original', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(anyText, (original) => {
        const folded = foldText(original);
        const { text, starts, ends } = folded;
        expect(starts.length).toBe(text.length);
        expect(ends.length).toBe(text.length);
        // Plain checks in the loop (an `expect` per code unit would dominate the run time); one assertion after.
        let problem = '';
        for (let i = 0; i < text.length && !problem; i++) {
          if (!(starts[i]! < ends[i]!))
            problem = `starts[${i}] = ${starts[i]} is not before ends[${i}] = ${ends[i]}`;
          else if (ends[i]! > original.length) problem = `ends[${i}] = ${ends[i]} is past the original`;
          else if (i > 0 && starts[i]! < starts[i - 1]!) problem = `starts decreases at ${i}`;
          else if (i > 0 && ends[i]! < ends[i - 1]!) problem = `ends decreases at ${i}`;
        }
        expect(problem).toBe('');
        // Any folded span maps back to a span of the original.
        if (text.length > 0) {
          const a = Math.floor(text.length / 3);
          const b = Math.ceil((2 * text.length) / 3);
          const span = toOriginalSpan(folded, a, b);
          expect(0 <= span.start && span.start <= span.end && span.end <= original.length).toBe(true);
        }
      }),
      { numRuns: RUNS.fold },
    );
  });

  it('is deterministic', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(anyText, (original) => {
        const first = foldText(original);
        const second = foldText(original);
        expect(second.text).toBe(first.text);
        expect([...second.starts]).toEqual([...first.starts]);
        expect([...second.ends]).toEqual([...first.ends]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('splitSentences', () => {
  it('returns trimmed, non-empty spans in range, in order and without overlap', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(anyText, (original) => {
        const folded = foldText(original);
        let previousEnd = 0;
        for (const span of splitSentences(folded, original)) {
          expect(span.start).toBeGreaterThanOrEqual(previousEnd);
          expect(span.start).toBeLessThan(span.end);
          expect(span.end).toBeLessThanOrEqual(folded.text.length);
          expect(folded.text[span.start]).not.toMatch(/\s/);
          expect(folded.text[span.end - 1]).not.toMatch(/\s/);
          previousEnd = span.end;
        }
      }),
      { numRuns: RUNS.fold },
    );
  });

  it('stays inside a sub-range [from, to) when given one', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(anyText, fc.nat(), fc.nat(), (original, x, y) => {
        const folded = foldText(original);
        const length = folded.text.length;
        const from = length === 0 ? 0 : x % (length + 1);
        const to = from + (length - from === 0 ? 0 : y % (length - from + 1));
        let previousEnd = from;
        for (const span of splitSentences(folded, original, from, to)) {
          expect(span.start).toBeGreaterThanOrEqual(previousEnd);
          expect(span.start).toBeLessThan(span.end);
          expect(span.end).toBeLessThanOrEqual(to);
          previousEnd = span.end;
        }
      }),
      { numRuns: RUNS.fold },
    );
  });
});
