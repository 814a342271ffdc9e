/**
 * English inflections for the rule files' macros, from compromise's lexicon and conjugator (run when rules are
 * compiled, never in the content script).
 */
import nlp from 'compromise';

/** Parses a single word as the given part of speech (tagging changes the document in place). */
function asWord(word: string, tag: 'Noun' | 'Verb' | 'Adjective') {
  const doc = nlp(word);
  doc.tag(tag);
  return doc;
}

export function inflectEnglish(kind: 'noun' | 'verb' | 'adj', word: string): string[] {
  const forms = new Set([word]);
  if (kind === 'noun') {
    const plural = asWord(word, 'Noun').nouns().toPlural().text();
    if (plural) forms.add(plural.toLowerCase());
  } else if (kind === 'verb') {
    const conjugations = asWord(word, 'Verb').verbs().conjugate()[0] as Record<string, string> | undefined;
    for (const [tense, form] of Object.entries(conjugations ?? {})) {
      if (tense !== 'FutureTense' && form) forms.add(form.toLowerCase());
    }
  } else {
    const degrees = asWord(word, 'Adjective').adjectives().conjugate()[0] as
      Record<string, string> | undefined;
    for (const form of Object.values(degrees ?? {})) if (form) forms.add(form.toLowerCase());
  }
  return [...forms].filter((form) => /^[a-z0-9]+$/.test(form));
}
