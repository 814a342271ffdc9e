/**
 * The subject and hype lexicon of the compiled rules as one regular expression, for mark.js: the same words
 * Nuchter looks for, in one pass (mark.js walks the page once per expression, so one expression is its fastest use).
 */
import type { CompiledRules, PatternStep } from '../match/compiled';

const WORD = '[\\p{L}\\p{N}]';
/** What may stand between two words of a phrase: anything that is no letter or digit. */
const SEPARATOR = '[^\\p{L}\\p{N}]+';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One encoded word test (`slaap`, `slaap*`, `*slaap`, `*slaap*`, `=Mg`) as a regular expression. */
function wordRegExp(test: string): string {
  if (test.startsWith('=')) return `(?-i:${escape(test.slice(1))})`; // case-sensitive, like Nuchter's `=Mg`
  const starts = test.startsWith('*');
  const ends = test.endsWith('*') && test.length > 1;
  const value = escape(test.slice(starts ? 1 : 0, ends ? -1 : undefined));
  return `${starts ? '\\p{L}*' : ''}${value}${ends ? '\\p{L}*' : ''}`;
}

function stepRegExp(step: PatternStep, first: boolean): string {
  const separator = first ? '' : SEPARATOR;
  if (typeof step === 'number') return `(?:${SEPARATOR}${WORD}+){0,${step}}`;
  if (Array.isArray(step)) return `${separator}(?:${step.map(wordRegExp).join('|')})`;
  return `(?:${separator}(?:${step.optional.map(wordRegExp).join('|')}))?`;
}

/** Source and flags of one expression matching every subject and hype phrase as a whole word. */
export function lexiconRegExp(rules: CompiledRules): { source: string; flags: string } {
  const phrases = new Set<string>();
  for (const [rule, steps] of rules.patterns) {
    const kind = rules.rules[rule]!.kind;
    if (kind !== 'subject' && kind !== 'hype') continue;
    phrases.add(steps.map((step, index) => stepRegExp(step, index === 0)).join(''));
  }
  return { source: `(?<!${WORD})(?:${[...phrases].join('|')})(?!${WORD})`, flags: 'giu' };
}
