/**
 * A live feed: 1,000 posts appended in batches of 20. After each batch the benchmark waits until Nuchter has read
 * the new blocks, and takes the scan time it spent (`scanMs` delta) and how many blocks it read beyond the new ones
 * (old posts read again). Then the appended posts are removed, and the heap is compared with the one before —
 * beside the same cycle in a browser without Nuchter, whose growth is the page's own.
 */
import type { Browser, Page } from 'playwright-core';
import type { ExtensionBrowser, StaticServer } from '../cli/browser';
import { PageProbe, type HeapKinds } from './cdp';
import { liveFeedPage } from './pages';

export const FEED_PATH = '/live-feed.html';
export const FEED_POSTS = 1000;
export const FEED_BATCH = 20;
/** Posts appended and removed once before the heap is measured (every tenth post names magnesium). */
const WARM_UP_POSTS = 100;
/** Posts in the page before the first batch. */
const INITIAL_POSTS = 20;

export interface Heap {
  js: number;
  dom: number;
}

export interface FeedResult {
  /** Nuchter's scan time per batch, ms. */
  batchMs: number[];
  /** Blocks read beyond those of the new posts, over the whole run. */
  rescannedBlocks: number;
  newBlocks: number;
  /** Heap after a full GC (JS heap and Blink's heap, bytes). */
  heap: {
    /** Right after the first scan, before any post was appended (the code a feed runs through not yet compiled). */
    cold: Heap;
    /** Before the feed (after the warm-up round), after it, and after its posts were removed. */
    before: Heap;
    afterFeed: Heap;
    afterRemoval: Heap;
    /** After a second cycle of 1,000 posts appended and removed: what grows per cycle is a leak. */
    afterSecondCycle: Heap;
  };
  /** The JS heap by kind (heap snapshots) before the feed, after its posts were removed, and after the second cycle. */
  kinds: { before: HeapKinds; afterRemoval: HeapKinds; afterSecondCycle: HeapKinds };
}

export function serveFeed(server: StaticServer): void {
  server.setPage(FEED_PATH, liveFeedPage(INITIAL_POSTS, FEED_POSTS));
}

/** Appends `count` posts in batches of `batch` and waits after each until Nuchter has read its blocks. */
async function appendAndWait(page: Page, probe: PageProbe, count: number, batch: number) {
  const batchMs: number[] = [];
  let newBlocks = 0;
  let last = (await probe.stats())!;
  for (let appended = 0; appended < count; appended += batch) {
    const blocks = await page.evaluate<number>(`window.appendPosts(${batch})`);
    newBlocks += blocks;
    const target = last.blocksScanned + blocks;
    const now = await probe.waitForStats((stats) => stats.blocksScanned >= target);
    batchMs.push(now.scanMs - last.scanMs);
    last = now;
  }
  return { batchMs, newBlocks };
}

/** Removes the appended posts and waits until Nuchter has dropped their claims. */
async function removeAndWait(page: Page, probe: PageProbe, claimsBefore: number) {
  await page.evaluate('window.removeAppended()');
  await probe.waitForStats((stats) => stats.claims <= claimsBefore);
  await page.waitForTimeout(500);
}

/** The page's own share of the heap: the same appends and removal in a browser without Nuchter. */
export interface FeedControl {
  before: Heap;
  afterFeed: Heap;
  afterRemoval: Heap;
  kinds: { before: HeapKinds; afterRemoval: HeapKinds };
}

/**
 * The feed cycle in a browser without the extension: how much the page's own heap keeps after its posts are gone
 * (its compiled code, caches, Blink's wrappers). Nuchter's share of the growth is what the run with it keeps beyond.
 */
export async function benchFeedWithoutNuchter(plain: Browser, server: StaticServer): Promise<FeedControl> {
  const page = await plain.newPage();
  const probe = await PageProbe.attach(page);
  try {
    await page.goto(server.url(FEED_PATH), { waitUntil: 'load' });
    await page.evaluate(`window.appendPosts(${WARM_UP_POSTS})`); // the same warm-up as with Nuchter
    await page.evaluate('window.removeAppended()');
    const before = await probe.heapAfterGc();
    const kindsBefore = await probe.heapSnapshotSizes();
    for (let appended = 0; appended < FEED_POSTS; appended += FEED_BATCH) {
      await page.evaluate(`window.appendPosts(${FEED_BATCH})`);
    }
    await page.waitForTimeout(1200);
    const afterFeed = await probe.heapAfterGc();
    await page.evaluate('window.removeAppended()');
    await page.waitForTimeout(500);
    const afterRemoval = await probe.heapAfterGc();
    const kinds = { before: kindsBefore, afterRemoval: await probe.heapSnapshotSizes() };
    return { before, afterFeed, afterRemoval, kinds };
  } finally {
    await probe.detach();
    await page.close();
  }
}

export async function benchFeed(extension: ExtensionBrowser, server: StaticServer): Promise<FeedResult> {
  const page = await extension.context.newPage();
  const probe = await PageProbe.attach(page);
  try {
    await page.goto(server.url(FEED_PATH), { waitUntil: 'load' });
    const loaded = await probe.waitForStats((stats) => stats.scans >= 1);
    const cold = await probe.heapAfterGc();
    // A warm-up round — a few posts appended and removed — so the code a feed runs through has run (and been
    // compiled) once before the heap is measured: what stays after that is what the posts left behind.
    await appendAndWait(page, probe, WARM_UP_POSTS, FEED_BATCH);
    await removeAndWait(page, probe, loaded.claims);
    const start = (await probe.stats())!;
    const before = await probe.heapAfterGc();
    const kindsBefore = await probe.heapSnapshotSizes();

    const { batchMs, newBlocks } = await appendAndWait(page, probe, FEED_POSTS, FEED_BATCH);
    // Quiet for a while: a late rescan of old posts would show up now.
    await page.waitForTimeout(1200);
    const end = (await probe.stats())!;
    const afterFeed = await probe.heapAfterGc();
    await removeAndWait(page, probe, start.claims);
    const afterRemoval = await probe.heapAfterGc();
    const kindsAfterRemoval = await probe.heapSnapshotSizes();

    // The leak test: the same again (in larger batches, the timing is done), compared with the first removal.
    await appendAndWait(page, probe, FEED_POSTS, 100);
    await removeAndWait(page, probe, start.claims);
    const afterSecondCycle = await probe.heapAfterGc();
    const kinds = {
      before: kindsBefore,
      afterRemoval: kindsAfterRemoval,
      afterSecondCycle: await probe.heapSnapshotSizes(),
    };
    return {
      kinds,
      batchMs,
      rescannedBlocks: end.blocksScanned - start.blocksScanned - newBlocks,
      newBlocks,
      heap: { cold, before, afterFeed, afterRemoval, afterSecondCycle },
    };
  } finally {
    await probe.detach();
    await page.close();
  }
}
