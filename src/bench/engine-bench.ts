/**
 * The engine in Node, on 1 MB of magnesium-dense text and 1 MB of ordinary text, beside the floor (one lower-case
 * pass and an `indexOf` loop over the same text) and a naive approach (compromise's sentence splitter over the
 * text, then each sentence matched against the subject words and a few topic words).
 */
import nlp from 'compromise';
import { projectEngine } from '../cli/engine';
import type { ShippedEngine } from './shipped-engine';
import { timeRuns } from './stats';
import { magnesiumText, ONE_MB, ordinaryText } from './texts';

/** compromise takes seconds per 100 KB: it runs on a slice this long, and its time is scaled to the whole text. */
export const NAIVE_SLICE = 100_000;
/** The naive approach's topic words: a handful of the topics the rules know. */
const TOPIC_WORDS = [
  'slaap',
  'sleep',
  'kramp',
  'cramp',
  'stress',
  'angst',
  'anxiety',
  'energie',
  'energy',
  'moe',
];

export interface EngineCase {
  id: 'ordinary' | 'magnesium';
  label: string;
  chars: number;
  findings: number;
  nuchterMs: number[];
  floorMs: number[];
  /** The naive approach's time for the whole text, scaled linearly from `naiveSliceChars`. */
  naiveMs: number[];
  naiveSliceChars: number;
}

/** The floor: lower-case the text once and find every "magnesium" with `indexOf` — one pass that must be made. */
function floor(text: string): number {
  const lower = text.toLowerCase();
  let count = 0;
  for (let at = lower.indexOf('magnesium'); at >= 0; at = lower.indexOf('magnesium', at + 1)) count++;
  return count;
}

/** The naive approach: compromise splits the text into sentences; keep those naming the subject and a topic. */
function naive(text: string, subjectWords: readonly string[]): number {
  const sentences = nlp(text).sentences().out('array') as string[];
  return sentences.filter((sentence) => {
    const lower = sentence.toLowerCase();
    return (
      subjectWords.some((word) => lower.includes(word)) && TOPIC_WORDS.some((word) => lower.includes(word))
    );
  }).length;
}

/** The first `size` characters of `text`, cut at a line break. */
const sliceAtLine = (text: string, size: number) => text.slice(0, text.lastIndexOf('\n', size) + 1);

/** Times `shipped` (the engine bundled as the extension ships it) with the project's rules. */
export function benchEngine(shipped: ShippedEngine, runs: number, naiveRuns: number): EngineCase[] {
  const engine = new shipped.ClaimEngine(projectEngine().rules);
  const { plainTextBlocks } = shipped;
  const subjectWords = engine.rules.anchors;
  // As `scan` reads a .txt file (src/cli/scan-document.ts): one pass decides whether the text can name the subject
  // at all; only then is it split into lines and read.
  const nuchter = (text: string) =>
    engine.mayMentionSubject(text) ? engine.findClaims(plainTextBlocks(text)) : [];
  const texts: [EngineCase['id'], string, string][] = [
    ['ordinary', '1 MB ordinary text, no magnesium', ordinaryText(ONE_MB)],
    ['magnesium', '1 MB magnesium-dense text (fixtures)', magnesiumText(ONE_MB)],
  ];
  // Nuchter and the floor first, taking turns; compromise after them, so its garbage cannot slow them down.
  const cases = texts.map(([id, label, text]): EngineCase => {
    const [nuchterMs, floorMs] = timeRuns(runs, [() => nuchter(text), () => floor(text)]);
    return {
      id,
      label,
      chars: text.length,
      findings: nuchter(text).length,
      nuchterMs: nuchterMs!,
      floorMs: floorMs!,
      naiveMs: [],
      naiveSliceChars: 0,
    };
  });
  naive(sliceAtLine(texts[0]![2], 10_000), subjectWords); // compromise builds its lexicon on first use
  for (const [index, [, , text]] of texts.entries()) {
    const slice = sliceAtLine(text, NAIVE_SLICE);
    const [naiveMs] = timeRuns(naiveRuns, [() => naive(slice, subjectWords)], 0);
    cases[index]!.naiveMs = naiveMs!.map((ms) => (ms * text.length) / slice.length);
    cases[index]!.naiveSliceChars = slice.length;
  }
  return cases;
}
