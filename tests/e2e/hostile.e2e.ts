/**
 * Nuchter on hostile pages (issue #8): a 10 MB article, a page that rewrites its text 1,000 times a second, a page
 * that breaks its own built-ins and clears `CSS.highlights`, a strict content security policy, shadow DOM and
 * frames, editors, SVG and vertical text, a single-page app, and the extension reloaded under a live page. The page
 * must keep running, Nuchter must keep (or stop) painting as it should, and nothing may throw.
 *
 * Timings are measured in the page (a heartbeat that notes performance.now() every 10 ms) and printed; the bounds
 * asserted are generous, because the test machines have two cores and other work runs beside the tests.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Frame, Page, Worker } from 'playwright-core';
import { MIN_BATCH_INTERVAL_MS } from '../../src/content/mutation-batcher';
import {
  cardDialog,
  cardHostCount,
  clickText,
  countColouredPixels,
  countRanges,
  evaluateInTestWorld,
  launchWithExtension,
  openPage,
  readHighlights,
  readHighlightsInTestWorld,
  readStats,
  recordErrors,
  saveScreenshot,
  startFixtureServer,
  VERDICT_HIGHLIGHTS,
  waitForHighlights,
  type ExtensionBrowser,
  type FixtureServer,
  type RegisteredHighlight,
} from './harness';
import { CSP_PAGE, HUGE_CLAIMS, HUGE_PAGE, serveHostilePages, STRICT_CSP } from './hostile-pages';

const HUGE_BYTES = 10 * 1024 * 1024;
/** The longest the page's heartbeat may stall while Nuchter works: generous, see above. */
const MAX_HEARTBEAT_GAP_MS = 2000;
const STORM_MS = 5000;

const DETOX = 'Magnesium flushes toxins out of your body.';
const SLEEP = 'Taking magnesium every evening completely fixed my restless sleep.';
const DEFICIENT = 'Everyone is deficient in magnesium these days.';
const DETOX_NL = 'Magnesium ontgift je lichaam en reinigt je lever.';
const SLEEP_NL = 'Sinds ik elke avond magnesium neem, slaap ik als een blok.';

let server: FixtureServer;
let browser: ExtensionBrowser;
/** Every request any page, frame or worker of the browser made during the suite. */
const requests: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer();
  serveHostilePages(server, { hugeBytes: HUGE_BYTES });
  browser = await launchWithExtension();
  browser.context.on('request', (request) => requests.push(request.url()));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Prints a measurement so it shows in the test output (and in reports). */
function report(what: string, values: Record<string, unknown>): void {
  console.log(`[hostile] ${what}: ${JSON.stringify(values)}`);
}

/** The distinct texts of the verdict highlights' ranges, sorted. */
function verdictTexts(highlights: RegisteredHighlight[]): string[] {
  const texts = highlights
    .filter((highlight) => VERDICT_HIGHLIGHTS.includes(highlight.name))
    .flatMap((highlight) => highlight.texts.map((text) => text.replace(/\s+/g, ' ').trim()));
  return [...new Set(texts)].sort();
}

/** One range of a verdict highlight, with where it lies in the page. */
interface PaintedRange {
  name: string;
  text: string;
  /** The id of the closest element with an id around the range's start (inside a shadow root: within it). */
  owner: string | null;
  /** The id of the shadow host whose shadow root holds the range, if any. */
  shadowHost: string | null;
  inSvg: boolean;
  inEditable: boolean;
  connected: boolean;
}

/** Every range of the verdict highlights in `target` (a page or a frame), read in its own world. */
function paintedRanges(target: Page | Frame): Promise<PaintedRange[]> {
  return target.evaluate((names) => {
    const painted: PaintedRange[] = [];
    for (const name of names) {
      const highlight = CSS.highlights.get(name);
      if (!highlight) continue;
      for (const range of highlight) {
        if (!(range instanceof Range)) continue;
        const start = range.startContainer;
        const element = start instanceof Element ? start : start.parentElement;
        const root = start.getRootNode();
        painted.push({
          name,
          text: range.toString().replace(/\s+/g, ' ').trim(),
          owner: element?.closest('[id]')?.id ?? null,
          shadowHost: root instanceof ShadowRoot ? root.host.id : null,
          inSvg: element?.closest('svg') != null || start.parentNode instanceof SVGElement,
          inEditable: element?.closest('[contenteditable], [role="textbox"]') != null,
          connected: start.isConnected,
        });
      }
    }
    return painted;
  }, VERDICT_HIGHLIGHTS) as Promise<PaintedRange[]>;
}

