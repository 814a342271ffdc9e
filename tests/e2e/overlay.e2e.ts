/**
 * The overlay painter in real Chromium without the CSS Custom Highlight API (see no-highlight-api.ts for how the API
 * is taken away; Chromium has no flag for it any more): boxes of the right verdict over every claim near the
 * viewport and over its hype words, clicks that open the card through the boxes, links inside a claim that still
 * navigate, boxes that follow the text when the page or an inner scroller scrolls (and stay inside that scroller),
 * a page whose own DOM is untouched but for the overlay's host (and the card's), and a host that goes when Nuchter
 * is switched off.
 */
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DocumentFinding } from '../../src/cli/scan-document';
import { OVERLAY_HOST } from '../../src/highlight/overlay-painter';
import type { Verdict } from '../../src/knowledge/schema';
import { OWN_UI_ATTRIBUTE } from '../../src/text/dom-blocks';
import { STRINGS } from '../../src/ui/strings';
import {
  CARD_HOST,
  cardDialog,
  cardHostCount,
  clickText,
  evaluateInContentScript,
  launchWithExtension,
  readStats,
  recordErrors,
  ROOT,
  saveScreenshot,
  scanWithCli,
  startFixtureServer,
  type ExtensionBrowser,
  type FixtureServer,
  recordedMutations,
} from './harness';
import { newPageWithoutHighlightApi, type PageWithoutHighlightApi } from './no-highlight-api';

const PAGE = 'overlay.html';

let server: FixtureServer;
let browser: ExtensionBrowser;
let findings: DocumentFinding[];

