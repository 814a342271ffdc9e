/**
 * A live feed (tests/e2e/pages/feed.html appends a post every 200 ms): new posts are painted within a second, and
 * only what is new is read — the posts already on the page are not scanned again.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  launchWithExtension,
  openPage,
  readStats,
  startFixtureServer,
  VERDICT_HIGHLIGHTS,
  waitForHighlights,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';

/** The feed's posts (in order) that hold a magnesium claim, by author; the others hold none. */
const CLAIM_AUTHORS = ['Tom', 'Mirjam', 'Dev', 'Fatima', 'Marco', 'Eva'];
const POST_COUNT = 10;
/** Blocks extraction reads in one post: its header and each paragraph. */
const BLOCKS_IN_POST = 'header, p';

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface FeedState {
  appendedAt: Record<string, number>;
  appended: number;
  done: boolean;
}

/** Opens the feed with its two old posts painted and Nuchter's first scan done. */
async function openFeed(): Promise<Page> {
  const page = await openPage(browser.context, server.url('/feed.html'));
  await waitForHighlights(page, 2);
  await expect.poll(async () => (await readStats(page))?.scans ?? 0).toBeGreaterThanOrEqual(1);
  return page;
}

/**
 * Installs a watcher in the page that notes, every 5 ms, when a verdict range first lies inside each post
 * (`window.__paintedAt`, performance.now() like the feed's own `appendedAt`).
 */
function watchPainting(page: Page): Promise<void> {
  return page.evaluate((names) => {
    const paintedAt: Record<string, number> = {};
    (window as unknown as { __paintedAt: Record<string, number> }).__paintedAt = paintedAt;
    setInterval(() => {
      for (const post of document.querySelectorAll<HTMLElement>('[data-post]')) {
        const id = post.dataset.post!;
        if (id in paintedAt) continue;
        const painted = names.some((name) => {
          const highlight = CSS.highlights.get(name);
          return (
            highlight !== undefined && [...highlight].some((range) => post.contains(range.startContainer))
          );
        });
        if (painted) paintedAt[id] = performance.now();
      }
    }, 5);
  }, VERDICT_HIGHLIGHTS);
}

const feedState = (page: Page) => page.evaluate(() => (window as unknown as { __feed: FeedState }).__feed);

test('new posts are painted within 1 s of being appended', async () => {
  const page = await openFeed();
  await watchPainting(page);
  await page.evaluate(
    (count) => (window as unknown as { startFeed(count: number): void }).startFeed(count),
    POST_COUNT,
  );
  await expect.poll(async () => (await feedState(page)).done, { timeout: 5000 }).toBe(true);

  const posts = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-post]')].map((post) => ({
      id: post.dataset.post!,
      author: post.querySelector('header b')!.textContent!,
    })),
  );
  const fresh = posts.filter((post) => !post.id.startsWith('old-'));
  expect(fresh).toHaveLength(POST_COUNT);
  const withClaims = fresh.filter((post) => CLAIM_AUTHORS.includes(post.author)).map((post) => post.id);
  expect(withClaims).toHaveLength(CLAIM_AUTHORS.length);

  // Every post with a claim gets painted…
  const paintedAt = () =>
    page.evaluate(() => (window as unknown as { __paintedAt: Record<string, number> }).__paintedAt);
  await expect
    .poll(async () => Object.keys(await paintedAt()).filter((id) => withClaims.includes(id)).length, {
      timeout: 3000,
    })
    .toBe(withClaims.length);
  const { appendedAt } = await feedState(page);
  const painted = await paintedAt();
  const delays = withClaims.map((id) => Math.round(painted[id]! - appendedAt[id]!));
  console.info(`feed: append-to-paint delays (ms): ${delays.join(', ')}`);
  // …within a second of its append…
  for (const delay of delays) {
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(1000);
  }
  // …and the posts without one never are.
  expect(Object.keys(painted).filter((id) => !id.startsWith('old-') && !withClaims.includes(id))).toEqual([]);
  await page.close();
});

test('old posts are not read again: each scan reads only the new posts', async () => {
  const page = await openFeed();
  const before = (await readStats(page))!;
  // The old posts' ranges, kept in the page to check later that they are the very same objects.
  const oldRanges = await page.evaluate((names) => {
    const kept: Range[] = [];
    for (const name of names) for (const range of CSS.highlights.get(name) ?? []) kept.push(range as Range);
    (window as unknown as { __oldRanges: Range[] }).__oldRanges = kept;
    return kept.length;
  }, VERDICT_HIGHLIGHTS);
  expect(oldRanges).toBe(2);

  const appends = 5;
  await page.evaluate(
    (count) => (window as unknown as { startFeed(count: number): void }).startFeed(count),
    appends,
  );
  await expect.poll(async () => (await feedState(page)).done, { timeout: 5000 }).toBe(true);
  const newBlocks = await page.evaluate(
    (selector) =>
      [...document.querySelectorAll('[data-post]:not([data-post^="old-"])')].reduce(
        (sum, post) => sum + post.querySelectorAll(selector).length,
        0,
      ),
    BLOCKS_IN_POST,
  );
  expect(newBlocks).toBe(appends + 6); // five headers; posts 1-5 have 1, 2, 1, 1 and 1 paragraphs

  // The scans after the appends read exactly the new posts' blocks…
  await expect
    .poll(async () => (await readStats(page))!.blocksScanned - before.blocksScanned, { timeout: 3000 })
    .toBe(newBlocks);
  // …and nothing more once the feed is quiet (a second and a restore tick later).
  await new Promise((done) => setTimeout(done, 1000));
  const after = (await readStats(page))!;
  expect(after.blocksScanned - before.blocksScanned).toBe(newBlocks);
  expect(after.scans - before.scans).toBeGreaterThanOrEqual(1);
  expect(after.scans - before.scans).toBeLessThanOrEqual(appends);
  // Tom 2 (anxiety, and "Honestly life-changing." as implicit miracle framing), Mirjam 2 (two topics), Dev 1
  expect(after.claims - before.claims).toBe(5);
  // The old posts' claims kept their ranges: they were neither forgotten nor found again.
  expect(
    await page.evaluate((names) => {
      const kept = (window as unknown as { __oldRanges: Range[] }).__oldRanges;
      return kept.every((range) => names.some((name) => CSS.highlights.get(name)?.has(range)));
    }, VERDICT_HIGHLIGHTS),
  ).toBe(true);

  // A post whose text changes is read again, and only that post's changed block.
  const changed = (await readStats(page))!;
  await page.evaluate(() => {
    const paragraph = document.querySelector('[data-post="old-2"] p:last-of-type')!;
    paragraph.firstChild!.nodeValue = 'Magnesium helpt tegen spierkrampen in je benen.';
  });
  await expect.poll(async () => (await readStats(page))!.blocksScanned - changed.blocksScanned).toBe(1);
  await waitForHighlights(page, (await readStats(page))!.claims);
  expect(
    await page.evaluate((names) => {
      const paragraph = document.querySelector('[data-post="old-2"] p:last-of-type')!;
      return names.flatMap((name) =>
        [...(CSS.highlights.get(name) ?? [])]
          .filter((range) => paragraph.contains((range as Range).startContainer))
          .map((range) => `${name}: ${range.toString()}`),
      );
    }, VERDICT_HIGHLIGHTS),
  ).toEqual(['nuchter-not-supported: Magnesium helpt tegen spierkrampen in je benen.']);
  await page.close();
});
