/**
 * A small generator of Dutch inflections for the rule files' `noun:`, `verb:` and `adj:` macros. Dutch spelling
 * depends on stress, which a generator cannot see, so where a rule is ambiguous it returns every candidate: a
 * spelling that is not a Dutch word never occurs in a text and so costs nothing. Irregular forms are listed in the
 * pattern itself (`verb:helpen/hielp/geholpen`).
 *
 * - nouns: plural -en (slaap → slapen, pil → pillen, brief → brieven) and -s (middel → middels), diminutive -je/-tje;
 * - verbs (given the infinitive): stem, stem + t, infinitive, past -de/-te(n) (slapen → slaap, slaapt, sliep by hand);
 * - adjectives: the -e form (magisch → magische, snel → snelle, groot → grote).
 */
const VOWELS = 'aeiou';
const isVowel = (char: string | undefined) => char !== undefined && VOWELS.includes(char);
const isConsonant = (char: string | undefined) => char !== undefined && /[a-z]/.test(char) && !isVowel(char);

/** Spellings of `stem` + an ending that starts with a vowel ("en", "e"), following the open/closed syllable rules. */
function addVowelEnding(stem: string, ending: string): string[] {
  const results = new Set([stem + ending]);
  const last = stem.at(-1);
  const beforeLast = stem.at(-2);
  const third = stem.at(-3);
  // A long vowel in a closed syllable is written double, in an open one single: slaap → slapen.
  if (isConsonant(last) && isVowel(beforeLast) && beforeLast === third && !isVowel(stem.at(-4))) {
    results.add(stem.slice(0, -2) + last + ending);
  }
  // A short vowel keeps its sound by doubling the consonant: pil → pillen. (Unstressed syllables don't; we give both.)
  if (isConsonant(last) && last !== 'w' && isVowel(beforeLast) && !isVowel(third)) {
    results.add(stem + last + ending);
  }
  // f and s voice between vowels: brief → brieven, huis → huizen (but kus → kussen: both are given).
  for (const spelling of [...results]) {
    const base = spelling.slice(0, -ending.length);
    if (base.endsWith('f')) results.add(base.slice(0, -1) + 'v' + ending);
    if (base.endsWith('s') && !base.endsWith('ss')) results.add(base.slice(0, -1) + 'z' + ending);
  }
  return [...results];
}

function nounForms(noun: string): string[] {
  const forms = [noun, ...addVowelEnding(noun, 'en')];
  if (/(el|em|er|en|e|je|ie|a|o|u|y|i)$/.test(noun)) forms.push(noun + 's');
  if (noun.endsWith('heid')) forms.push(noun.slice(0, -4) + 'heden');
  forms.push(noun + 'je', noun + 'jes', noun + 'tje', noun + 'tjes');
  return forms;
}

/** Candidate stems of an infinitive: slapen → slaap, ontspannen → ontspan, leven → leef. */
function verbStems(infinitive: string): string[] {
  // Short verbs end in a vowel + n: doen → doe, zien → zie, gaan → ga, staan → sta.
  if (!infinitive.endsWith('en') || isVowel(infinitive.at(-3))) {
    const stem = infinitive.replace(/n$/, '');
    return [/(aa|oo|uu)$/.test(stem) ? stem.slice(0, -1) : stem];
  }
  let stem = infinitive.slice(0, -2);
  const stems = new Set<string>();
  const doubledConsonant = stem.length > 1 && stem.at(-1) === stem.at(-2) && isConsonant(stem.at(-1));
  if (doubledConsonant) stem = stem.slice(0, -1); // ontspannen → ontspan
  stems.add(stem);
  const last = stem.at(-1);
  if (!doubledConsonant && isConsonant(last) && isVowel(stem.at(-2)) && !isVowel(stem.at(-3))) {
    stems.add(stem.slice(0, -1) + stem.at(-2) + last); // slap → slaap
  }
  for (const candidate of [...stems]) {
    if (candidate.endsWith('v')) stems.add(candidate.slice(0, -1) + 'f');
    if (candidate.endsWith('z')) stems.add(candidate.slice(0, -1) + 's');
  }
  for (const candidate of [...stems]) {
    if (candidate.endsWith('v') || candidate.endsWith('z')) stems.delete(candidate);
  }
  return [...stems];
}

function verbForms(infinitive: string): string[] {
  const forms = new Set([infinitive]);
  for (const stem of verbStems(infinitive)) {
    forms.add(stem);
    forms.add(stem.endsWith('t') ? stem : stem + 't');
    // Past tense: 't kofschip decides -te or -de; both are given, the wrong one never occurs.
    for (const past of ['te', 'de', 'ten', 'den']) forms.add(stem + past);
  }
  return [...forms];
}

function adjectiveForms(adjective: string): string[] {
  if (adjective.endsWith('e')) return [adjective];
  return [adjective, ...addVowelEnding(adjective, 'e')];
}

export function inflectDutch(kind: 'noun' | 'verb' | 'adj', word: string): string[] {
  const forms = kind === 'noun' ? nounForms(word) : kind === 'verb' ? verbForms(word) : adjectiveForms(word);
  return [...new Set(forms)];
}