/** The largest gap between two heartbeats of the page that overlaps [from, to] (page clock), and the beat count. */
function largestGap(beats: number[], from: number, to: number): { gap: number; at: number; beats: number } {
  let gap = 0;
  let at = 0;
  let count = 0;
  for (let i = 1; i < beats.length; i++) {
    if (beats[i]! < from || beats[i - 1]! > to) continue;
    count++;
    if (beats[i]! - beats[i - 1]! > gap) {
      gap = beats[i]! - beats[i - 1]!;
      at = beats[i - 1]!;
    }
  }
  return { gap: Math.round(gap), at: Math.round(at), beats: count };
}

describe('a 10 MB page', () => {
  test(
    'is read a few screens ahead, and to its last paragraph as the reader goes there, while the page keeps running',
    { timeout: 120_000 },
    async () => {
      const page = await browser.context.newPage();
      // The heartbeat also notes when Nuchter registered its (empty) highlights — the start of its first scan — and
      // when the page's last claim was painted: the scan reads and paints slice by slice, so that is its end.
      await page.addInitScript(
        (lastClaimId: string) => {
          const state = { registeredAt: 0, paintedAt: 0 };
          (window as unknown as { __nuchterSeen: typeof state }).__nuchterSeen = state;
          setInterval(() => {
            if (!state.registeredAt && CSS.highlights.has('nuchter-mixed'))
              state.registeredAt = performance.now();
            if (state.registeredAt && !state.paintedAt) {
              CSS.highlights.forEach((highlight) => {
                for (const range of highlight as unknown as Set<AbstractRange>) {
                  const owner = range.startContainer.parentElement?.closest('p')?.id;
                  if (owner === lastClaimId) state.paintedAt ||= performance.now();
                }
              });
            }
          }, 10);
        },
        `huge-claim-${HUGE_CLAIMS.length - 1}`,
      );
      const started = Date.now();
      await page.goto(server.url(HUGE_PAGE), { waitUntil: 'load', timeout: 90_000 });
      const loadedAfter = Date.now() - started;
      // On load, Nuchter reads the top of the page, a few screens ahead of the reader: the first claim, no other.
      await expect
        .poll(async () => (await paintedRanges(page)).map((range) => range.owner), { timeout: 30_000 })
        .toEqual(['huge-claim-0']);
      const onLoad = await readStats(page);
      expect(onLoad?.scans).toBeGreaterThanOrEqual(1);
      expect(onLoad?.blocksScanned).toBeLessThan(2000);
      // The reader jumps to the end: everything above it is read, in slices, to the last paragraph.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const expected = HUGE_CLAIMS.map((claim) => claim.text).sort();
      await expect
        .poll(async () => verdictTexts(await readHighlights(page)), { timeout: 90_000, interval: 250 })
        .toEqual(expected);
      const paintedAfter = Date.now() - started;
      // Each claim is painted in its own paragraph, the last one in the page's last paragraph.
      const owners = (await paintedRanges(page)).map((range) => range.owner);
      expect(new Set(owners)).toEqual(new Set(HUGE_CLAIMS.map((_, index) => `huge-claim-${index}`)));

      const stats = await readStats(page);
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __beats: number[] }).__beats.length))
        .toBeGreaterThan(0);
      await page.waitForTimeout(200); // a few more heartbeats after the paint
      const timeline = await page.evaluate(() => {
        const w = window as unknown as {
          __beats: number[];
          __loadedAt: number;
          __nuchterSeen: { registeredAt: number; paintedAt: number };
        };
        return { beats: w.__beats, loadedAt: w.__loadedAt, ...w.__nuchterSeen };
      });
      const { beats, loadedAt, registeredAt, paintedAt } = timeline;
      expect(registeredAt).toBeGreaterThan(0);
      expect(paintedAt).toBeGreaterThanOrEqual(registeredAt);
      // The gap that holds Nuchter's first slice ends at the first beat that saw its highlights: overlap with it.
      const duringScan = largestGap(beats, registeredAt, paintedAt);
      const afterLoad = largestGap(beats, loadedAt, beats.at(-1)!);
      const beforeLoad = largestGap(beats, 0, loadedAt);
      report('10 MB page', {
        bytes: HUGE_BYTES,
        loadedAfterMs: loadedAfter,
        paintedAfterMs: paintedAfter,
        scanWallMs: Math.round(paintedAt - registeredAt),
        scanStartedAfterLoadMs: Math.round(registeredAt - loadedAt),
        blocksReadOnLoad: onLoad?.blocksScanned,
        largestGapDuringScanMs: duringScan.gap,
        heartbeatsDuringScan: duringScan.beats,
        largestGapAfterLoadMs: afterLoad.gap,
        largestGapWhileParsingMs: beforeLoad.gap,
        stats,
      });
      expect(stats?.blocksScanned).toBeGreaterThan(40_000);
      expect(duringScan.beats).toBeGreaterThan(3);
      expect(duringScan.gap).toBeLessThan(MAX_HEARTBEAT_GAP_MS);
      await page.close();
    },
  );
});

