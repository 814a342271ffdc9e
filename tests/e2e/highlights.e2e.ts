/**
 * What Nuchter registers in `CSS.highlights` on real pages: the engine's sentences in their verdict highlights,
 * hype words in their own, nothing on pages without claims, one range for a claim split across inline elements,
 * and its highlights back when the page clears the registry.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { DocumentFinding } from '../../src/cli/scan-document';
import {
  cardDialog,
  clickText,
  flowText,
  HYPE_HIGHLIGHT,
  launchWithExtension,
  openPage,
  readHighlights,
  readStats,
  scanWithCli,
  startFixtureServer,
  VERDICT_HIGHLIGHTS,
  waitForHighlights,
  type ExtensionBrowser,
  type FixtureServer,
  type RegisteredHighlight,
} from './harness';

const CLAIM_PAGES = ['nl-blog-slaap.html', 'en-blog-sleep.html'];
const NEGATIVE_PAGES = [
  'neg-en-chemistry.html',
  'neg-en-magic-show.html',
  'neg-nl-velgen.html',
  'neg-nl-voetbal.html',
];

let server: FixtureServer;
let browser: ExtensionBrowser;
let scanned: Map<string, DocumentFinding[]>;

beforeAll(async () => {
  // The CLI runs while the browser starts.
  const scanning = Promise.resolve().then(() => scanWithCli([...CLAIM_PAGES, ...NEGATIVE_PAGES]));
  server = await startFixtureServer();
  browser = await launchWithExtension();
  scanned = await scanning;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** `verdict | sentence` for every range of the verdict highlights, sorted: a multiset to compare. */
function verdictRanges(highlights: RegisteredHighlight[]): string[] {
  return highlights
    .filter((highlight) => VERDICT_HIGHLIGHTS.includes(highlight.name))
    .flatMap((highlight) =>
      highlight.texts.map((text) => `${highlight.name.slice('nuchter-'.length)} | ${flowText(text)}`),
    )
    .sort();
}

function rangesOf(highlights: RegisteredHighlight[], name: string): string[] {
  return highlights.find((highlight) => highlight.name === name)?.texts.map(flowText) ?? [];
}

describe('claims on fixture pages', () => {
  for (const name of CLAIM_PAGES) {
    test(`${name}: every sentence the engine finds is a range of its verdict's highlight`, async () => {
      const findings = scanned.get(name)!;
      expect(findings.length).toBeGreaterThan(5);
      const page = await openPage(browser.context, server.url(name));
      const highlights = await waitForHighlights(page, findings.length);
      // One range per finding (a sentence with three topics is in up to three highlights), nothing else.
      expect(verdictRanges(highlights)).toEqual(
        findings.map((finding) => `${finding.verdict} | ${finding.text}`).sort(),
      );
      const stats = await readStats(page);
      expect(stats?.claims).toBe(findings.length);

      // Hype words: each one the engine names is painted, and nothing else is.
      const hype = rangesOf(highlights, HYPE_HIGHLIGHT);
      const hypeWords = new Set(findings.flatMap((finding) => finding.hype));
      expect(hypeWords.size).toBeGreaterThan(2);
      expect(new Set(hype)).toEqual(hypeWords);
      for (const word of hype) {
        expect(findings.some((finding) => finding.hype.includes(word) && finding.text.includes(word))).toBe(
          true,
        );
      }
      await page.close();
    });
  }

  test('known sentences are painted in the expected highlights', async () => {
    const nl = await openPage(browser.context, server.url('nl-blog-slaap.html'));
    const nlHighlights = await waitForHighlights(nl, 10);
    expect(rangesOf(nlHighlights, 'nuchter-misleading')).toContain('Waarom magnesium zo magisch is');
    expect(rangesOf(nlHighlights, 'nuchter-not-supported')).toContain(
      'Stress en koffie slurpen de rest van je magnesium op.',
    );
    expect(rangesOf(nlHighlights, HYPE_HIGHLIGHT)).toEqual(
      expect.arrayContaining(['wondermiddel', 'magisch', 'anti-stressmineraal', 'iedereen heeft een tekort']),
    );
    await nl.close();

    const en = await openPage(browser.context, server.url('en-blog-sleep.html'));
    const enHighlights = await waitForHighlights(en, 10);
    expect(rangesOf(enHighlights, 'nuchter-plausible-limited')).toContain(
      'That is why some people call magnesium a natural Xanax: it quiets racing thoughts without the grogginess.',
    );
    expect(rangesOf(enHighlights, HYPE_HIGHLIGHT)).toEqual(
      expect.arrayContaining(['Miracle', 'natural Xanax', 'within days']),
    );
    await en.close();
  });

  for (const name of NEGATIVE_PAGES) {
    test(`${name}: no ranges at all`, async () => {
      expect(scanned.get(name)).toEqual([]);
      const page = await openPage(browser.context, server.url(name));
      // The content script did read the page…
      await expect.poll(async () => (await readStats(page))?.scans ?? 0).toBeGreaterThanOrEqual(1);
      const stats = await readStats(page);
      expect(stats?.blocksScanned).toBeGreaterThan(3);
      expect(stats?.claims).toBe(0);
      // …and registered its highlights, all empty.
      const highlights = await readHighlights(page);
      expect(highlights.map((highlight) => highlight.name)).toEqual(
        expect.arrayContaining([...VERDICT_HIGHLIGHTS]),
      );
      expect(highlights.filter((highlight) => highlight.texts.length > 0)).toEqual([]);
      await page.close();
    });
  }
});