beforeAll(async () => {
  const scanning = Promise.resolve().then(() => scanWithCli([PAGE]));
  server = await startFixtureServer();
  browser = await launchWithExtension();
  findings = (await scanning).get(PAGE)!;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Records, in the page's own world, every change to the page once parsing is done (before Nuchter runs). */
const RECORD_MUTATIONS = { path: join(ROOT, 'tests/e2e/pages/record-mutations.js') };

/** A box the overlay shows, in client coordinates, with its class and layer (0 sentences, 1 hype, 2 open claim). */
interface ShownBox {
  className: string;
  layer: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The boxes the overlay shows now, read from its host's shadow root after the next two frames. */
async function shownBoxes(page: Page): Promise<ShownBox[]> {
  return page.evaluate(async (tag) => {
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const host = document.querySelector(tag);
    if (!host?.shadowRoot) return [];
    const layers = [...host.shadowRoot.querySelectorAll('.layer')];
    return [...host.shadowRoot.querySelectorAll<HTMLElement>('.box')]
      .filter((box) => getComputedStyle(box).display !== 'none')
      .map((box) => {
        const { left, top, right, bottom } = box.getBoundingClientRect();
        return {
          className: box.className,
          layer: layers.indexOf(box.parentElement!),
          left,
          top,
          right,
          bottom,
        };
      });
  }, OVERLAY_HOST);
}

interface Line {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Where the text `needle` is drawn inside the element `#id`, one rectangle per line, measured by the test itself:
 * the client rectangles of each text node's part, joined per line.
 */
function textLines(page: Page, id: string, needle?: string): Promise<Line[]> {
  return page.evaluate(
    ({ id, needle }) => {
      const element = document.getElementById(id)!;
      const text = element.textContent!;
      const from = needle ? text.indexOf(needle) : 0;
      if (from < 0) throw new Error(`"${needle}" is not in #${id}`);
      const to = needle ? from + needle.length : text.length;
      const lines: Line[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      let offset = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.nodeValue!.length;
        const start = Math.max(from, offset) - offset;
        const end = Math.min(to, offset + length) - offset;
        offset += length;
        if (end <= start) continue;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end);
        for (const rect of range.getClientRects()) {
          if (rect.width === 0) continue;
          const line = lines.find((candidate) => Math.abs(candidate.top - rect.top) < rect.height / 2);
          if (line) {
            line.left = Math.min(line.left, rect.left);
            line.right = Math.max(line.right, rect.right);
            line.top = Math.min(line.top, rect.top);
            line.bottom = Math.max(line.bottom, rect.bottom);
          } else lines.push({ left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom });
        }
      }
      return lines;
    },
    { id, needle },
  );
}

/** Whether a box of `className` in `layer` covers `line` (to a pixel and a half on every side). */
function covers(boxes: ShownBox[], line: Line, className: string, layer: number): boolean {
  const near = (a: number, b: number) => Math.abs(a - b) <= 1.5;
  return boxes.some(
    (box) =>
      box.layer === layer &&
      box.className.split(' ').includes(className) &&
      near(box.left, line.left) &&
      near(box.right, line.right) &&
      near(box.top, line.top) &&
      near(box.bottom, line.bottom),
  );
}

/** The paragraphs of overlay.html and the sentence each holds. */
const CLAIMS: Record<string, string> = {
  'sleep-claim': 'Taking magnesium every evening completely fixed my restless sleep.',
  'muscle-claim': 'Magnesium contributes to normal muscle function.',
  'split-en': 'Magnesium flushes toxins out of your body.',
  'hype-claim': 'Magnesium is a miracle cure that melts your stress away within days.',
};
const INNER_CLAIM = 'Everyone is deficient in magnesium these days.';
const FAR_CLAIM = 'A daily magnesium pill lowers your blood pressure naturally.';

const verdictsOf = (sentence: string): Verdict[] =>
  findings.filter((finding) => finding.text === sentence).map((finding) => finding.verdict as Verdict);

async function waitForBoxes(page: Page): Promise<ShownBox[]> {
  await expect.poll(async () => (await shownBoxes(page)).length, { timeout: 5000 }).toBeGreaterThan(0);
  return shownBoxes(page);
}

describe('without the CSS Custom Highlight API', () => {
  let tab: PageWithoutHighlightApi;
  let page: Page;
  let errors: Awaited<ReturnType<typeof recordErrors>>;

  beforeAll(async () => {
    tab = await newPageWithoutHighlightApi(browser.context);
    page = tab.page;
    await page.addInitScript(RECORD_MUTATIONS);
    errors = await recordErrors(page);
    await page.goto(server.url(PAGE), { waitUntil: 'load' });
  });
  afterAll(async () => {
    await errors.stop();
    await tab.stop();
    await page.close();
  });

  test('the API is gone, in the page and in the content script, and the overlay host is in its place', async () => {
    // The engine finds the sentences this test expects, with every verdict among them.
    expect(new Set(findings.map((finding) => finding.verdict))).toEqual(
      new Set(['established', 'plausible-limited', 'mixed', 'not-supported', 'misleading']),
    );
    for (const sentence of [...Object.values(CLAIMS), INNER_CLAIM, FAR_CLAIM]) {
      expect(verdictsOf(sentence).length, sentence).toBeGreaterThan(0);
    }

    expect(await page.evaluate(() => [typeof Highlight, 'highlights' in CSS])).toEqual(['undefined', false]);
    await waitForBoxes(page);
    expect(tab.stripped).toEqual(['undefined,false']);
    expect(
      await evaluateInContentScript(
        page,
        `[typeof Highlight, typeof HighlightRegistry, 'highlights' in CSS]`,
      ),
    ).toEqual(['undefined', 'undefined', false]);
    // Nuchter read the page and holds every claim.
    expect((await readStats(page))?.claims).toBe(findings.length);

    const host = await page.evaluate(
      ({ tag, attribute }) => {
        const hosts = document.querySelectorAll(tag);
        const element = hosts[0];
        return {
          count: hosts.length,
          parent: element?.parentElement?.tagName,
          marked: element?.hasAttribute(attribute),
          size: element && [element.getBoundingClientRect().width, element.getBoundingClientRect().height],
          pointerEvents: element && getComputedStyle(element).pointerEvents,
          position: element && getComputedStyle(element).position,
          styles: element?.shadowRoot
            ? element.shadowRoot.adoptedStyleSheets.length +
              element.shadowRoot.querySelectorAll('style').length
            : 0,
          // Every box lets the pointer through.
          boxesTakingPointer: element?.shadowRoot
            ? [...element.shadowRoot.querySelectorAll('.box')].filter(
                (box) => getComputedStyle(box).pointerEvents !== 'none',
              ).length
            : -1,
        };
      },
      { tag: OVERLAY_HOST, attribute: OWN_UI_ATTRIBUTE },
    );
    expect(host).toEqual({
      count: 1,
      parent: 'HTML',
      marked: true,
      size: [0, 0],
      pointerEvents: 'none',
      position: 'absolute',
      styles: 1,
      boxesTakingPointer: 0,
    });
  });

  test('every claim near the viewport has a box of its verdict over each of its lines, hype words too', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const boxes = await waitForBoxes(page);
    for (const [id, sentence] of Object.entries(CLAIMS)) {
      const lines = await textLines(page, id);
      expect(lines.length, id).toBeGreaterThan(0);
      for (const verdict of verdictsOf(sentence)) {
        for (const line of lines)
          expect(covers(boxes, line, verdict, 0), `${verdict} box over #${id}`).toBe(true);
      }
      for (const word of new Set(findings.filter((f) => f.text === sentence).flatMap((f) => f.hype))) {
        for (const line of await textLines(page, id, word)) {
          expect(covers(boxes, line, 'hype', 1), `hype box over "${word}"`).toBe(true);
        }
      }
    }
    // One box per verdict and line: the sentence with two topics of different verdicts has two, not more.
    const hypeLines = await textLines(page, 'hype-claim');
    const overHype = boxes.filter((box) => box.layer === 0 && Math.abs(box.top - hypeLines[0]!.top) < 2);
    expect(overHype.map((box) => box.className).sort()).toEqual(['box misleading', 'box not-supported']);
    // Nothing is drawn where there is no claim.
    const plain = (await textLines(page, 'plain'))[0]!;
    expect(boxes.filter((box) => box.bottom > plain.top + 2 && box.top < plain.bottom - 2)).toEqual([]);
  });

  test('a click on a claim opens its card with its verdict, and the open claim is marked', async () => {
    const [verdict] = verdictsOf(CLAIMS['sleep-claim']!);
    await clickText(page, 'completely fixed');
    await expect.poll(() => cardDialog(page).count()).toBe(1);
    expect(await cardDialog(page).textContent()).toContain(STRINGS.en.verdicts[verdict!]);
    expect(await cardDialog(page).textContent()).toContain(CLAIMS['sleep-claim']);
    const boxes = await shownBoxes(page);
    for (const line of await textLines(page, 'sleep-claim'))
      expect(covers(boxes, line, 'active', 2)).toBe(true);

    await page.keyboard.press('Escape');
    await expect.poll(() => cardHostCount(page)).toBe(0);
    expect((await shownBoxes(page)).filter((box) => box.layer === 2)).toEqual([]);

    // Through the boxes of a wavy-underlined claim with hype words, on a hype word itself.
    await clickText(page, 'miracle');
    await expect.poll(() => cardDialog(page).count()).toBe(1);
    const text = (await cardDialog(page).textContent()) ?? '';
    expect(text).toContain(CLAIMS['hype-claim']);
    expect(verdictsOf(CLAIMS['hype-claim']!).some((v) => text.includes(STRINGS.en.verdicts[v]))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => cardHostCount(page)).toBe(0);
  });

  test('boxes follow the text when the page scrolls', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const before = await textLines(page, 'split-en');
    await page.mouse.wheel(0, 150);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(150);
    const after = await textLines(page, 'split-en');
    expect(after[0]!.top).toBeCloseTo(before[0]!.top - 150, 0);
    expect(covers(await shownBoxes(page), after[0]!, 'misleading', 0)).toBe(true);

    // Far down the page: a claim that had no box gets one when it comes near.
    const farBefore = (await shownBoxes(page)).filter((box) => box.className.includes('plausible-limited'));
    expect(farBefore).toEqual([]);
    await page.evaluate(() => document.getElementById('far-claim')!.scrollIntoView({ block: 'center' }));
    const [farVerdict] = verdictsOf(FAR_CLAIM);
    expect(farVerdict).toBe('plausible-limited');
    const farLines = await textLines(page, 'far-claim');
    await expect.poll(async () => covers(await shownBoxes(page), farLines[0]!, farVerdict!, 0)).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  test('boxes stay inside an inner scroller, and follow its scrolling', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const scroller = await page.evaluate(() => {
      const element = document.getElementById('scroller')!;
      const rect = element.getBoundingClientRect();
      return {
        left: rect.left + element.clientLeft,
        top: rect.top + element.clientTop,
        right: rect.left + element.clientLeft + element.clientWidth,
        bottom: rect.top + element.clientTop + element.clientHeight,
      };
    });
    // Boxes over the scroller or just below it, where its hidden lines are (no claim follows it for a while).
    const inScroller = (boxes: ShownBox[]) =>
      boxes.filter(
        (box) =>
          box.right > scroller.left &&
          box.left < scroller.right &&
          box.bottom > scroller.top - 4 &&
          box.top < scroller.bottom + 200,
      );
    const [verdict] = verdictsOf(INNER_CLAIM);
    // The claim is scrolled out of the box: nothing of it shows, above or below the scroller.
    const lines = await textLines(page, 'inner-claim');
    expect(lines[0]!.top).toBeGreaterThan(scroller.bottom);
    expect(inScroller(await shownBoxes(page))).toEqual([]);

    // Scrolled halfway in: the box is cut at the scroller's edge.
    await page.evaluate(
      (by) => {
        document.getElementById('scroller')!.scrollTop += by;
      },
      lines[0]!.top - (scroller.bottom - 10),
    );
    const half = await textLines(page, 'inner-claim');
    expect(half[0]!.bottom).toBeGreaterThan(scroller.bottom);
    const cut = inScroller(await shownBoxes(page)).filter((box) => box.className.includes(verdict!));
    expect(cut).toHaveLength(1);
    expect(cut[0]!.top).toBeCloseTo(half[0]!.top, 0);
    expect(cut[0]!.bottom).toBeLessThanOrEqual(scroller.bottom + 0.5);

    // Scrolled fully in: the box covers the line.
    await page.evaluate(() => document.getElementById('inner-claim')!.scrollIntoView({ block: 'nearest' }));
    const full = await textLines(page, 'inner-claim');
    expect(covers(await shownBoxes(page), full[0]!, verdict!, 0)).toBe(true);
    for (const box of inScroller(await shownBoxes(page))) {
      expect(box.top).toBeGreaterThanOrEqual(scroller.top - 0.5);
      expect(box.bottom).toBeLessThanOrEqual(scroller.bottom + 0.5);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  test("the page's own DOM is unchanged but for the overlay host and the card host, and nothing failed", async () => {
    expect(await page.evaluate(() => document.body.outerHTML)).toBe(
      await page.evaluate(() => (window as unknown as { __bodyAtParse: string }).__bodyAtParse),
    );
    expect(
      await page.evaluate(() => [...document.documentElement.children].map((child) => child.tagName)),
    ).toEqual(['HEAD', 'BODY', OVERLAY_HOST.toUpperCase()]);
    const recorded = await recordedMutations(page);
    const hosts = [OVERLAY_HOST.toUpperCase(), CARD_HOST.toUpperCase()];
    // Element changes: the overlay host added once under <html>, the card host added and removed under <body>.
    const childList = recorded.filter((record) => record.type === 'childList');
    expect(childList[0]).toEqual({
      type: 'childList',
      target: 'HTML',
      attributeName: null,
      added: ['NUCHTER-OVERLAY'],
      removed: [],
    });
    for (const record of childList.slice(1)) {
      expect(record.target).toBe('BODY');
      expect([...record.added, ...record.removed]).toEqual(['NUCHTER-CARD']);
    }
    expect(childList.length).toBeGreaterThan(1);
    // No attribute or text change anywhere in the page (our own hosts' attributes are our business).
    expect(
      recorded.filter((record) => record.type !== 'childList' && !hosts.includes(record.target)),
    ).toEqual([]);
    expect(errors.exceptions).toEqual([]);
    expect(errors.errors).toEqual([]);
  });

  test('the overlay in light and dark mode (screenshots to look at)', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    // The card paints over the boxes (the overlay sits one z-index below it).
    await clickText(page, 'completely fixed');
    await expect.poll(() => cardDialog(page).count()).toBe(1);
    await saveScreenshot(page, 'overlay-card-light');
    await page.keyboard.press('Escape');
    await expect.poll(() => cardHostCount(page)).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await waitForBoxes(page);
    await saveScreenshot(page, 'overlay-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect
      .poll(() =>
        page.evaluate((tag) => {
          const box = document.querySelector(tag)?.shadowRoot?.querySelector('.box.established');
          return box ? getComputedStyle(box).borderBottomColor : '';
        }, OVERLAY_HOST),
      )
      .toBe('rgb(106, 213, 138)');
    await saveScreenshot(page, 'overlay-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });
});

describe('links inside a claim', () => {
  test('still navigate, while the claim around them opens the card', async () => {
    const tab = await newPageWithoutHighlightApi(browser.context);
    const { page } = tab;
    await page.goto(server.url(PAGE));
    await waitForBoxes(page);
    await clickText(page, 'flushes');
    const [verdict] = verdictsOf(CLAIMS['split-en']!);
    await expect.poll(() => cardDialog(page).textContent()).toContain(STRINGS.en.verdicts[verdict!]);
    await Promise.all([page.waitForURL(server.url('/link-target.html')), clickText(page, 'toxins')]);
    expect(await page.locator('h1').textContent()).toBe('You followed the link');
    await tab.stop();
    await page.close();
  });
});

async function serviceWorker(b: ExtensionBrowser): Promise<Worker> {
  return b.context.serviceWorkers()[0] ?? (await b.context.waitForEvent('serviceworker'));
}

/** Opens popup.html for `page`'s tab in a tab of its own (automation cannot open the toolbar popup). */
async function openPopupFor(b: ExtensionBrowser, page: Page): Promise<Page> {
  const worker = await serviceWorker(b);
  const tabId = await worker.evaluate(
    async (url) => (await chrome.tabs.query({ url })).at(0)?.id,
    page.url(),
  );
  if (tabId === undefined) throw new Error(`no tab for ${page.url()}`);
  const popup = await b.context.newPage();
  await popup.setViewportSize({ width: 360, height: 720 });
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
  return popup;
}

describe('switching Nuchter off', () => {
  test('removes the overlay host; switching on brings it back with its boxes', async () => {
    const tab = await newPageWithoutHighlightApi(browser.context);
    const { page } = tab;
    await page.goto(server.url(PAGE));
    const before = (await waitForBoxes(page)).length;
    const hostCount = () => page.evaluate((tag) => document.querySelectorAll(tag).length, OVERLAY_HOST);
    expect(await hostCount()).toBe(1);

    const popup = await openPopupFor(browser, page);
    const main = popup.getByRole('switch', { name: 'Nuchter on' });
    await expect.poll(() => main.getAttribute('aria-checked')).toBe('true');
    await main.click();
    await expect.poll(hostCount).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('[data-nuchter-ui]').length)).toBe(0);

    await main.click();
    await expect.poll(hostCount).toBe(1);
    await expect.poll(async () => (await shownBoxes(page)).length).toBe(before);
    await popup.close();
    await tab.stop();
    await page.close();
  });
});