describe('a mutation storm', () => {
  test('1,000 changes a second for 5 s: the page keeps running, Nuchter throttles and catches up', async () => {
    const page = await openPage(browser.context, server.url('/hostile/storm.html'));
    await waitForHighlights(page, 1);
    await expect.poll(async () => (await readStats(page))?.scans ?? 0).toBeGreaterThanOrEqual(1);
    const before = (await readStats(page))!;
    await page.evaluate(
      (ms) => (window as unknown as { startStorm(ms: number): void }).startStorm(ms),
      STORM_MS,
    );
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __storm: { done: boolean } }).__storm.done), {
        timeout: STORM_MS + 15_000,
        interval: 200,
      })
      .toBe(true);
    const during = (await readStats(page))!;

    // Once the storm is over, the paragraphs are painted as their final text says, within 2 s.
    const caughtUp = await page.evaluate(
      async ({ names, claim }) => {
        const storm = (window as unknown as { __storm: { endedAt: number } }).__storm;
        const settled = () => {
          const ranges = names.flatMap((name) => [...(CSS.highlights.get(name) ?? [])]) as Range[];
          const inside = (id: string) =>
            ranges.filter((range) => document.getElementById(id)!.contains(range.startContainer));
          const final = inside('final-claim');
          return (
            ranges.every((range) => range.startContainer.isConnected) &&
            final.length > 0 &&
            final.every((range) => range.toString() === claim) &&
            inside('final-plain').length === 0 &&
            inside('steady').length > 0
          );
        };
        while (!settled() && performance.now() - storm.endedAt < 5000) {
          await new Promise((done) => setTimeout(done, 10));
        }
        return { settled: settled(), afterMs: Math.round(performance.now() - storm.endedAt) };
      },
      { names: VERDICT_HIGHLIGHTS, claim: DETOX },
    );
    const after = (await readStats(page))!;
    const { storm, gap } = await page.evaluate(() => {
      const w = window as unknown as {
        __beats: number[];
        __storm: { changes: number; startedAt: number; endedAt: number };
      };
      let largest = 0;
      for (let i = 1; i < w.__beats.length; i++) {
        if (w.__beats[i]! < w.__storm.startedAt || w.__beats[i - 1]! > w.__storm.endedAt) continue;
        largest = Math.max(largest, w.__beats[i]! - w.__beats[i - 1]!);
      }
      return { storm: w.__storm, gap: Math.round(largest) };
    });
    const scansDuringStorm = during.scans - before.scans;
    report('mutation storm', {
      changes: storm.changes,
      domWritesPerChange: 3,
      stormMs: Math.round(storm.endedAt - storm.startedAt),
      scansDuringStorm,
      blocksReadDuringStorm: during.blocksScanned - before.blocksScanned,
      scanMsDuringStorm: Math.round(during.scanMs - before.scanMs),
      largestHeartbeatGapMs: gap,
      caughtUpAfterMs: caughtUp.afterMs,
      scansAfterStorm: after.scans - during.scans,
    });
    expect(storm.changes).toBe(STORM_MS); // 1,000 a second
    expect(caughtUp.settled).toBe(true);
    expect(caughtUp.afterMs).toBeLessThan(2000);
    expect(gap).toBeLessThan(MAX_HEARTBEAT_GAP_MS);
    // At most one batch per MIN_BATCH_INTERVAL_MS, each reading the (up to three) paragraphs that changed.
    expect(scansDuringStorm).toBeGreaterThan(0);
    expect(scansDuringStorm).toBeLessThanOrEqual(3 * (STORM_MS / MIN_BATCH_INTERVAL_MS + 5));
    expect(scansDuringStorm).toBeLessThan(storm.changes / 10);
    // Every claim Nuchter holds is painted: the steady one and the final one (one range per topic found).
    expect(after.claims).toBe(countRanges(await readHighlights(page)));
    await page.close();
  });

  test('a burst of 1,500 new paragraphs at once is read (one full pass) to where the reader scrolls', async () => {
    const page = await openPage(browser.context, server.url('/hostile/storm.html'));
    await waitForHighlights(page, 1);
    await page.evaluate((claim) => {
      const fragment = document.createDocumentFragment();
      for (let i = 0; i < 1500; i++) {
        const paragraph = document.createElement('p');
        paragraph.textContent = i === 1499 ? claim : `Line ${i} of the timetable.`;
        if (i === 1499) paragraph.id = 'burst-claim';
        fragment.append(paragraph);
      }
      document.body.append(fragment);
    }, DEFICIENT);
    // The new paragraphs run far below the screen: the reader scrolls to the last one.
    await page.evaluate(() => document.getElementById('burst-claim')!.scrollIntoView());
    await expect
      .poll(async () => (await paintedRanges(page)).filter((range) => range.owner === 'burst-claim').length, {
        timeout: 5000,
      })
      .toBeGreaterThan(0);
    await page.close();
  });
});

