/**
 * The real-browser test harness: serves fixture pages from 127.0.0.1, launches Chromium with the unpacked
 * extension through playwright-core, and gives tests small helpers to look at what Nuchter did.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
export const SCREENSHOT_DIR = join(ROOT, 'tests/e2e/screenshots');
/** Folders served by the fixture server, tried in order. */
const SERVED_DIRS = [join(ROOT, 'tests/e2e/pages'), join(ROOT, 'tests/fixtures/pages')];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
};

/** Returns the Chromium to drive: `CHROMIUM_PATH`, else the first known browser on the PATH. */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    try {
      const path = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not on the PATH: try the next name
    }
  }
  throw new Error(
    'No Chromium found for the e2e tests. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
}

/** Chrome derives an unpacked extension's id from its absolute path: sha256, first 32 hex digits mapped to a-p. */
export function extensionIdForPath(dir: string): string {
  const hex = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  /** Adds or replaces a page served at `path`, for tests that build their page in code. */
  setPage(path: string, html: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/** Serves the fixture folders (and pages set in code) on 127.0.0.1 with an ephemeral port. */
export async function startFixtureServer(): Promise<FixtureServer> {
  const pages = new Map<string, { body: string; headers: Record<string, string> }>();
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const page = pages.get(path);
    if (page) {
      response.writeHead(200, { 'content-type': CONTENT_TYPES['.html']!, ...page.headers });
      response.end(page.body);
      return;
    }
    for (const dir of SERVED_DIRS) {
      const file = normalize(join(dir, path));
      if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) continue;
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fixture server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: (path) => origin + (path.startsWith('/') ? path : `/${path}`),
    setPage: (path, body, headers = {}) =>
      pages.set(path.startsWith('/') ? path : `/${path}`, { body, headers }),
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  /** Closes the browser; the profile is removed unless it was given by the caller (to test restarts). */
  close(): Promise<void>;
}

/** Launches Chromium with the built extension in a persistent profile (a fresh one unless `profileDir` is given). */
export async function launchWithExtension(options: { profileDir?: string } = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
  const ownsProfile = !options.profileDir;
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'nuchter-e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      '--headless=new',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    context,
    extensionId: extensionIdForPath(EXTENSION_DIR),
    profileDir,
    close: async () => {
      await context.close();
      if (ownsProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Opens `url` in a new tab and waits until the content script had its idle moment. */
export async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** Opens the extension's popup page in a tab of its own. */
export async function openPopup(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  return page;
}

export interface RegisteredHighlight {
  name: string;
  /** The text of each range in the highlight, in registration order. */
  texts: string[];
}

/** Reads `CSS.highlights` as the page sees it: every registered name with the text of its ranges. */
export function readHighlights(page: Page): Promise<RegisteredHighlight[]> {
  return page.evaluate(() => {
    const result: { name: string; texts: string[] }[] = [];
    if (!('highlights' in CSS)) return result;
    CSS.highlights.forEach((highlight, name) => {
      result.push({ name, texts: [...highlight].map((range) => range.toString()) });
    });
    return result;
  });
}

/** Clicks the middle of the first occurrence of `text` in the page (found through the page's own text nodes). */
export async function clickText(page: Page, text: string): Promise<void> {
  const point = await page.evaluate((needle) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.nodeValue?.indexOf(needle) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const rect = range.getClientRects()[0];
      if (rect) return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    return null;
  }, text);
  if (!point) throw new Error(`text not found on the page: ${JSON.stringify(text)}`);
  await page.mouse.click(point.x, point.y);
}

/** Saves a screenshot under the git-ignored tests/e2e/screenshots folder and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
