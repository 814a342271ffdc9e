/**
 * Where the engine's time goes: the steps of `plainTextBlocks` + `ClaimEngine.findClaims`, each timed alone over
 * the same text with the text layer's own functions, in the order and on the blocks the engine runs them on
 * (the citation check and the folding of headings come before the prefilter's verdict is used). What the steps
 * leave unexplained is the engine's own bookkeeping: findings, stance, evidence and reading context.
 */
import { projectEngine } from '../cli/engine';
import type { ShippedEngine } from './shipped-engine';
import { median, timeRuns } from './stats';

export interface Step {
  step: string;
  ms: number;
}

/** Profiles `shipped` (the engine bundled as the extension ships it) with the project's rules on `text`. */
export function profileEngine(shipped: ShippedEngine, text: string, runs: number): Step[] {
  const {
    ClaimEngine,
    findPhraseMatches,
    foldText,
    indexPatterns,
    looksLikeCitation,
    plainTextBlocks,
    splitSentences,
    tokenize,
    toOriginalSpan,
  } = shipped;
  const engine = new ClaimEngine(projectEngine().rules);
  const index = indexPatterns(engine.rules);
  const blocks = plainTextBlocks(text);
  // The engine analyses every heading (to find a bibliography heading) and every block that may name the subject.
  const analysed = blocks.filter((block) => block.kind === 'heading' || engine.mayMentionSubject(block.text));
  const folded = analysed.map((block) => foldText(block.text));
  const sentences = analysed.map((block, b) => splitSentences(folded[b]!, block.text));
  const tokens = sentences.map((spans, b) =>
    spans.map((span) => tokenize(folded[b]!.text, span.start, span.end)),
  );
  const originals = tokens.map((perSentence, b) =>
    perSentence.map((list) =>
      list.map((token) => {
        const { start, end } = toOriginalSpan(folded[b]!, token.start, token.end);
        return analysed[b]!.text.slice(start, end);
      }),
    ),
  );

  const steps: { step: string; work: () => unknown }[] = [
    { step: 'split into blocks (plainTextBlocks)', work: () => plainTextBlocks(text) },
    {
      step: 'prefilter, every block (mayMentionSubject)',
      work: () => blocks.filter((block) => engine.mayMentionSubject(block.text)),
    },
    {
      step: 'citation check, every non-heading block',
      work: () => blocks.filter((block) => block.kind !== 'heading' && looksLikeCitation(block.text)),
    },
    {
      step: 'fold every heading and anchored block',
      work: () => analysed.map((block) => foldText(block.text)),
    },
    {
      step: 'split sentences',
      work: () => analysed.map((block, b) => splitSentences(folded[b]!, block.text)),
    },
    {
      step: 'tokens and their original spellings',
      work: () =>
        sentences.map((spans, b) =>
          spans.map((span) =>
            tokenize(folded[b]!.text, span.start, span.end).map((token) => {
              const { start, end } = toOriginalSpan(folded[b]!, token.start, token.end);
              return analysed[b]!.text.slice(start, end);
            }),
          ),
        ),
    },
    {
      step: 'phrase matching (findPhraseMatches)',
      work: () =>
        tokens.map((perSentence, b) =>
          perSentence.map((list, s) => findPhraseMatches(index, list, (i) => originals[b]![s]![i]!)),
        ),
    },
  ];
  // All steps and the whole take turns, run after run, so a busy moment of the machine hits them alike.
  const samples = timeRuns(runs, [
    ...steps.map((step) => step.work),
    () => engine.findClaims(plainTextBlocks(text)),
  ]);
  const result: Step[] = steps.map((step, index) => ({ step: step.step, ms: median(samples[index]!) }));
  const total = median(samples.at(-1)!);
  const explained = result.reduce((sum, step) => sum + step.ms, 0);
  result.push({ step: 'the rest: findings, stance, evidence, context', ms: Math.max(0, total - explained) });
  result.push({ step: 'total (plainTextBlocks + findClaims)', ms: total });
  return result;
}