describe('a page that breaks its own built-ins and clears CSS.highlights', () => {
  test('still gets its highlights, restored after each clear, and the card', async () => {
    const page = await browser.context.newPage();
    const errors = await recordErrors(page);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url('/hostile/globals.html'));
    // Read through a world of the test's own: the page's world has no working Array, JSON, CSS or Range.
    await expect
      .poll(async () => verdictTexts(await readHighlightsInTestWorld(page)))
      .toEqual([DETOX, SLEEP_NL].sort());
    // The page really is broken for code in its own world…
    expect(await page.evaluate('typeof Highlight + " " + typeof CSS.highlights')).toBe('object object');
    // …but not for the content script in its isolated world, which holds exactly what is painted.
    expect((await readStats(page))?.claims).toBe(countRanges(await readHighlightsInTestWorld(page)));

    // The page clears the registry: the highlights come back within the restore interval.
    const cleared = await evaluateInTestWorld<number>(
      page,
      `document.dispatchEvent(new Event('hostile:clear')), CSS.highlights.size`,
    );
    expect(cleared).toBe(0);
    await expect
      .poll(async () => verdictTexts(await readHighlightsInTestWorld(page)), { timeout: 3000 })
      .toEqual([DETOX, SLEEP_NL].sort());

    // A claim the page adds later is found (our MutationObserver is not the page's broken one)…
    await evaluateInTestWorld(
      page,
      `document.dispatchEvent(new CustomEvent('hostile:append', { detail: ${JSON.stringify(DEFICIENT)} }))`,
    );
    await expect
      .poll(async () => verdictTexts(await readHighlightsInTestWorld(page)))
      .toEqual([DETOX, DEFICIENT, SLEEP_NL].sort());
    // …cleared again, restored again, and a click opens the card.
    await evaluateInTestWorld(page, `document.dispatchEvent(new Event('hostile:clear'))`);
    await expect
      .poll(async () => verdictTexts(await readHighlightsInTestWorld(page)), { timeout: 3000 })
      .toHaveLength(3);
    await page.locator('#claim').click({ position: { x: 20, y: 8 } });
    await expect.poll(() => cardDialog(page).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => cardHostCount(page)).toBe(0);

    // Nobody called one of the page's broken functions, and nothing threw anywhere.
    expect(
      await evaluateInTestWorld(page, `document.documentElement.dataset.hostileCalls ?? null`),
    ).toBeNull();
    expect(errors.exceptions).toEqual([]);
    expect(errors.errors).toEqual([]);
    expect(pageErrors).toEqual([]);
    await errors.stop();
    await page.close();
  });
});

