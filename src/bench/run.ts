/**
 * `npm run bench [-- --build] [-- --runs N]`
 * Measures Nuchter side by side with a floor and another approach, in one run: the engine in Node, the content
 * script in Chromium, a live feed, and sizes and memory. Prints one table with a pass/fail per budget and writes it
 * with the raw samples to .bench/latest.json. Builds the extension first when .output is missing (or with --build).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXTENSION_DIR, launchWithExtension, ROOT, startStaticServer } from '../cli/browser';
import { benchPages, launchPlain, medianOf, type BenchPage, type PageResult } from './browser-bench';
import { benchEngine, NAIVE_SLICE, type EngineCase } from './engine-bench';
import { profileEngine, type Step } from './engine-profile';
import { loadShippedEngine } from './shipped-engine';
import {
  benchFeed,
  benchFeedWithoutNuchter,
  FEED_BATCH,
  FEED_POSTS,
  serveFeed,
  type FeedControl,
  type FeedResult,
} from './feed-bench';
import { articlePage, blogPage, feedPage } from './pages';
import { measureSizes, type SizeEntry } from './size';
import { median, percentile } from './stats';
import { kb, mb, ms, percent, renderPairs, renderTable, signedKb, times, type Row } from './table';
import { LONG_TASK_MS } from './trace';
import { magnesiumText, ONE_MB, ordinaryText } from './texts';

const OUT_DIR = join(ROOT, '.bench');
const log = (line: string) => console.error(line);
/** Runs of the engine (each text) and of its step-by-step profile. */
const ENGINE_RUNS = 7;
const PROFILE_RUNS = 5;

// The budgets of issue #7.
const BUDGET = {
  ordinaryOverFloor: 2,
  naiveOverDense: 100,
  longTaskMs: LONG_TASK_MS,
  firstHighlightMs: 100,
  markOverNuchter: 10,
  batchMedianMs: 2,
  batchP95Ms: 8,
  heapGrowth: 0.1,
  contentScriptGzip: 60_000,
};

/** The commit measured, and whether the extension's sources had uncommitted changes (others may be editing). */
function sourceState(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'src', 'rules', 'entrypoints', ':!src/bench') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}

function machine(chromium: string, loadAverageAtStart: number, extensionBuilt: string) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    chromium,
    loadAverageAtStart,
    source: sourceState(),
    extensionBuilt,
  };
}

function engineRows(cases: EngineCase[]): Row[] {
  return cases.map((item) => {
    const nuchter = median(item.nuchterMs);
    const floor = median(item.floorMs);
    const naive = median(item.naiveMs);
    const ordinary = item.id === 'ordinary';
    return {
      section: `Engine (Node, bundled by Vite as shipped), median of ${item.nuchterMs.length} runs (naive: ${item.naiveMs.length} runs of compromise on ${NAIVE_SLICE / 1000} KB, × ${(item.chars / item.naiveSliceChars).toFixed(1)})`,
      what: `${item.label}: ${item.findings} findings`,
      nuchter: ms(nuchter),
      floor: ms(floor),
      other: `${ms(naive)} (scaled)`,
      overFloor: times(nuchter / floor),
      otherOver: times(naive / nuchter),
      budget: ordinary
        ? `Nuchter ≤ ${BUDGET.ordinaryOverFloor}× floor`
        : `naive ≥ ${BUDGET.naiveOverDense}× Nuchter`,
      pass: ordinary ? nuchter / floor <= BUDGET.ordinaryOverFloor : naive / nuchter >= BUDGET.naiveOverDense,
    };
  });
}

