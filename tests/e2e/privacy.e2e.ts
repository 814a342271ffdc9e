/**
 * Privacy and page integrity (issue #8): Nuchter makes no network request and leaves the page as it was.
 *
 * - The built extension: no eval or `new Function`, only known, unused network calls of its libraries, no remote
 *   scripts in its pages, and exactly the permissions the README lists.
 * - A sweep over every page the e2e suites and the fixtures use (tests/fixtures/pages, tests/e2e/pages and its
 *   hostile/ folder, the pages built in code), each opened in Chromium with Nuchter and in the same Chromium
 *   without it: the same requests, and the same DOM, in every frame.
 * - The whole browser's network log (Chromium's --log-net-log, which also sees the service worker and the browser
 *   itself) holds nothing but the fixture server, our own extension, and what the browser without Nuchter did too.
 * - With Nuchter on the page, links still navigate, the reader's selection and copy give the page's own text, and an
 *   open card is the only difference in the DOM.
 * - A page that does not know Nuchter's extension id gets no message from it, in any frame.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import {
  cardDialog,
  cardHostCount,
  clickText,
  CARD_HOST,
  documentsOuterHTML,
  evaluateInTestWorld,
  EXTENSION_DIR,
  launchWithExtension,
  launchWithoutExtension,
  openPage,
  readHighlights,
  readStats,
  ROOT,
  startFixtureServer,
  VERDICT_HIGHLIGHTS,
  waitForHighlights,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';
import { CSP_PAGE, HUGE_PAGE, serveHostilePages } from './hostile-pages';

/** The served folders whose pages are swept (the fixture server serves both at its root). */
const PAGE_DIRS = [join(ROOT, 'tests/e2e/pages'), join(ROOT, 'tests/fixtures/pages')];
/**
 * The huge page is swept at 1 MB: what it requests does not depend on its size (the hostile suite reads it at
 * 10 MB).
 */
const SWEEP_HUGE_BYTES = 1024 * 1024;
/**
 * Pages whose DOM depends on Nuchter being there by design. None now: replay.html reacts to Nuchter only when its
 * URL tells it the extension's id (the sweep does not), and fingerprint.html only to a message from the extension,
 * which WXT no longer posts; both write down what they learnt, so the sweep's DOM check also catches a return of
 * WXT's announcement.
 */
const REACTS_TO_NUCHTER = new Set<string>();
/** Pages visited at the same time in each browser. */
const CONCURRENCY = 3;

const DETOX = 'Magnesium flushes toxins out of your body.';
const SLEEP = 'Taking magnesium every evening completely fixed my restless sleep.';

/** Every page file under `dir`, as the path the fixture server serves it at. */
function servedPaths(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) return servedPaths(file).map((path) => `/${name}${path}`);
    return /\.(html|svg)$/.test(name) ? [`/${relative(dir, file)}`] : [];
  });
}

const SWEPT: string[] = [...new Set([...PAGE_DIRS.flatMap(servedPaths), HUGE_PAGE, CSP_PAGE])].sort();

interface Visit {
  /** `METHOD url` of every request the page and its frames made, sorted. */
  requests: string[];
  /** outerHTML of the page's document and of each frame document. */
  documents: { url: string; html: string }[];
}

let server: FixtureServer;
let withNuchter: ExtensionBrowser;
let without: { context: BrowserContext; close(): Promise<void> };
let netLogDir: string;
const netLogs = { with: '', without: '' };
/** Every request of each browser context, pages, frames and service worker alike. */
const contextRequests = { with: [] as string[], without: [] as string[] };
const visits = { with: new Map<string, Visit>(), without: new Map<string, Visit>() };
let browsersOpen = true;