describe("a page that replays WXT's start event", () => {
  test('cannot switch Nuchter off, even knowing its extension id', async () => {
    // WXT no longer posts the event's name to the page, so the page is told Nuchter's id, as a page that keeps a
    // list of known extension ids would be; it waits for the real start event and replays it (see replay.html).
    const page = await openPage(
      browser.context,
      server.url(`/hostile/replay.html?id=${browser.extensionId}`),
    );
    await waitForHighlights(page, 1);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.replayed ?? null))
      .toBe('yes');
    // What the page saw: WXT's start event, dispatched on the document from Nuchter's isolated world.
    const announced = JSON.parse(
      (await page.evaluate(() => document.documentElement.dataset.announced)) ?? 'null',
    ) as { type: string; detail: unknown } | null;
    expect(announced?.type).toBe(`${browser.extensionId}:content:wxt:content-script-started`);
    // Past a restore tick: the highlights are still there, a claim added now is painted, and the card opens.
    await page.waitForTimeout(1200);
    expect(verdictTexts(await readHighlights(page))).toEqual([DETOX]);
    await page.evaluate((claim) => {
      const paragraph = document.createElement('p');
      paragraph.id = 'added';
      paragraph.textContent = claim;
      document.getElementById('later')!.append(paragraph);
    }, DEFICIENT);
    await expect
      .poll(async () => verdictTexts(await readHighlights(page)))
      .toEqual([DEFICIENT, DETOX].sort());
    await clickText(page, 'flushes toxins');
    await expect.poll(() => cardDialog(page).count()).toBe(1);
    await page.keyboard.press('Escape');
    // A page that does not know the id is never told it: privacy.e2e.ts shows no message reaches any page.
    report('replayed start event', { announced });
    await page.close();
  });
});

describe('a strict content security policy', () => {
  test('highlights still render and the card still opens', async () => {
    const page = await browser.context.newPage();
    const errors = await recordErrors(page);
    const response = await page.goto(server.url(CSP_PAGE));
    expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
    const highlights = await waitForHighlights(page, 1);
    expect(verdictTexts(highlights)).toEqual([DETOX]);

    // Rendered, not only registered: the claim's line is tinted and underlined, the plain line is not.
    const claimPixels = await countColouredPixels(browser.context, await page.locator('#claim').screenshot());
    const plainPixels = await countColouredPixels(browser.context, await page.locator('#plain').screenshot());
    report('strict CSP', { colouredPixelsOfClaim: claimPixels, colouredPixelsOfPlainLine: plainPixels });
    expect(claimPixels).toBeGreaterThan(200);
    expect(plainPixels).toBeLessThan(20);

    await clickText(page, 'flushes toxins');
    const dialog = cardDialog(page);
    await expect.poll(() => dialog.count()).toBe(1);
    // The card's own styles apply too (a white, bordered card), though the page allows no style at all.
    expect(await dialog.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
      'rgb(255, 255, 255)',
    );
    const box = await dialog.boundingBox();
    expect(box?.width).toBeGreaterThan(200);
    await saveScreenshot(page, 'hostile-csp-card');
    await page.keyboard.press('Escape');
    await expect.poll(() => cardHostCount(page)).toBe(0);

    expect(errors.exceptions).toEqual([]);
    expect(errors.errors).toEqual([]);
    // The policy is enforced: a style the page itself adds does not apply (and is reported).
    const applied = await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'h1 { color: rgb(1, 2, 3) }';
      document.head.append(style);
      return getComputedStyle(document.querySelector('h1')!).color;
    });
    expect(applied).not.toBe('rgb(1, 2, 3)');
    await errors.stop();
    await page.close();
  });
});

