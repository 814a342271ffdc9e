/**
 * Nuchter in Chromium, page by page: each page is loaded fresh, and measured three ways in separate loads —
 * with Nuchter (extension browser), the bare TreeWalker text pass (the floor) and mark.js highlighting the same
 * subject + hype lexicon (both in a Chromium without the extension, so Nuchter cannot run there too).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  findChromium,
  QUIET_CHROMIUM_ARGS,
  ROOT,
  type ExtensionBrowser,
  type StaticServer,
} from '../cli/browser';
import { projectEngine } from '../cli/engine';
import { PageProbe } from './cdp';
import { lexiconRegExp } from './lexicon';
import { median } from './stats';
import { ms } from './table';
import { LONG_TASK_MS, nuchterTasks, Trace } from './trace';

/** Chromium's document_idle: the load event, or 200 ms after DOMContentLoaded if that comes first. */
const IDLE_AFTER_DCL_MS = 200;
/** How long to keep watching after the first highlights, so long tasks that end later are reported too. */
const SETTLE_MS = 400;

interface BenchTimes {
  dcl: number;
  load: number;
  firstHighlight: number;
  longTasks: { start: number; duration: number }[];
}

const readBench = (page: Page) => page.evaluate(() => (window as unknown as { __bench: BenchTimes }).__bench);
const documentIdle = (times: BenchTimes) => Math.min(times.load, times.dcl + IDLE_AFTER_DCL_MS);
/** The longest task that started at or after document_idle (the page itself does nothing after load). */
const longestAfter = (times: BenchTimes, from: number) =>
  Math.max(0, ...times.longTasks.filter((task) => task.start >= from - 1).map((task) => task.duration));

export interface NuchterLoad {
  /**
   * Main-thread time of Nuchter's scans on load (extraction, engine, Ranges, painting calls): `__nuchterStats.scanMs`.
   * On load Nuchter reads the page to a few screens below the screen; the rest as the reader scrolls there.
   */
  scanMs: number;
  scans: number;
  blocks: number;
  claims: number;
  /** After the reader jumped to the end of the page: all of the page read (scanMs, blocks, claims in total). */
  wholePage: { scanMs: number; blocks: number; claims: number };
  /** document_idle → the first animation frame with a Nuchter highlight. */
  idleToHighlightMs: number;
  /** From the trace: all of the content script's JS on the main thread, injection included. */
  jsMs: number;
  /** From the trace: the task that evaluates the content script. */
  injectionMs: number;
  /** From the trace: the longest main-thread task in which Nuchter ran, and how many of them were long. */
  longestTaskMs: number;
  longTasks: number;
  /** The five longest tasks in which Nuchter ran, for the JSON. */
  topTasksMs: number[];
  /** The longest task after document_idle that the page's own PerformanceObserver saw (it misses Nuchter's). */
  pageObservedLongestMs: number;
}

/** Loads `url` with Nuchter, traced, and waits until its first scan has painted. */
export async function nuchterLoad(extension: ExtensionBrowser, url: string): Promise<NuchterLoad> {
  const page = await extension.context.newPage();
  try {
    const probe = await PageProbe.attach(page);
    const trace = await Trace.start(await extension.context.newCDPSession(page));
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await probe.waitForStats((current) => current.scans >= 1);
    await page.waitForFunction(
      () => (window as unknown as { __bench: BenchTimes }).__bench.firstHighlight > 0,
      undefined,
      { timeout: 20_000, polling: 50 },
    );
    await page.waitForTimeout(SETTLE_MS);
    const times = await readBench(page);
    const idle = documentIdle(times);
    const tasks = nuchterTasks(await trace.stop(), `chrome-extension://${extension.extensionId}/`);
    // The load is measured (the trace covers it). Now the reader jumps to the end: the rest of the page is read.
    const onLoad = (await probe.stats())!;
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    const whole = onLoad.unread
      ? await probe.waitForStats((current) => !current.unread && current.scans > onLoad.scans, 60_000)
      : onLoad;
    await probe.detach();
    return {
      scanMs: onLoad.scanMs,
      scans: onLoad.scans,
      blocks: onLoad.blocksScanned,
      claims: onLoad.claims,
      wholePage: { scanMs: whole.scanMs, blocks: whole.blocksScanned, claims: whole.claims },
      idleToHighlightMs: times.firstHighlight - idle,
      jsMs: tasks.jsMs,
      injectionMs: tasks.injectionMs,
      longestTaskMs: tasks.taskMs[0] ?? 0,
      longTasks: tasks.taskMs.filter((ms) => ms > LONG_TASK_MS).length,
      topTasksMs: tasks.taskMs.slice(0, 5),
      pageObservedLongestMs: longestAfter(times, idle),
    };
  } finally {
    await page.close();
  }
}

