/** Guesses whether a text is Dutch or English from its most common function words. */
import { tokenize } from './tokens';

export type TextLang = 'nl' | 'en';

const DUTCH = new Set([
  'de',
  'het',
  'een',
  'en',
  'van',
  'niet',
  'je',
  'voor',
  'dat',
  'met',
  'zijn',
  'ook',
  'bij',
  'om',
  'wordt',
  'kan',
  'te',
  'dit',
  'of',
  'aan',
  'naar',
  'hoe',
  'wat',
  'maar',
  'meer',
  'geen',
  'uit',
  'heeft',
  'jouw',
  'ik',
  'mijn',
]);
const ENGLISH = new Set([
  'the',
  'and',
  'of',
  'to',
  'that',
  'it',
  'for',
  'with',
  'you',
  'are',
  'this',
  'not',
  'can',
  'be',
  'on',
  'or',
  'your',
  'as',
  'have',
  'from',
  'more',
  'but',
  'what',
  'how',
  'was',
  'my',
  'i',
  'does',
  'do',
]);

/** How many words are enough to decide. */
const SAMPLE_WORDS = 400;

/** Returns the language of a folded text, or `fallback` when the function words don't tell. */
export function detectLanguage(foldedText: string, fallback: TextLang = 'nl'): TextLang {
  let dutch = 0;
  let english = 0;
  const tokens = tokenize(foldedText, 0, Math.min(foldedText.length, SAMPLE_WORDS * 8));
  for (const { text } of tokens.slice(0, SAMPLE_WORDS)) {
    // Words both languages use ("is", "in", "op") are in neither list.
    if (DUTCH.has(text)) dutch++;
    if (ENGLISH.has(text)) english++;
  }
  if (dutch === english) return fallback;
  return dutch > english ? 'nl' : 'en';
}

/** Reads a language tag like "nl-BE" or "en_US" into one of Nuchter's languages. */
export function langFromTag(tag: string | null | undefined): TextLang | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'nl' || primary === 'en' ? primary : undefined;
}