describe('shadow DOM and frames', () => {
  test('a claim in an open shadow root and one in a same-origin frame are both painted', async () => {
    const page = await openPage(browser.context, server.url('/hostile/shadow.html'));
    await expect
      .poll(() => paintedRanges(page))
      .toEqual([
        expect.objectContaining({ text: DETOX, owner: 'shadow-claim', shadowHost: 'card', connected: true }),
      ]);
    const frame = page.frames().find((candidate) => candidate.url().endsWith('/hostile/frame.html'));
    expect(frame).toBeDefined();
    // The frame has a content script of its own (all_frames) and its own CSS.highlights.
    await expect
      .poll(() => paintedRanges(frame!))
      .toEqual([expect.objectContaining({ text: DETOX_NL, owner: 'frame-claim', connected: true })]);
    await page.close();
  });

  test('a claim in a srcdoc frame is painted (match_about_blank)', async () => {
    server.setPage(
      '/hostile/srcdoc.html',
      `<!doctype html><html lang="nl"><body><p>Een lege pagina met een ingebed bericht.</p>
      <iframe srcdoc="<p id='srcdoc-claim'>${DETOX_NL}</p>"></iframe></body></html>`,
    );
    const page = await openPage(browser.context, server.url('/hostile/srcdoc.html'));
    const frame = page.frames().find((candidate) => candidate.url() === 'about:srcdoc');
    expect(frame).toBeDefined();
    await expect
      .poll(() => paintedRanges(frame!))
      .toEqual([expect.objectContaining({ text: DETOX_NL, owner: 'srcdoc-claim', connected: true })]);
    await page.close();
  });
});

describe('editable regions and editors', () => {
  test('are never painted, also while the reader types claims into them', async () => {
    const page = await openPage(browser.context, server.url('/hostile/editor.html'));
    await waitForHighlights(page, 1);
    const frame = page.frames().find((candidate) => candidate.url().endsWith('/hostile/editor-frame.html'))!;
    // The frame's content script has run (its highlights are registered) and painted nothing in the editable body.
    await expect.poll(() => frame.evaluate(() => CSS.highlights.has('nuchter-mixed'))).toBe(true);

    // The reader types claims into each editor: the rich-text widget (nested spans), the editable div and the
    // editable frame body.
    await page.locator('#rte-empty').click();
    await page.keyboard.type(SLEEP, { delay: 2 });
    await page.locator('#editable p').click();
    await page.keyboard.press('End');
    await page.keyboard.type(` ${DEFICIENT}`, { delay: 2 });
    await frame.locator('#frame-draft').click();
    await page.keyboard.press('End');
    await page.keyboard.type(` ${DETOX}`, { delay: 2 });
    // A widget that becomes editable after it was painted loses its highlight once the reader types in it.
    await page.evaluate((claim) => {
      const widget = document.createElement('div');
      widget.id = 'late-widget';
      widget.innerHTML = `<p id="late-line"></p>`;
      widget.querySelector('p')!.textContent = claim;
      document.getElementById('later')!.append(widget);
    }, DETOX_NL);
    await expect
      .poll(async () => (await paintedRanges(page)).filter((range) => range.owner === 'late-line').length)
      .toBe(1);
    await page.evaluate(() =>
      document.getElementById('late-widget')!.setAttribute('contenteditable', 'true'),
    );
    await page.locator('#late-line').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Net geschreven.', { delay: 2 });
    // Then a plain paragraph with a claim: once it is painted, the changes before it have been handled too.
    await page.evaluate((claim) => {
      const paragraph = document.createElement('p');
      paragraph.id = 'sentinel';
      paragraph.textContent = claim;
      document.body.append(paragraph);
    }, SLEEP_NL);
    await expect
      .poll(async () => (await paintedRanges(page)).map((range) => range.owner).sort())
      .toEqual(['plain-claim', 'sentinel']);
    const painted = await paintedRanges(page);
    expect(painted.filter((range) => range.inEditable)).toEqual([]);
    expect(verdictTexts(await readHighlights(page))).toEqual([DETOX, SLEEP_NL].sort());
    // The frame's batches have run by now too (its batch interval is the same); nothing in it was painted.
    await page.waitForTimeout(500);
    expect(await paintedRanges(frame)).toEqual([]);
    expect((await readStats(page))?.claims).toBe(countRanges(await readHighlights(page)));
    await page.close();
  });
});