describe('a claim split across inline elements', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage(browser.context, server.url('/split-claim.html'));
  });
  afterAll(() => page.close());

  const cases = [
    { id: 'split-en', sentence: 'Magnesium flushes toxins out of your body.' },
    { id: 'split-nl', sentence: 'Magnesium ontgift je lichaam en reinigt je lever.' },
  ];
  for (const { id, sentence } of cases) {
    test(`#${id} is one range holding the whole sentence`, async () => {
      await waitForHighlights(page, 2);
      const ranges = await page.evaluate((paragraphId) => {
        const paragraph = document.getElementById(paragraphId)!;
        const found: { name: string; text: string; nodes: number }[] = [];
        CSS.highlights.forEach((highlight, name) => {
          for (const range of highlight) {
            if (!(range instanceof Range) || !paragraph.contains(range.commonAncestorContainer)) continue;
            const fragment = range.cloneContents();
            found.push({ name, text: range.toString(), nodes: fragment.querySelectorAll('*').length });
          }
        });
        return found;
      }, id);
      expect(ranges).toHaveLength(1);
      expect(ranges[0]!.name).toBe('nuchter-misleading');
      expect(ranges[0]!.text).toBe(sentence);
      // The range really crosses the inline elements: its contents hold them.
      expect(ranges[0]!.nodes).toBeGreaterThanOrEqual(3);
    });
  }
});

describe('a long page', () => {
  beforeAll(() => {
    server.setPage(
      '/long-page.html',
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A long page</title></head><body>' +
        '<p>Magnesium cured my insomnia within a few days.</p><div style="height: 40000px"></div>' +
        '<p id="far">Magnesium is a miracle cure for muscle cramps.</p></body></html>',
    );
  });

  /** Opens `path`: its first claim is painted, the far one (#far) only once it is scrolled into view. */
  async function expectReadAsScrolled(path: string): Promise<void> {
    const page = await openPage(browser.context, server.url(path));
    const painted = async () => verdictRanges(await readHighlights(page)).join('\n');
    await expect.poll(painted).toContain('cured my insomnia');
    await page.waitForTimeout(300);
    expect(await painted()).not.toContain('muscle cramps');
    await page.evaluate(() => document.getElementById('far')!.scrollIntoView());
    await expect.poll(painted, { timeout: 3000 }).toContain('muscle cramps');
    await page.close();
  }

  test('is read a few screens ahead of the reader, and on as they scroll', async () => {
    await expectReadAsScrolled('/long-page.html');
  });

  test("a claim's card counts the whole page's claims, and its next button reaches the far one", async () => {
    const page = await openPage(browser.context, server.url('/long-page.html'));
    const painted = async () => verdictRanges(await readHighlights(page)).join('\n');
    await expect.poll(painted).toContain('cured my insomnia');
    await clickText(page, 'cured my insomnia');
    const dialog = cardDialog(page);
    await expect
      .poll(async () => (await dialog.locator('footer').textContent()) ?? '')
      .toContain('Claim 1 of 2');
    await dialog.getByRole('button', { name: 'Next claim' }).click();
    await expect
      .poll(async () => (await dialog.locator('blockquote').textContent()) ?? '')
      .toContain('muscle cramps');
    await page.close();
  });

  test('opened at an anchor far down, is read to where the reader is', async () => {
    const page = await openPage(browser.context, server.url('/long-page.html#far'));
    const painted = async () => verdictRanges(await readHighlights(page)).join('\n');
    await expect.poll(painted).toContain('muscle cramps');
    expect(await painted()).toContain('cured my insomnia');
    await page.close();
  });

  test('in a scroller of its own (an app shell), is read on as the scroller scrolls', async () => {
    server.setPage(
      '/app-shell.html',
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An app</title></head>' +
        '<body style="margin: 0"><main id="scroller" style="height: 100vh; overflow: auto">' +
        '<p>Magnesium cured my insomnia within a few days.</p><div style="height: 40000px"></div>' +
        '<p id="far">Magnesium is a miracle cure for muscle cramps.</p></main></body></html>',
    );
    await expectReadAsScrolled('/app-shell.html');
  });
});

describe('when the page clears CSS.highlights', () => {
  test('Nuchter registers its highlights again within 1.5 s', async () => {
    const page = await openPage(browser.context, server.url('nl-blog-slaap.html'));
    const before = verdictRanges(await waitForHighlights(page, 10));
    const restoredAfter = await page.evaluate(async () => {
      const cleared = performance.now();
      CSS.highlights.clear();
      while (!CSS.highlights.has('nuchter-mixed') && performance.now() - cleared < 3000) {
        await new Promise((done) => setTimeout(done, 10));
      }
      return performance.now() - cleared;
    });
    expect(restoredAfter).toBeLessThan(1500);
    expect(verdictRanges(await readHighlights(page))).toEqual(before);

    // A page that replaces one of our names with its own (empty) highlight gets ours back too.
    const replacedAfter = await page.evaluate(async () => {
      const own = new Highlight();
      const replaced = performance.now();
      CSS.highlights.set('nuchter-misleading', own);
      while (CSS.highlights.get('nuchter-misleading') === own && performance.now() - replaced < 3000) {
        await new Promise((done) => setTimeout(done, 10));
      }
      return performance.now() - replaced;
    });
    expect(replacedAfter).toBeLessThan(1500);
    expect(verdictRanges(await readHighlights(page))).toEqual(before);
    await page.close();
  });
});
