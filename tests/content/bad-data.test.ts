// @vitest-environment happy-dom
/**
 * Bad data at the content script's boundaries (issue #8): a missing or malformed compiled rules bundle makes
 * Nuchter stand down quietly — one warning, nothing registered, nothing in the page — and corrupted settings in
 * storage cost only themselves: Nuchter runs with their defaults.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startNuchter } from '../../src/content/controller';
import { isCompiledRules, type CompiledRules } from '../../src/match/compiled';
import { ClaimEngine } from '../../src/match/engine';
import { installHighlightStubs, newContext, setUpContentTests } from './content-env';

const STUBBED = installHighlightStubs();

const projectRules = setUpContentTests();
let rules: CompiledRules;
beforeEach(() => {
  rules = projectRules();
});

describe('isCompiledRules', () => {
  /** The real rules with one part replaced. */
  const realWith = (change: Record<string, unknown>) => ({ ...rules, ...change });

  it('accepts the real compiled rules, and a JSON round trip of them (as bundled)', () => {
    expect(isCompiledRules(rules)).toBe(true);
    expect(isCompiledRules(JSON.parse(JSON.stringify(rules)))).toBe(true);
  });

  it.each([
    ['undefined', () => undefined],
    ['null', () => null],
    ['a string', () => 'rules'],
    ['a number', () => 1],
    ['an array', () => []],
    ['{}', () => ({})],
    ['{ format: 2 }', () => ({ format: 2 })],
    ['the real rules with format 2', () => realWith({ format: 2 })],
    ['the real rules with format "1"', () => realWith({ format: '1' })],
    ['rules not an array', () => realWith({ rules: {} })],
    ['patterns not an array', () => realWith({ patterns: 'magnesium' })],
    ['anchors missing', () => realWith({ anchors: undefined })],
    ['caseAnchors missing', () => realWith({ caseAnchors: undefined })],
    ['verdicts null', () => realWith({ verdicts: null })],
    ['verdicts missing', () => realWith({ verdicts: undefined })],
    [
      'a pattern pointing past the rules',
      () => realWith({ patterns: [[rules.rules.length, [['magnesium']]]] }),
    ],
    ['a pattern pointing far past the rules', () => realWith({ patterns: [[1e9, [['magnesium']]]] })],
    ['a pattern that is not an entry', () => realWith({ patterns: ['magnesium'] })],
    ['a pattern whose rule index is a string', () => realWith({ patterns: [['0', [['magnesium']]]] })],
    ['a pattern whose rule index is NaN', () => realWith({ patterns: [[Number.NaN, [['magnesium']]]] })],
    ['empty rules with patterns', () => realWith({ rules: [] })],
  ])('rejects %s', (_name, value) => {
    expect(isCompiledRules(value())).toBe(false);
  });

  // Regression (fixed): isCompiledRules (src/match/compiled.ts) checks only `entry[0] < rules.length`, so a negative or fractional
  // rule index passes. The engine then reads `rules.rules[-1]` (undefined) as the rule data of every match, and
  // `findClaims([{ text: 'Magnesium helpt je slapen.', kind: 'paragraph' }])` throws "Cannot read properties of
  // undefined (reading 'kind')" — in the content script, an exception on every scan instead of the warning.
  it.each([
    ['a negative rule index', () => realWith({ patterns: [[-1, [['magnesium']]], ...rules.patterns] })],
    ['a fractional rule index', () => realWith({ patterns: [[0.5, [['magnesium']]], ...rules.patterns] })],
  ])('rejects %s', (_name, value) => {
    expect(isCompiledRules(value())).toBe(false);
  });

  // Regression (fixed): isCompiledRules does not look at a pattern's steps: `[0]` (no steps) or `[0, 'magnesium']` passes, and
  // `new ClaimEngine(value)` then throws "Cannot read properties of undefined (reading 'map')" /
  // "encodedSteps.map is not a function" in indexPatterns — startNuchter rejects instead of warning.
  it.each([
    ['a pattern without steps', () => realWith({ patterns: [[0]] })],
    ['a pattern whose steps are a string', () => realWith({ patterns: [[0, 'magnesium']] })],
  ])('rejects %s', (_name, value) => {
    expect(isCompiledRules(value())).toBe(false);
  });

  it('what it accepts, the engine can use', () => {
    for (const value of [rules, JSON.parse(JSON.stringify(rules)) as unknown]) {
      expect(isCompiledRules(value)).toBe(true);
      const engine = new ClaimEngine(value as CompiledRules);
      expect(
        engine.findClaims([{ text: 'Magnesium helpt je sneller in slaap te vallen.', kind: 'paragraph' }]),
      ).not.toHaveLength(0);
    }
  });
});

/** Whether a fake browser event has any listener (the fake has `hasListeners()`; its types only `hasListener(cb)`). */
const hasListeners = (event: unknown) => (event as { hasListeners(): boolean }).hasListeners();

/** Records every change to the document while `run` runs, and a little after. */
async function pageChangesDuring(run: () => Promise<void>): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((found) => records.push(...found));
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  try {
    await run();
    // Anything scheduled by the run (timers, idle callbacks, settled promises) has had its chance to happen.
    await new Promise((resolve) => setTimeout(resolve, 300));
    records.push(...observer.takeRecords());
  } finally {
    observer.disconnect();
  }
  return records;
}

