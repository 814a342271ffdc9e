/**
 * The reader's settings, one WXT storage item each, so that a corrupted value costs only itself: every value is
 * checked when read, and a value that is missing, of the wrong shape or unreadable falls back to its own default
 * while the other settings keep theirs. Nothing is written back on a read; the next change overwrites the bad value.
 */
import { storage } from '#imports';
import { VERDICTS, type Verdict } from '../knowledge/vocabulary';

export type CardLanguage = 'page' | 'nl' | 'en';

export interface Settings {
  /** Nuchter on or off everywhere. */
  enabled: boolean;
  /** Hostnames where the reader switched Nuchter off. */
  disabledSites: string[];
  /** The card speaks the page's language unless the reader chose one. */
  cardLanguage: CardLanguage;
  /** Verdicts the reader does not want highlighted (e.g. `established`). */
  hiddenVerdicts: Verdict[];
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enabled: true,
  disabledSites: Object.freeze([]) as unknown as string[],
  cardLanguage: 'page',
  hiddenVerdicts: Object.freeze([]) as unknown as Verdict[],
});

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((entry) => typeof entry === 'string');

/** What a valid stored value looks like, per setting. */
const VALIDATORS: { [K in keyof Settings]: (value: unknown) => value is Settings[K] } = {
  enabled: (value): value is boolean => typeof value === 'boolean',
  disabledSites: isStringList,
  cardLanguage: (value): value is CardLanguage => value === 'page' || value === 'nl' || value === 'en',
  hiddenVerdicts: (value): value is Verdict[] =>
    isStringList(value) && value.every((entry) => (VERDICTS as readonly string[]).includes(entry)),
};

export const settingItems = {
  enabled: storage.defineItem<boolean>('local:enabled', { fallback: DEFAULT_SETTINGS.enabled, version: 1 }),
  disabledSites: storage.defineItem<string[]>('local:disabledSites', {
    fallback: DEFAULT_SETTINGS.disabledSites,
    version: 2,
    migrations: {
      // Version 1 (the pre-release popup) kept a map of hostname → off; version 2 keeps the list of hostnames.
      2: (old: unknown) =>
        old && typeof old === 'object' && !Array.isArray(old)
          ? Object.entries(old as Record<string, unknown>)
              .filter(([, off]) => off === true)
              .map(([host]) => host)
          : old,
    },
  }),
  cardLanguage: storage.defineItem<CardLanguage>('local:cardLanguage', {
    fallback: DEFAULT_SETTINGS.cardLanguage,
    version: 1,
  }),
  hiddenVerdicts: storage.defineItem<Verdict[]>('local:hiddenVerdicts', {
    fallback: DEFAULT_SETTINGS.hiddenVerdicts,
    version: 1,
  }),
};

const SETTING_KEYS = Object.keys(settingItems) as (keyof Settings)[];

async function readSetting<K extends keyof Settings>(key: K): Promise<Settings[K]> {
  try {
    const value: unknown = await settingItems[key].getValue();
    // A copy: storage hands out its fallback object itself, which must never be changed through a result.
    if (VALIDATORS[key](value)) return structuredClone(value);
    console.warn(`Nuchter: the stored setting "${key}" is not valid; using its default.`);
  } catch (error) {
    console.warn(`Nuchter: the stored setting "${key}" could not be read; using its default.`, error);
  }
  return structuredClone(DEFAULT_SETTINGS[key]) as Settings[K];
}

/** Reads every setting; each one that is missing or corrupted falls back to its default on its own. */
export async function readSettings(): Promise<Settings> {
  const values = await Promise.all(SETTING_KEYS.map((key) => readSetting(key)));
  return Object.fromEntries(SETTING_KEYS.map((key, index) => [key, values[index]])) as unknown as Settings;
}

export async function writeSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  if (!VALIDATORS[key](value)) throw new TypeError(`not a valid value for setting "${key}"`);
  await (settingItems[key] as { setValue(value: Settings[K]): Promise<void> }).setValue(value);
}

/** Calls `onChange` with all settings whenever one of them changes (in any tab, the popup or the background). */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  const stops = SETTING_KEYS.map((key) => settingItems[key].watch(() => void readSettings().then(onChange)));
  return () => stops.forEach((stop) => stop());
}

/** The site a setting applies to: the page's hostname, without a leading "www.". */
export function siteOf(url: string): string | undefined {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return undefined;
    return hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** Whether Nuchter should run on a page with this URL. */
export function isActiveOn(settings: Settings, url: string): boolean {
  const site = siteOf(url);
  return settings.enabled && site !== undefined && !settings.disabledSites.includes(site);
}
