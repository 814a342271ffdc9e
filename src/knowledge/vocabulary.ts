/**
 * The fixed vocabularies of Nuchter's data — topics, verdicts, languages — as plain constants, so code that only
 * needs them (the content script, the popup) does not bundle the schema library.
 */
export const TOPIC_IDS = [
  'sleep',
  'stress',
  'anxiety',
  'depression',
  'cramps',
  'fatigue',
  'detox',
  'bones',
  'heart',
  'migraine',
  'cognition',
  'deficiency',
  'forms',
  'topical',
  'speed',
  'cure-all',
  'safety',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

/** The 5-step scale, from "the evidence backs this" to "this wording misleads". */
export const VERDICTS = ['established', 'plausible-limited', 'mixed', 'not-supported', 'misleading'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const LANGS = ['nl', 'en'] as const;
export type Lang = (typeof LANGS)[number];
