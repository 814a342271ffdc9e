/**
 * The benchmark's text, made in code: magnesium-dense text built from the fixture pages' own text, and ordinary
 * Dutch and English text about other topics from a seeded generator (so every run reads the same words).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlDocument } from '../cli/documents';
import { ROOT } from '../cli/browser';

export const FIXTURE_DIR = join(ROOT, 'tests/fixtures/pages');
/** 1 MB, counted in characters (UTF-16 code units, what the engine reads). */
export const ONE_MB = 1_000_000;

/** A small, fast, seeded random generator (mulberry32): the same seed gives the same text in every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** One fixture page's text, as the engine reads it: its blocks, one per line, and each block's kind. */
export interface FixtureText {
  name: string;
  lang: string;
  blocks: { text: string; kind: 'heading' | 'paragraph' | 'list-item' }[];
}

/** The text of the fixture pages that contain magnesium claims (the `neg-*` controls are left out). */
export function fixtureTexts(): FixtureText[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith('.html') && !name.startsWith('neg-'))
    .sort()
    .map((name) => {
      const document = htmlDocument(name, readFileSync(join(FIXTURE_DIR, name), 'utf8'));
      return {
        name,
        lang: document.declaredLang ?? (name.startsWith('nl-') ? 'nl' : 'en'),
        blocks: document.blocks.map((block) => ({ text: block.text, kind: block.kind })),
      };
    });
}

/** Appends whole lines from `lines()` until the text holds at least `size` characters, then cuts it to `size`. */
function fill(size: number, nextChunk: () => string): string {
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const chunk = nextChunk();
    parts.push(chunk);
    length += chunk.length;
  }
  const text = parts.join('');
  // Cut at the last line break before `size`, so no block is cut in half.
  return text.slice(0, text.lastIndexOf('\n', size) + 1);
}

/**
 * About `size` characters of magnesium-dense text: the fixture pages' text, page after page (one block per line, a
 * blank line between pages), over and over. The engine keeps nothing between calls, so repeating is fair.
 */
export function magnesiumText(size = ONE_MB): string {
  const pages = fixtureTexts().map((page) => page.blocks.map((block) => block.text).join('\n') + '\n\n');
  let next = 0;
  return fill(size, () => pages[next++ % pages.length]!);
}

// Ordinary text: sentences about other topics (weather, cycling, cooking, the council, football, gardens,
// software, travel), Dutch and English. None of them contains a subject anchor ("magnesium", "Mg", "epsom" …).
const EN = {
  subjects: [
    'The city council',
    'Our neighbour',
    'The football club',
    'A small bakery',
    'The new library',
    'My sister',
    'The regional train',
    'The software team',
    'A local farmer',
    'The museum',
    'The cycling club',
    'The weather service',
  ],
  verbs: [
    'announced',
    'postponed',
    'discussed',
    'celebrated',
    'rebuilt',
    'painted',
    'reviewed',
    'tested',
    'planned',
    'cancelled',
    'opened',
    'described',
  ],
  objects: [
    'the harbour festival',
    'a new bicycle lane',
    'the spring market',
    'the rooftop garden',
    'a release of the booking app',
    'the annual chess tournament',
    'the route along the river',
    'a recipe for apple pie',
    'the renovation of the station',
    'the autumn timetable',
    'a photo exhibition about windmills',
    'the summer camp for children',
  ],
  tails: [
    'after a long debate on Tuesday',
    'because of the heavy rain',
    'with help from volunteers',
    'to the surprise of many visitors',
    'earlier than expected',
    'despite the cold wind',
    'for the third year in a row',
    'before the holidays',
    'in the old town hall',
    'without much fuss',
  ],
  headings: [
    'What happened this week',
    'Plans for the weekend',
    'News from the neighbourhood',
    'Sports results',
    'In the garden',
    'Travel tips for the spring',
    'From the kitchen',
    'Letters from readers',
  ],
};
const NL = {
  subjects: [
    'De gemeenteraad',
    'Onze buurvrouw',
    'De voetbalclub',
    'Een kleine bakkerij',
    'De nieuwe bibliotheek',
    'Mijn zus',
    'De stoptrein',
    'Het ontwikkelteam',
    'Een boer uit de polder',
    'Het museum',
    'De fietsclub',
    'Het weerbureau',
  ],
  verbs: [
    'kondigde',
    'besprak',
    'vierde',
    'verbouwde',
    'schilderde',
    'testte',
    'plande',
    'opende',
    'beschreef',
    'organiseerde',
  ],
  objects: [
    'het havenfestival',
    'een nieuw fietspad',
    'de voorjaarsmarkt',
    'de daktuin',
    'een nieuwe versie van de app',
    'het jaarlijkse schaaktoernooi',
    'de route langs de rivier',
    'een recept voor appeltaart',
    'de verbouwing van het station',
    'de nieuwe dienstregeling',
    'een fototentoonstelling over molens',
    'het zomerkamp voor kinderen',
  ],
  tails: [
    'na een lang debat op dinsdag',
    'vanwege de zware regen',
    'met hulp van vrijwilligers',
    'tot verrassing van veel bezoekers',
    'eerder dan verwacht',
    'ondanks de koude wind',
    'voor het derde jaar op rij',
    'voor de vakantie',
    'in het oude raadhuis',
    'zonder veel ophef',
  ],
  headings: [
    'Wat er deze week gebeurde',
    'Plannen voor het weekend',
    'Nieuws uit de buurt',
    'Uitslagen van het weekend',
    'In de tuin',
    'Reistips voor het voorjaar',
    'Uit de keuken',
    'Brieven van lezers',
  ],
};

/** One sentence about something other than magnesium. */
export function ordinarySentence(random: () => number, lang: 'nl' | 'en'): string {
  const words = lang === 'nl' ? NL : EN;
  const sentence = `${pick(random, words.subjects)} ${pick(random, words.verbs)} ${pick(random, words.objects)} ${pick(random, words.tails)}`;
  return random() < 0.1 ? `${sentence}?` : `${sentence}.`;
}

/** A paragraph of three to six ordinary sentences. */
export function ordinaryParagraph(random: () => number, lang: 'nl' | 'en'): string {
  const count = 3 + Math.floor(random() * 4);
  return Array.from({ length: count }, () => ordinarySentence(random, lang)).join(' ');
}

export function ordinaryHeading(random: () => number, lang: 'nl' | 'en'): string {
  return pick(random, (lang === 'nl' ? NL : EN).headings);
}

/**
 * About `size` characters of ordinary text without magnesium, shaped like articles: a heading, then paragraphs and
 * now and then a short list; Dutch and English sections alternate.
 */
export function ordinaryText(size = ONE_MB, seed = 7): string {
  const random = seededRandom(seed);
  let section = 0;
  return fill(size, () => {
    const lang = section++ % 2 === 0 ? 'nl' : 'en';
    const lines = [ordinaryHeading(random, lang)];
    const paragraphs = 3 + Math.floor(random() * 4);
    for (let i = 0; i < paragraphs; i++) lines.push(ordinaryParagraph(random, lang));
    if (random() < 0.3) for (let i = 0; i < 3; i++) lines.push(`- ${ordinarySentence(random, lang)}`);
    return lines.join('\n') + '\n\n';
  });
}