/** Opens `path`, lets Nuchter (if present) do its first scan and its follow-up work, and notes what happened. */
async function visit(context: BrowserContext, path: string, nuchter: boolean): Promise<Visit> {
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
  try {
    await page.goto(server.url(path), { waitUntil: 'load', timeout: 30_000 });
    // With Nuchter: wait for its first scan (expect.poll is for tests, and this runs in beforeAll).
    for (let deadline = Date.now() + 20_000; nuchter;) {
      if (((await readStats(page))?.scans ?? 0) >= 1) break;
      if (Date.now() > deadline) throw new Error(`Nuchter never scanned ${path}`);
      await page.waitForTimeout(50);
    }
    // Past the claim count's report (200 ms after a scan) and an idle batch.
    await page.waitForTimeout(500);
    return { requests: requests.sort(), documents: await documentsOuterHTML(page) };
  } finally {
    await page.close();
  }
}

/** Visits every page in `paths`, `CONCURRENCY` at a time. */
async function sweep(context: BrowserContext, nuchter: boolean, into: Map<string, Visit>): Promise<void> {
  const queue = [...SWEPT];
  const worker = async () => {
    for (let path = queue.shift(); path; path = queue.shift())
      into.set(path, await visit(context, path, nuchter));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

beforeAll(async () => {
  server = await startFixtureServer();
  serveHostilePages(server, { hugeBytes: SWEEP_HUGE_BYTES });
  netLogDir = mkdtempSync(join(tmpdir(), 'nuchter-netlog-'));
  netLogs.with = join(netLogDir, 'with.json');
  netLogs.without = join(netLogDir, 'without.json');
  [withNuchter, without] = await Promise.all([
    launchWithExtension({ extraArgs: [`--log-net-log=${netLogs.with}`] }),
    launchWithoutExtension({ extraArgs: [`--log-net-log=${netLogs.without}`] }),
  ]);
  withNuchter.context.on('request', (request) => contextRequests.with.push(request.url()));
  without.context.on('request', (request) => contextRequests.without.push(request.url()));
  const started = Date.now();
  await Promise.all([
    sweep(withNuchter.context, true, visits.with),
    sweep(without.context, false, visits.without),
  ]);
  console.log(`[privacy] swept ${SWEPT.length} pages in both browsers in ${Date.now() - started} ms`);
}, 180_000);

afterAll(async () => {
  if (browsersOpen) await Promise.all([withNuchter?.close(), without?.close()]);
  await server?.close();
  if (netLogDir) rmSync(netLogDir, { recursive: true, force: true });
});

describe('the built extension', () => {
  const files = (dir: string, ext: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) return files(file, ext);
      return file.endsWith(ext) ? [file] : [];
    });
  const scripts = () =>
    files(EXTENSION_DIR, '.js').map((file) => ({ file, code: readFileSync(file, 'utf8') }));

  test('has no eval and no Function constructor', () => {
    const found = scripts().flatMap(({ file, code }) =>
      [...code.matchAll(/\beval\s*\(|\bnew\s+Function\s*\(|(?<![\w$.])Function\s*\(/g)].map(
        (match) => `${relative(EXTENSION_DIR, file)}: …${code.slice(match.index - 40, match.index + 40)}…`,
      ),
    );
    expect(scripts().length).toBeGreaterThan(3);
    expect(found).toEqual([]);
  });

  test('calls no network API but three library paths that never run for Nuchter', () => {
    // Each network call site in the bundles, by the code around it. Known, inspected ones:
    const KNOWN = [
      // @webext-core/isolated-element (the card's shadow root) fetches a stylesheet only when given a `url`; the
      // card passes its CSS as text.
      /"url"in \w+\?\w+\.textContent=yield fetch\(\w+\.url\)/,
      // WXT's createShadowRootUi loads the content script's own CSS (a chrome-extension:// URL) only with
      // cssInjectionMode "ui"; Nuchter's is "manifest".
      /getURL\("\/content-scripts\/content\.css"\);try\{return await\(await fetch\(\w+\)\)/,
      // Vite's modulepreload polyfill in the popup and about pages: fetches their own <link rel=modulepreload>.
      /function \w+\(\w+\)\{if\(\w+\.ep\)return;\w+\.ep=!0;const \w+=\w+\(\w+\);fetch\(\w+\.href,\w+\)\}/,
    ];
    const calls = scripts().flatMap(({ file, code }) =>
      [
        ...code.matchAll(
          /\bfetch\s*\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource|importScripts|RTCPeerConnection|WebTransport/g,
        ),
      ].map((match) => ({
        where: relative(EXTENSION_DIR, file),
        around: code.slice(Math.max(0, match.index - 120), match.index + 60),
      })),
    );
    const unknown = calls.filter(({ around }) => !KNOWN.some((pattern) => pattern.test(around)));
    expect(unknown).toEqual([]);
    console.log(
      `[privacy] network call sites in the build (all known): ${calls.map((c) => c.where).join(', ')}`,
    );
  });

  test('its pages load no remote script or stylesheet', () => {
    const pages = files(EXTENSION_DIR, '.html');
    expect(pages.map((file) => relative(EXTENSION_DIR, file)).sort()).toEqual(['options.html', 'popup.html']);
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const urls = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']*)["']/g)].map((match) => match[1]!);
      expect(urls.length).toBeGreaterThan(0);
      // Only paths inside the extension: no scheme, no protocol-relative URL.
      expect(urls.filter((url) => /^[a-z][a-z0-9+.-]*:|^\/\//i.test(url))).toEqual([]);
    }
  });

  test('asks for storage, http/https host access and shortcuts, nothing more', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest.permissions).toEqual(['storage']);
    expect(manifest.host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(Object.keys(manifest.commands as object).sort()).toEqual(['next-claim', 'previous-claim']);
    // No optional permissions, no pages or files exposed to the web, no messaging from pages, no loosened CSP.
    expect(Object.keys(manifest).sort()).toEqual(
      [
        'action',
        'background',
        'commands',
        'content_scripts',
        'default_locale',
        'description',
        'host_permissions',
        'icons',
        'manifest_version',
        'name',
        'options_ui',
        'permissions',
        'version',
      ].sort(),
    );
    const [contentScript, ...others] = manifest.content_scripts as Record<string, unknown>[];
    expect(others).toEqual([]);
    expect(contentScript).toEqual(
      expect.objectContaining({ matches: ['http://*/*', 'https://*/*'], js: ['content-scripts/content.js'] }),
    );
  });
});

describe('every swept page', () => {
  test('was visited in both browsers', () => {
    expect(SWEPT.length).toBeGreaterThan(30);
    expect([...visits.with.keys()].sort()).toEqual(SWEPT);
    expect([...visits.without.keys()].sort()).toEqual(SWEPT);
  });

  for (const path of SWEPT) {
    test(`${path}: the same requests with and without Nuchter`, () => {
      const withIt = visits.with.get(path)!;
      const withoutIt = visits.without.get(path)!;
      expect(withIt.requests.length).toBeGreaterThan(0);
      expect(withIt.requests).toEqual(withoutIt.requests);
    });
  }

  for (const path of SWEPT.filter((candidate) => !REACTS_TO_NUCHTER.has(candidate))) {
    test(`${path}: the same DOM with and without Nuchter, in every frame`, () => {
      const withIt = visits.with.get(path)!.documents;
      const withoutIt = visits.without.get(path)!.documents;
      expect(withIt.length).toBeGreaterThan(0);
      expect(withIt.map((document) => document.url)).toEqual(withoutIt.map((document) => document.url));
      // No card is open in the sweep, so there is not even a card host to leave out.
      expect(withIt.every((document) => !document.html.includes(`<${CARD_HOST}`))).toBe(true);
      expect(withIt.map((document) => document.html)).toEqual(withoutIt.map((document) => document.html));
    });
  }
});

describe('with Nuchter on the page', () => {
  test('links inside and outside claims still navigate', async () => {
    const page = await openPage(withNuchter.context, server.url('/hostile/integrity.html'));
    await waitForHighlights(page, 2);
    // The link is part of a painted claim.
    const painted = await readHighlights(page);
    expect(
      painted.some(
        (highlight) =>
          VERDICT_HIGHLIGHTS.includes(highlight.name) &&
          highlight.texts.some((text) => text.replace(/\s+/g, ' ') === SLEEP),
      ),
    ).toBe(true);
    for (const [text, target] of [
      ['completely fixed', '/link-target.html?from=claim'],
      ['the archive', '/link-target.html?from=plain'],
    ] as const) {
      await Promise.all([page.waitForURL(server.url(target)), clickText(page, text)]);
      expect(await page.locator('h1').textContent()).toBe('You followed the link');
      await page.goBack();
      await waitForHighlights(page, 2);
    }
    await clickText(page, 'the footer');
    await expect.poll(() => page.url()).toBe(server.url('/hostile/integrity.html#footer'));
    expect(await cardHostCount(page)).toBe(0);
    await page.close();

    // A fixture page's own link inside a painted claim: it navigates (to its fragment) and opens no card.
    const blog = await openPage(withNuchter.context, server.url('/nl-blog-slaap.html'));
    await waitForHighlights(blog, 10);
    await clickText(blog, 'natuurgeneeskundige');
    await expect.poll(() => blog.url()).toBe(server.url('/nl-blog-slaap.html#'));
    expect(await cardHostCount(blog)).toBe(0);
    await blog.close();
  });

  test("selecting a claim with the mouse selects the page's text, and copying copies it", async () => {
    const page = await openPage(withNuchter.context, server.url('/hostile/integrity.html'));
    await waitForHighlights(page, 2);
    for (const id of ['claim', 'linked-claim']) {
      // From the left edge of the paragraph's first character to the right edge of its last one.
      const points = await page.evaluate((paragraphId) => {
        const paragraph = document.getElementById(paragraphId)!;
        const range = document.createRange();
        range.selectNodeContents(paragraph);
        const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
        const first = rects[0]!;
        const last = rects.at(-1)!;
        return {
          from: { x: first.left + 1, y: first.top + first.height / 2 },
          to: { x: last.right - 1, y: last.top + last.height / 2 },
          text: paragraph.textContent!.replace(/\s+/g, ' ').trim(),
        };
      }, id);
      await page.mouse.move(points.from.x, points.from.y);
      await page.mouse.down();
      await page.mouse.move(points.to.x, points.to.y, { steps: 8 });
      await page.mouse.up();
      const selected = await page.evaluate(() => window.getSelection()!.toString());
      expect(selected.replace(/\s+/g, ' ').trim()).toBe(points.text);
      expect(points.text).toBe(id === 'claim' ? DETOX : SLEEP);
      // Selecting is no click on a claim: no card.
      expect(await cardHostCount(page)).toBe(0);

      await page.keyboard.press('Control+C');
      const copied = await page.evaluate(
        () => (window as unknown as { __copied?: { text: string; html: string } }).__copied,
      );
      expect(copied?.text.replace(/\s+/g, ' ').trim()).toBe(points.text);
      // The copied markup is the page's own: no trace of Nuchter in it.
      expect(copied?.html).not.toMatch(/nuchter/i);
      await page.mouse.click(5, 5); // clear the selection
    }
    await page.close();
  });

  test('an open card is the only difference in the DOM', async () => {
    const page = await openPage(withNuchter.context, server.url('/hostile/integrity.html'));
    await waitForHighlights(page, 2);
    await clickText(page, 'flushes toxins');
    await expect.poll(() => cardDialog(page).count()).toBe(1);
    const [document] = await documentsOuterHTML(page);
    const hosts =
      document!.html.match(new RegExp(`<${CARD_HOST}[^>]*>(?:.|\\n)*?</${CARD_HOST}>`, 'g')) ?? [];
    expect(hosts).toHaveLength(1);
    // The page's markup minus the one host element is exactly the markup of the page without Nuchter.
    expect(document!.html.replace(hosts[0]!, '')).toBe(
      visits.without.get('/hostile/integrity.html')!.documents[0]!.html,
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => cardHostCount(page)).toBe(0);
    const [after] = await documentsOuterHTML(page);
    expect(after!.html).toBe(visits.without.get('/hostile/integrity.html')!.documents[0]!.html);
    await page.close();
  });
});

describe('what a page can learn', () => {
  test("a page that does not know Nuchter's id gets no message from it, in any frame", async () => {
    const page = await openPage(withNuchter.context, server.url('/hostile/fingerprint.html'));
    const messages = () => page.evaluate(() => document.documentElement.dataset.messages ?? null);
    // Nuchter runs in the page and in its srcdoc frame (WXT's context, which would post, starts before `main`).
    await waitForHighlights(page, 1);
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame())!;
    await expect.poll(() => frame.evaluate(() => CSS.highlights.size)).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    expect(await messages()).toBeNull();
    // The page's listeners do hear a message posted from another world of the page, as a content script posts one.
    await evaluateInTestWorld(
      page,
      `window.postMessage({ probe: 'page' }, '*');
       document.getElementById('frame').contentWindow.postMessage({ probe: 'frame' }, '*');`,
    );
    await expect
      .poll(async () => JSON.parse((await messages()) ?? '[]') as unknown[])
      .toEqual(
        expect.arrayContaining([
          { where: 'page', data: { probe: 'page' } },
          { where: 'frame', data: { probe: 'frame' } },
        ]),
      );
    expect(JSON.parse((await messages()) ?? '[]')).toHaveLength(2);
    await page.close();
  });
});

