/** The card's and popup's own words in Dutch and English; the evidence texts come from the knowledge file. */
import type { Lang, Verdict } from '../knowledge/schema';

export interface UiStrings {
  verdicts: Record<Verdict, string>;
  stances: { asserts: string; questions: string; refutes: string };
  isTrue: string;
  overstated: string;
  saferWording: string;
  hypeWords: string;
  sources: string;
  euTitle: string;
  euAuthorisedWording: string;
  euClosest: string;
  euNone: string;
  euMedical: string;
  implicit: string;
  close: string;
  previous: string;
  next: string;
  claimOf: (index: number, total: number) => string;
  dialogLabel: (topic: string) => string;
}

export const STRINGS: Record<Lang, UiStrings> = {
  nl: {
    verdicts: {
      established: 'Vastgesteld',
      'plausible-limited': 'Aannemelijk, beperkt bewijs',
      mixed: 'Wisselend bewijs',
      'not-supported': 'Niet onderbouwd',
      misleading: 'Misleidend',
    },
    stances: {
      asserts: 'De tekst stelt dit als feit.',
      questions: 'De tekst zet hier terecht vraagtekens bij.',
      refutes: 'De tekst weerlegt deze hype zelf. Goed zo.',
    },
    isTrue: 'Wat klopt',
    overstated: 'Wat overdreven is',
    saferWording: 'Zorgvuldiger gezegd',
    hypeWords: 'Hypewoorden',
    sources: 'Bronnen',
    euTitle: 'EU-gezondheidsclaim',
    euAuthorisedWording: 'Deze zin gebruikt (bijna) de toegestane EU-formulering:',
    euClosest: 'Geen toegestane claim voor deze bewering. Het dichtst in de buurt komt:',
    euNone: 'Er bestaat geen toegestane EU-gezondheidsclaim voor deze bewering.',
    euMedical: 'Medische claim: voedingssupplementen mogen dit niet beweren.',
    implicit: 'Magnesium wordt hier niet genoemd; het onderwerp komt uit de zin of kop ervoor.',
    close: 'Sluiten',
    previous: 'Vorige claim',
    next: 'Volgende claim',
    claimOf: (index, total) => `Claim ${index} van ${total}`,
    dialogLabel: (topic) => `Nuchter: wat het bewijs zegt over ${topic}`,
  },
  en: {
    verdicts: {
      established: 'Established',
      'plausible-limited': 'Plausible, limited evidence',
      mixed: 'Mixed evidence',
      'not-supported': 'Not supported',
      misleading: 'Misleading',
    },
    stances: {
      asserts: 'The text states this as fact.',
      questions: 'The text rightly questions this.',
      refutes: 'The text itself refutes this hype. Well done.',
    },
    isTrue: 'What is true',
    overstated: 'What is overstated',
    saferWording: 'A careful wording',
    hypeWords: 'Hype words',
    sources: 'Sources',
    euTitle: 'EU health claim',
    euAuthorisedWording: 'This sentence uses (close to) the authorised EU wording:',
    euClosest: 'No authorised claim covers this. The closest one is:',
    euNone: 'There is no authorised EU health claim for this.',
    euMedical: 'Medical claim: food supplements may not claim this.',
    implicit: 'Magnesium is not named here; the subject comes from the sentence or heading before it.',
    close: 'Close',
    previous: 'Previous claim',
    next: 'Next claim',
    claimOf: (index, total) => `Claim ${index} of ${total}`,
    dialogLabel: (topic) => `Nuchter: what the evidence says about ${topic}`,
  },
};