function browserRows(results: PageResult[]): Row[] {
  return results.flatMap(({ page, nuchter, plain, mark }) => {
    const section = `Browser: ${page.label}, median of ${nuchter.length} loads`;
    const scan = medianOf(nuchter, (load) => load.scanMs);
    const floor = medianOf(plain, (load) => load.floorMs);
    const markMs = medianOf(mark, (load) => load.ms);
    const longest = medianOf(nuchter, (load) => load.longestTaskMs);
    const firstHighlight = medianOf(nuchter, (load) => load.idleToHighlightMs);
    const isArticle = page.id === 'article';
    const isBlog = page.id === 'blog';
    const none = { floor: '', other: '', overFloor: '', otherOver: '', budget: '' };
    return [
      {
        ...none,
        section,
        what: `scan on load, main thread (scanMs): ${nuchter[0]!.blocks} blocks, ${nuchter[0]!.claims} claims | ${mark[0]!.marks} marks`,
        nuchter: ms(scan),
        floor: ms(floor),
        other: ms(markMs),
        overFloor: times(scan / floor),
        otherOver: times(markMs / scan),
        ...(isArticle
          ? {
              budget: `mark.js ≥ ${BUDGET.markOverNuchter}× Nuchter`,
              pass: markMs / scan >= BUDGET.markOverNuchter,
            }
          : {}),
      },
      {
        ...none,
        section,
        what: `the whole page, after the reader jumps to its end: ${nuchter[0]!.wholePage.blocks} blocks, ${nuchter[0]!.wholePage.claims} claims`,
        nuchter: ms(medianOf(nuchter, (load) => load.wholePage.scanMs)),
        floor: ms(floor),
        other: ms(markMs),
        overFloor: times(medianOf(nuchter, (load) => load.wholePage.scanMs) / floor),
        otherOver: times(markMs / medianOf(nuchter, (load) => load.wholePage.scanMs)),
      },
      {
        ...none,
        section,
        what: 'all content-script JS, main thread (trace) (injection task)',
        nuchter: `${ms(medianOf(nuchter, (load) => load.jsMs))} (${ms(medianOf(nuchter, (load) => load.injectionMs))})`,
      },
      {
        ...none,
        section,
        what: `longest task running Nuchter (trace) | page's own, no Nuchter`,
        nuchter: `${ms(longest)}, ${medianOf(nuchter, (load) => load.longTasks)} long`,
        floor: ms(medianOf(plain, (load) => load.longestTaskMs)),
        ...(isArticle ? { budget: `≤ ${BUDGET.longTaskMs} ms`, pass: longest <= BUDGET.longTaskMs } : {}),
      },
      {
        ...none,
        section,
        what: 'document_idle → first highlight painted',
        nuchter: ms(firstHighlight),
        ...(isBlog
          ? { budget: `≤ ${BUDGET.firstHighlightMs} ms`, pass: firstHighlight <= BUDGET.firstHighlightMs }
          : {}),
      },
    ];
  });
}

