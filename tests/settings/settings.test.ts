import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  isActiveOn,
  readSettings,
  settingItems,
  siteOf,
  watchSettings,
  writeSetting,
} from '../../src/settings/settings';

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('defaults', () => {
  it('gives every default on a fresh install', async () => {
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('hands out copies, so changing a result never changes the defaults', async () => {
    const settings = await readSettings();
    settings.disabledSites.push('example.org');
    expect(DEFAULT_SETTINGS.disabledSites).toEqual([]);
  });
});

describe('reading and writing', () => {
  it('keeps what was written', async () => {
    await writeSetting('enabled', false);
    await writeSetting('cardLanguage', 'en');
    await writeSetting('hiddenVerdicts', ['established']);
    await writeSetting('disabledSites', ['nu.nl']);
    expect(await readSettings()).toEqual({
      enabled: false,
      cardLanguage: 'en',
      hiddenVerdicts: ['established'],
      disabledSites: ['nu.nl'],
    });
  });

  it('refuses to write a value of the wrong shape', async () => {
    await expect(writeSetting('cardLanguage', 'fr' as never)).rejects.toThrow('cardLanguage');
  });
});

describe('corrupted values', () => {
  it.each([
    ['enabled', 'yes'],
    ['enabled', 1],
    ['disabledSites', 'nu.nl'],
    ['disabledSites', [1, 2]],
    ['cardLanguage', 'fr'],
    ['hiddenVerdicts', ['maybe']],
    ['hiddenVerdicts', { established: true }],
  ] as const)('falls back to the default of %s when it holds %j, and keeps the others', async (key, bad) => {
    await writeSetting('cardLanguage', 'nl');
    await writeSetting('enabled', false);
    await writeSetting('hiddenVerdicts', ['mixed']);
    await fakeBrowser.storage.local.set({ [key]: bad });

    const settings = await readSettings();
    expect(settings[key]).toEqual(DEFAULT_SETTINGS[key]);
    const expected = { enabled: false, cardLanguage: 'nl', hiddenVerdicts: ['mixed'], disabledSites: [] };
    for (const other of Object.keys(expected) as (keyof typeof expected)[]) {
      if (other !== key) expect(settings[other]).toEqual(expected[other]);
    }
    // Reading does not wipe anything: the bad value is still there until the reader changes the setting.
    expect((await fakeBrowser.storage.local.get(key))[key]).toEqual(bad);
  });
});

describe('migration', () => {
  it('turns the version 1 map of switched-off sites into the version 2 list', async () => {
    await fakeBrowser.storage.local.set({
      disabledSites: { 'nu.nl': true, 'example.org': false, 'blog.nl': true },
      disabledSites$: { v: 1 },
    });
    await settingItems.disabledSites.migrate();
    expect((await readSettings()).disabledSites).toEqual(['nu.nl', 'blog.nl']);
    expect((await fakeBrowser.storage.local.get('disabledSites$')).disabledSites$).toMatchObject({ v: 2 });
  });
});

describe('watching', () => {
  it('tells every listener the new settings when one changes', async () => {
    const seen: boolean[] = [];
    const stop = watchSettings((settings) => seen.push(settings.enabled));
    await writeSetting('enabled', false);
    await vi.waitFor(() => expect(seen).toEqual([false]));
    stop();
    await writeSetting('enabled', true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([false]);
  });
});

describe('sites', () => {
  it.each([
    ['https://www.nu.nl/gezondheid/123', 'nu.nl'],
    ['http://127.0.0.1:8080/page.html', '127.0.0.1'],
    ['chrome://extensions', undefined],
    ['not a url', undefined],
  ])('siteOf(%s) is %s', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });

  it('is active unless switched off everywhere or for this site', () => {
    const settings = { ...DEFAULT_SETTINGS, disabledSites: ['nu.nl'] };
    expect(isActiveOn(settings, 'https://example.org/')).toBe(true);
    expect(isActiveOn(settings, 'https://www.nu.nl/a')).toBe(false);
    expect(isActiveOn({ ...settings, enabled: false }, 'https://example.org/')).toBe(false);
  });
});