describe('SVG and vertical text', () => {
  test('vertical claims are painted and open the card, SVG text is skipped, nothing throws', async () => {
    const page = await browser.context.newPage();
    const errors = await recordErrors(page);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url('/hostile/svg-vertical.html'));
    await waitForHighlights(page, 2);
    const painted = await paintedRanges(page);
    expect(painted.map((range) => `${range.owner} | ${range.text}`).sort()).toEqual(
      [`horizontal-claim | ${SLEEP}`, `vertical-claim | ${DETOX_NL}`].sort(),
    );
    expect(painted.filter((range) => range.inSvg)).toEqual([]);
    // A click on the vertical claim (its first column, near the top) opens its card.
    await page
      .locator('#vertical-claim')
      .click({ position: { x: (await page.locator('#vertical-claim').boundingBox())!.width - 16, y: 40 } });
    await expect.poll(() => cardDialog(page).textContent()).toContain(DETOX_NL);
    await page.keyboard.press('Escape');
    await expect.poll(() => cardHostCount(page)).toBe(0);
    expect(errors.exceptions).toEqual([]);
    expect(errors.errors).toEqual([]);
    expect(pageErrors).toEqual([]);
    await errors.stop();

    // A standalone SVG document (no <body> at all) is visited without a single error, and nothing is painted.
    const svg = await browser.context.newPage();
    const svgErrors = await recordErrors(svg);
    await svg.goto(server.url('/hostile/chart.svg'));
    await expect.poll(async () => (await readStats(svg))?.scans ?? 0).toBeGreaterThanOrEqual(1);
    expect((await readStats(svg))?.claims).toBe(0);
    expect(await readHighlights(svg).then((highlights) => verdictTexts(highlights))).toEqual([]);
    expect(svgErrors.exceptions).toEqual([]);
    expect(svgErrors.errors).toEqual([]);
    await svgErrors.stop();
    await svg.close();
    await page.close();
  });
});

describe('a single-page app', () => {
  test('history.pushState with new content: old claims go, new ones are painted, and back again', async () => {
    const page = await openPage(browser.context, server.url('/hostile/spa.html'));
    const texts = async () => verdictTexts(await readHighlights(page));
    await expect.poll(texts).toEqual([DEFICIENT, DETOX].sort());

    await page.evaluate(() => (window as unknown as { go(path: string): void }).go('/hostile/spa/sleep'));
    expect(page.url()).toBe(server.url('/hostile/spa/sleep'));
    await expect.poll(texts, { timeout: 3000 }).toEqual([SLEEP]);
    expect((await paintedRanges(page)).every((range) => range.connected)).toBe(true);
    expect((await readStats(page))?.claims).toBe(countRanges(await readHighlights(page)));

    await page.evaluate(() => (window as unknown as { go(path: string): void }).go('/hostile/spa/garden'));
    await expect.poll(texts, { timeout: 3000 }).toEqual([]);
    expect((await readStats(page))?.claims).toBe(0);

    await page.goBack(); // popstate: the sleep route again
    await expect.poll(texts, { timeout: 3000 }).toEqual([SLEEP]);
    await page.goBack();
    await expect.poll(texts, { timeout: 3000 }).toEqual([DEFICIENT, DETOX].sort());
    expect(page.url()).toBe(server.url('/hostile/spa.html'));
    await page.close();
  });
});