function feedRows(feed: FeedResult, control: FeedControl): Row[] {
  const section = `Feed: ${FEED_POSTS} posts appended in batches of ${FEED_BATCH} (${feed.batchMs.length} batches)`;
  const none = { floor: '', other: '', overFloor: '', otherOver: '', budget: '' };
  const { cold, before, afterFeed, afterRemoval, afterSecondCycle } = feed.heap;
  const growth = afterRemoval.js / before.js - 1;
  // What the page keeps by itself (measured without Nuchter) is not Nuchter's: its share is the rest.
  const pageGrowth = control.afterRemoval.js - control.before.js;
  const nuchterGrowth = (afterRemoval.js - before.js - pageGrowth) / before.js;
  // What the posts leave behind, told apart (heap snapshots): the heap's data, and V8's optimised code for the
  // now-hot engine, compiled once per page (a second cycle of posts adds code only).
  const { kinds } = feed;
  const pageDataGrowth = control.kinds.afterRemoval.data - control.kinds.before.data;
  const nuchterDataGrowth =
    (kinds.afterRemoval.data - kinds.before.data - pageDataGrowth) / kinds.before.data;
  const batchMedian = median(feed.batchMs);
  const batchP95 = percentile(feed.batchMs, 0.95);
  return [
    {
      ...none,
      section,
      what: 'scan per batch (scanMs delta), median',
      nuchter: ms(batchMedian),
      budget: `≤ ${BUDGET.batchMedianMs} ms`,
      pass: batchMedian <= BUDGET.batchMedianMs,
    },
    {
      ...none,
      section,
      what: 'scan per batch, p95',
      nuchter: ms(batchP95),
      budget: `≤ ${BUDGET.batchP95Ms} ms`,
      pass: batchP95 <= BUDGET.batchP95Ms,
    },
    {
      ...none,
      section,
      what: `old-post blocks read again (new blocks: ${feed.newBlocks})`,
      nuchter: String(feed.rescannedBlocks),
      budget: '0',
      pass: feed.rescannedBlocks === 0,
    },
    {
      ...none,
      section,
      what: `JS heap after GC: after the first scan ${mb(cold.js)} → after a 100-post warm-up round`,
      nuchter: `${mb(before.js)} (${percent(before.js / cold.js - 1)})`,
    },
    {
      ...none,
      section,
      what: `JS heap after GC: before ${mb(before.js)} → feed ${mb(afterFeed.js)} → posts removed`,
      nuchter: `${mb(afterRemoval.js)} (${percent(growth)})`,
    },
    {
      ...none,
      section,
      what:
        `the same without Nuchter (page's own): ${mb(control.before.js)} → ${mb(control.afterFeed.js)} → ` +
        `${mb(control.afterRemoval.js)}; Nuchter's share of the growth`,
      nuchter: percent(nuchterGrowth),
      budget: `≤ ${percent(BUDGET.heapGrowth)} of before`,
      pass: nuchterGrowth <= BUDGET.heapGrowth,
    },
    {
      ...none,
      section,
      what: `of which V8's compiled code (heap snapshots): ${mb(kinds.before.code)} → posts removed`,
      nuchter: `${mb(kinds.afterRemoval.code)} (${signedKb(kinds.afterRemoval.code - kinds.before.code)})`,
    },
    {
      ...none,
      section,
      what:
        `JS data (heap snapshots, compiled code left out): before ${mb(kinds.before.data)} → posts removed ` +
        `${mb(kinds.afterRemoval.data)}; page's own ${signedKb(pageDataGrowth)}; Nuchter's share`,
      nuchter: percent(nuchterDataGrowth),
    },
    {
      ...none,
      section,
      what: 'JS heap after a 2nd 1,000-post cycle, vs after the 1st (leak test): all | data only',
      nuchter:
        `${mb(afterSecondCycle.js)} (${percent(afterSecondCycle.js / afterRemoval.js - 1)}) | ` +
        percent(kinds.afterSecondCycle.data / kinds.afterRemoval.data - 1),
    },
    {
      ...none,
      section,
      what: `Blink heap (DOM): before ${mb(before.dom)} → feed ${mb(afterFeed.dom)} → removed`,
      nuchter: `${mb(afterRemoval.dom)}; 2nd cycle ${mb(afterSecondCycle.dom)}`,
    },
  ];
}

function sizeRows(sizes: SizeEntry[]): Row[] {
  return sizes.map((size) => {
    const content = size.what === 'content script';
    return {
      section: 'Size, gzip -9 (KB = 1,000 bytes)',
      what: `${size.what}: ${size.files.join(', ')} (${kb(size.bytes)} raw)`,
      nuchter: kb(size.gzipBytes),
      floor: '',
      other: '',
      overFloor: '',
      otherOver: '',
      budget: content ? `≤ ${kb(BUDGET.contentScriptGzip)}` : '',
      ...(content ? { pass: size.gzipBytes <= BUDGET.contentScriptGzip } : {}),
    };
  });
}