describe('startNuchter with a missing or malformed rules bundle', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['{}', {}],
    ['{ format: 2 }', { format: 2 }],
    ['a string', 'rules'],
  ])('with rules %s: resolves, warns once, registers nothing', async (_name, badRules) => {
    document.body.innerHTML = '<p>Magnesium is een wondermiddel voor je slaap.</p>';
    const before = document.documentElement.outerHTML;
    const ctx = newContext();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const listeners = [vi.spyOn(document, 'addEventListener'), vi.spyOn(window, 'addEventListener')];
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');

    const changes = await pageChangesDuring(() =>
      expect(startNuchter(ctx, { rules: badRules })).resolves.toBeUndefined(),
    );

    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('Nuchter');
    expect(error).not.toHaveBeenCalled();
    expect(info).not.toHaveBeenCalled();
    // Nothing registered: no highlight, no listener (page, extension messages or storage), no timer, no stats.
    expect([...CSS.highlights.keys()]).toEqual([]);
    for (const listener of listeners) expect(listener).not.toHaveBeenCalled();
    expect(setIntervalSpy).not.toHaveBeenCalled();
    expect(hasListeners(fakeBrowser.runtime.onMessage)).toBe(false);
    expect(hasListeners(fakeBrowser.storage.onChanged)).toBe(false);
    expect(hasListeners(fakeBrowser.storage.local.onChanged)).toBe(false);
    expect((globalThis as { __nuchterStats?: unknown }).__nuchterStats).toBeUndefined();
    // Nothing in the page: no element added, no attribute or text changed.
    expect(changes).toEqual([]);
    expect(document.documentElement.outerHTML).toBe(before);
  });
});

describe('startNuchter with corrupted settings in storage', () => {
  /** The highlights Nuchter registered, by name, with how many ranges each holds. */
  const ownHighlights = () =>
    Object.fromEntries(
      [...CSS.highlights.entries()]
        .filter(([name]) => name.startsWith('nuchter-'))
        .map(([name, highlight]) => [name, highlight.size]),
    );
  const paintedRanges = () => Object.values(ownHighlights()).reduce((sum, size) => sum + size, 0);

  it.each([
    [{ enabled: 'yes' }, ['enabled']],
    [{ hiddenVerdicts: 5 }, ['hiddenVerdicts']],
    [{ hiddenVerdicts: ['maybe'] }, ['hiddenVerdicts']],
    [{ cardLanguage: { nl: true } }, ['cardLanguage']],
    [{ disabledSites: 'localhost' }, ['disabledSites']],
    [
      { enabled: 'yes', hiddenVerdicts: 5, cardLanguage: 42, disabledSites: [null] },
      ['enabled', 'hiddenVerdicts', 'cardLanguage', 'disabledSites'],
    ],
  ] as const)(
    'with %j: does not throw, warns naming the setting, and runs with the defaults',
    { timeout: 20_000 },
    async (stored, names) => {
      await fakeBrowser.storage.local.set<Record<string, unknown>>(stored);
      document.body.innerHTML = '<p>Magnesium is een wondermiddel voor je slaap.</p>';
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const listeners = [vi.spyOn(document, 'addEventListener'), vi.spyOn(window, 'addEventListener')];
      const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');

      await expect(startNuchter(newContext(), { rules })).resolves.toBeUndefined();

      const warnings = warn.mock.calls.map((call) => String(call[0]));
      for (const name of names) {
        expect(
          warnings.filter((warning) => warning.includes('Nuchter') && warning.includes(`"${name}"`)),
          `one warning names "${name}"`,
        ).toHaveLength(1);
      }
      expect(warnings).toHaveLength(names.length);
      expect(error).not.toHaveBeenCalled();
      // The defaults: on everywhere, no verdict hidden — so the page's claim gets painted.
      await vi.waitFor(() => expect(paintedRanges()).toBeGreaterThan(0), { timeout: 10_000 });
      // The checks of the bad-rules tests above are not vacuous: a running Nuchter does register these.
      expect(hasListeners(fakeBrowser.runtime.onMessage)).toBe(true);
      for (const listener of listeners) expect(listener).toHaveBeenCalled();
      expect(setIntervalSpy).toHaveBeenCalled();
    },
  );

  it('runs with the defaults when storage cannot be read at all', { timeout: 20_000 }, async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('storage is corrupted'));
    document.body.innerHTML = '<p>Magnesium is een wondermiddel voor je slaap.</p>';
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    await expect(startNuchter(newContext(), { rules })).resolves.toBeUndefined();

    expect(warn).toHaveBeenCalled();
    for (const call of warn.mock.calls) expect(String(call[0])).toMatch(/^Nuchter: .*could not be read/);
    await vi.waitFor(() => expect(paintedRanges()).toBeGreaterThan(0), { timeout: 10_000 });
  });
});

describe('test set-up', () => {
  it('stubs only what happy-dom lacks', () => {
    // Documents the stand-ins this file installed (see the top); they must not replace a real implementation.
    for (const name of STUBBED) expect(['Highlight', 'CSS.highlights']).toContain(name);
    expect(typeof Highlight).toBe('function');
    expect(CSS.highlights).toBeDefined();
    expect(CSS.highlights).toBe(CSS.highlights);
  });
});