describe('every request of this suite', () => {
  test('went to the fixture server or to our own extension', () => {
    const own = `chrome-extension://${browser.extensionId}/`;
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((url) => !url.startsWith(`${server.origin}/`) && !url.startsWith(own))).toEqual(
      [],
    );
  });
});

describe('the extension reloaded under a live page', () => {
  test(
    'the orphaned content script stops cleanly: no error in the page, no new highlight',
    { timeout: 60_000 },
    async () => {
      const reloaded = await launchWithExtension();
      const seen: string[] = [];
      reloaded.context.on('request', (request) => seen.push(request.url()));
      try {
        const page = await openPage(reloaded.context, server.url('/quiet.html'));
        const errors = await recordErrors(page);
        const pageErrors: string[] = [];
        page.on('pageerror', (error) => pageErrors.push(error.message));
        const before = verdictTexts(await waitForHighlights(page, 2));
        expect(before).toEqual(
          [SLEEP_NL, 'Magnesium is een wondermiddel tegen stress en maakt je direct rustig.'].sort(),
        );

        const worker: Worker =
          reloaded.context.serviceWorkers()[0] ?? (await reloaded.context.waitForEvent('serviceworker'));
        // The worker goes away with the reload, so the evaluation may never answer: wait for the worker to close.
        const closed = new Promise<void>((done) => worker.once('close', () => done()));
        void worker.evaluate(() => chrome.runtime.reload()).catch(() => undefined);
        await closed;

        // The page changes right away, and again later: the orphaned script must not paint either claim.
        await page.evaluate((claim) => {
          const paragraph = document.createElement('p');
          paragraph.id = 'after-reload';
          paragraph.textContent = claim;
          document.body.append(paragraph);
        }, DETOX);
        await page.waitForTimeout(1500);
        await page.evaluate((claim) => {
          const paragraph = document.createElement('p');
          paragraph.id = 'after-reload-2';
          paragraph.textContent = claim;
          document.body.append(paragraph);
        }, DEFICIENT);
        await page.waitForTimeout(1500);
        const after = await readHighlights(page);
        report('extension reload', {
          highlightsBefore: before,
          highlightsAfter: verdictTexts(after),
          registeredNamesAfter: after.map((highlight) => highlight.name),
          workerBack: reloaded.context.serviceWorkers().map((candidate) => candidate.url()),
          exceptions: errors.exceptions,
        });
        expect(verdictTexts(after)).not.toContain(DETOX);
        expect(verdictTexts(after)).not.toContain(DEFICIENT);
        // A click on an old claim opens no card: nothing of the old script is listening any more.
        await clickText(page, 'slaap ik als een blok');
        await page.waitForTimeout(300);
        expect(await cardHostCount(page)).toBe(0);
        expect(pageErrors).toEqual([]);
        expect(errors.exceptions).toEqual([]);
        await errors.stop();

        // In this headless Chromium, with the extension loaded from the command line, the reload unloads it for good:
        // no worker comes back and a page opened now gets no content script. Report what a new page sees.
        const fresh = await openPage(reloaded.context, server.url('/quiet.html'));
        await fresh.waitForTimeout(1500);
        report('after the reload', {
          newPageHighlights: countRanges(await readHighlights(fresh)),
          workers: reloaded.context.serviceWorkers().length,
        });
        await fresh.close();
        await page.close();
        const own = `chrome-extension://${reloaded.extensionId}/`;
        expect(seen.filter((url) => !url.startsWith(`${server.origin}/`) && !url.startsWith(own))).toEqual(
          [],
        );
      } finally {
        await reloaded.close();
      }
    },
  );
});