/** The URLs in a Chromium net log (query strings dropped outside 127.0.0.1: they hold random keys). */
function netLogUrls(file: string): Set<string> {
  const text = readFileSync(file, 'utf8');
  let log: { events?: { params?: { url?: unknown } }[] };
  try {
    log = JSON.parse(text) as typeof log;
  } catch {
    // A log cut short ends inside its event list.
    log = JSON.parse(text.replace(/,?\s*$/, '') + ']}') as typeof log;
  }
  const urls = new Set<string>();
  for (const event of log.events ?? []) {
    const url = event.params?.url;
    if (typeof url !== 'string') continue;
    urls.add(url.startsWith('http://127.0.0.1:') ? url : url.replace(/[?#].*$/, ''));
  }
  return urls;
}

describe('the whole browser', () => {
  test('every request of the browser context went to the fixture server or to our own extension', () => {
    const own = `chrome-extension://${withNuchter.extensionId}/`;
    expect(contextRequests.with.length).toBeGreaterThan(SWEPT.length);
    expect(
      contextRequests.with.filter((url) => !url.startsWith(`${server.origin}/`) && !url.startsWith(own)),
    ).toEqual([]);
    // Our own extension's files: only what the browser loads for the extension itself (the toolbar icons).
    const ownFiles = [...new Set(contextRequests.with.filter((url) => url.startsWith(own)))].map((url) =>
      url.slice(own.length - 1),
    );
    expect(ownFiles.every((path) => /^\/icon(-off)?\/\d+\.png$/.test(path))).toBe(true);
    expect(contextRequests.without.filter((url) => !url.startsWith(`${server.origin}/`))).toEqual([]);
  });

  test("the browser's network log holds nothing Nuchter asked for", async () => {
    // Chromium writes the log out when it closes.
    browsersOpen = false;
    await Promise.all([withNuchter.close(), without.close()]);
    const withIt = netLogUrls(netLogs.with);
    const withoutIt = netLogUrls(netLogs.without);
    const fromServer = (url: string) => url.startsWith(`${server.origin}/`);
    expect([...withIt].filter(fromServer).length).toBeGreaterThan(SWEPT.length);
    // What the browser fetched for itself (sign-in and update checks, which fail offline) it fetched without
    // Nuchter too; everything else went to the fixture server.
    const browserOwn = [...withIt].filter((url) => !fromServer(url));
    console.log(
      `[privacy] the browser's own requests, with and without Nuchter: ${JSON.stringify(browserOwn)}`,
    );
    // Compared by origin: the paths of these background checks carry tokens that vary from run to run.
    const originsWithout = new Set([...withoutIt].map((url) => new URL(url).origin));
    expect(browserOwn.filter((url) => !originsWithout.has(new URL(url).origin))).toEqual([]);
  });
});