function profileTable(profiles: { label: string; steps: Step[] }[]): string {
  const [first, second] = profiles;
  return renderPairs(
    first!.steps.map((step, index) => [
      step.step,
      `${ms(step.ms).padStart(9)}  ${ms(second!.steps[index]!.ms).padStart(9)}`,
    ]),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { build: { type: 'boolean', default: false }, runs: { type: 'string', default: '3' } },
  });
  const runs = Math.max(1, Number(values.runs));
  const started = Date.now();
  const loadAverageAtStart = loadavg()[0]!;
  if (values.build || !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    log('bench: building the extension (npx wxt build) …');
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  }

  // The extension as built now: its sizes, and the browser that loads it. Chromium reads the content script once,
  // at launch, so a later rebuild (an e2e run rebuilds .output) cannot change what is measured.
  const sizes = measureSizes();
  const extensionBuilt = statSync(join(EXTENSION_DIR, 'manifest.json')).mtime.toISOString();
  const extension = await launchWithExtension();
  const plain = await launchPlain();
  const server = await startStaticServer([]);
  const chromium = plain.version();
  let engine: EngineCase[];
  let profiles: { label: string; steps: Step[] }[];
  let browser: PageResult[];
  let feed: FeedResult;
  let feedControl: FeedControl;
  try {
    log('bench: engine in Node (bundled as shipped) …');
    const shipped = await loadShippedEngine();
    engine = benchEngine(shipped, ENGINE_RUNS, runs);
    log('bench: engine profile …');
    profiles = [
      { label: 'ordinary', steps: profileEngine(shipped, ordinaryText(ONE_MB), PROFILE_RUNS) },
      { label: 'magnesium', steps: profileEngine(shipped, magnesiumText(ONE_MB), PROFILE_RUNS) },
    ];

    log('bench: browser pages …');
    const pages: (BenchPage & { html: string })[] = [
      { id: 'article', label: '2 MB article', path: '/article.html', html: articlePage(2_000_000) },
      { id: 'feed', label: 'page of 5,000 feed posts', path: '/feed.html', html: feedPage(5000) },
      { id: 'blog', label: 'typical 50 KB blog post', path: '/blog.html', html: blogPage(50_000) },
    ];
    for (const page of pages) {
      page.label += ` (${kb(Buffer.byteLength(page.html))} HTML)`;
      server.setPage(page.path, page.html);
    }
    serveFeed(server);
    browser = await benchPages(server, extension, plain, pages, runs, log);
    log('bench: live feed without Nuchter (the page’s own heap) …');
    feedControl = await benchFeedWithoutNuchter(plain, server);
    await plain.close();
    log('bench: live feed …');
    feed = await benchFeed(extension, server);
  } finally {
    await plain.close().catch(() => undefined);
    await extension.close();
    await server.close();
  }

  const info = {
    ...machine(chromium, loadAverageAtStart, extensionBuilt),
    loadAverageAtEnd: loadavg()[0]!,
    seconds: (Date.now() - started) / 1000,
  };
  const rows = [
    ...engineRows(engine),
    ...browserRows(browser),
    ...feedRows(feed, feedControl),
    ...sizeRows(sizes),
  ];
  const failed = rows.filter((row) => row.pass === false).length;
  const passed = rows.filter((row) => row.pass === true).length;
  console.log(
    `Nuchter benchmark — ${info.cpu}, ${info.cores} cores, Node ${info.node}, Chromium ${info.chromium}; ` +
      `load average ${info.loadAverageAtStart.toFixed(2)} at start, ${info.loadAverageAtEnd.toFixed(2)} at end; ` +
      `sources ${info.source}, extension built ${info.extensionBuilt}; ${info.seconds.toFixed(0)} s\n`,
  );
  console.log(renderTable(rows));
  console.log(`\nBudgets: ${passed} pass, ${failed} fail.`);
  console.log(
    '\nFloors: engine — one toLowerCase + indexOf loop over the text; browser — one bare TreeWalker pass over the ' +
      "page's text nodes. Browser loads: Nuchter in Chromium with the extension (traced); floor and mark.js " +
      "(one regular expression of the rules' subject + hype phrases, markRegExp) in a Chromium without it.",
  );
  console.log(`\nWhere the engine's time goes (median of ${PROFILE_RUNS}):  ordinary  magnesium`);
  console.log(profileTable(profiles));

  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, 'latest.json');
  writeFileSync(
    file,
    JSON.stringify(
      { machine: info, budgets: BUDGET, rows, raw: { engine, profiles, browser, feed, sizes } },
      null,
      2,
    ),
  );
  console.log(`\nWrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