export interface PlainLoad {
  /** The bare TreeWalker pass over the page's text nodes, in the page. */
  floorMs: number;
  textNodes: number;
  /** The longest task after document_idle without Nuchter: the page's own share. */
  longestTaskMs: number;
}

// In-page code is written as strings: what runs in the page is exactly what is written here, untouched by tsx.

/** The floor: one bare TreeWalker pass over the page's text nodes, reading each node's text. */
const FLOOR_SCRIPT = `(() => {
  const started = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let nodes = 0;
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes++;
    chars += node.nodeValue.length;
  }
  return { ms: performance.now() - started, nodes, chars };
})()`;

/** Loads `url` without Nuchter and times one cold TreeWalker pass over its text (the floor). */
export async function plainLoad(browser: Browser, url: string): Promise<PlainLoad> {
  const page = await browser.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForTimeout(SETTLE_MS);
    const floor = await page.evaluate<{ ms: number; nodes: number }>(FLOOR_SCRIPT);
    const times = await readBench(page);
    return {
      floorMs: floor.ms,
      textNodes: floor.nodes,
      longestTaskMs: longestAfter(times, documentIdle(times)),
    };
  } finally {
    await page.close();
  }
}

const MARK_JS = readFileSync(join(ROOT, 'node_modules/mark.js/dist/mark.min.js'), 'utf8');

/** mark.js wrapping every match of one expression in <mark>, timed until its `done` callback. */
const markScript = ({ source, flags }: { source: string; flags: string }) => `new Promise((resolve) => {
  const started = performance.now();
  new Mark(document.body).markRegExp(new RegExp(${JSON.stringify(source)}, ${JSON.stringify(flags)}), {
    done: (marks) => resolve({ ms: performance.now() - started, marks }),
  });
})`;

export interface MarkLoad {
  ms: number;
  marks: number;
}

/** Loads `url` without Nuchter and times mark.js wrapping every subject and hype phrase. */
export async function markLoad(browser: Browser, url: string): Promise<MarkLoad> {
  const page = await browser.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForTimeout(SETTLE_MS);
    await page.addScriptTag({ content: MARK_JS });
    return await page.evaluate<MarkLoad>(markScript(lexiconRegExp(projectEngine().rules)));
  } finally {
    await page.close();
  }
}

/** A Chromium without the extension, with the same flags as the extension browser. */
export function launchPlain(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--headless=new', ...QUIET_CHROMIUM_ARGS],
  });
}

export interface BenchPage {
  id: string;
  label: string;
  path: string;
}

export interface PageResult {
  page: BenchPage;
  nuchter: NuchterLoad[];
  plain: PlainLoad[];
  mark: MarkLoad[];
}

/** Median of one field over repeated loads. */
export const medianOf = <T>(loads: T[], field: (load: T) => number) => median(loads.map(field));

/**
 * Measures each page `runs` times in each of the three loads. The extension browser and the plain one take turns,
 * page by page, so both see the same machine state.
 */
export async function benchPages(
  server: StaticServer,
  extension: ExtensionBrowser,
  plain: Browser,
  pages: BenchPage[],
  runs: number,
  log: (line: string) => void,
): Promise<PageResult[]> {
  const results: PageResult[] = pages.map((page) => ({ page, nuchter: [], plain: [], mark: [] }));
  // One untimed load in each browser first: the extension's first start and Chromium's caches are not measured.
  const first = server.url(pages.at(-1)!.path);
  await nuchterLoad(extension, first);
  await markLoad(plain, first);
  for (let run = 0; run < runs; run++) {
    for (const result of results) {
      const url = server.url(result.page.path);
      const nuchter = await nuchterLoad(extension, url);
      const floor = await plainLoad(plain, url);
      const mark = await markLoad(plain, url);
      result.nuchter.push(nuchter);
      result.plain.push(floor);
      result.mark.push(mark);
      log(
        `  ${result.page.label}, run ${run + 1}/${runs}: Nuchter scan ${ms(nuchter.scanMs)}, ` +
          `floor ${ms(floor.floorMs)}, mark.js ${ms(mark.ms)}`,
      );
    }
  }
  return results;
}
