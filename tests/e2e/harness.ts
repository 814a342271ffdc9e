/**
 * The real-browser test harness: serves fixture pages from 127.0.0.1, launches Chromium with the unpacked
 * extension through playwright-core, and gives tests small helpers to look at what Nuchter did.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import {
  EXTENSION_DIR,
  extensionIdForPath,
  findChromium,
  launchWithExtension,
  QUIET_CHROMIUM_ARGS,
  ROOT,
  startStaticServer,
  type ExtensionBrowser,
  type StaticServer,
} from '../../src/cli/browser';
import type { ScanStats } from '../../src/content/controller';
import type { DocumentFinding } from '../../src/cli/scan-document';
import {
  ACTIVE_HIGHLIGHT,
  HIGHLIGHT_PREFIX,
  HYPE_HIGHLIGHT,
  VERDICT_NAMES,
} from '../../src/highlight/painter';

export const SCREENSHOT_DIR = join(ROOT, 'tests/e2e/screenshots');
export const EXTENSION_NAME = 'Nuchter';
/** The highlight names Nuchter registers, one per verdict, then hype words and the claim whose card is open. */
export const VERDICT_HIGHLIGHTS: readonly string[] = VERDICT_NAMES.map(
  (verdict) => HIGHLIGHT_PREFIX + verdict,
);
export { ACTIVE_HIGHLIGHT, HYPE_HIGHLIGHT };
/** Folders served by the fixture server, tried in order. */
/** Folders served by the fixture server, tried in order. */
const SERVED_DIRS = [join(ROOT, 'tests/e2e/pages'), join(ROOT, 'tests/fixtures/pages')];

export { EXTENSION_DIR, extensionIdForPath, findChromium, launchWithExtension, ROOT };
export type { ExtensionBrowser };
export type FixtureServer = StaticServer;

/** Serves the e2e pages and the fixture pages (and pages set in code) on 127.0.0.1 with an ephemeral port. */
export function startFixtureServer(): Promise<FixtureServer> {
  return startStaticServer(SERVED_DIRS);
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

/** Counts the ranges of the named highlights (by default: the verdict highlights, one range per claim). */
export function countRanges(
  highlights: RegisteredHighlight[],
  names: readonly string[] = VERDICT_HIGHLIGHTS,
): number {
  return highlights
    .filter((highlight) => names.includes(highlight.name))
    .reduce((sum, highlight) => sum + highlight.texts.length, 0);
}

/**
 * Polls `CSS.highlights` until the named highlights (by default: the verdict highlights) hold at least `minCount`
 * ranges, and returns what was registered then. Throws with what it last saw when `timeoutMs` passes.
 */
export async function waitForHighlights(
  page: Page,
  minCount: number,
  options: { timeoutMs?: number; names?: readonly string[] } = {},
): Promise<RegisteredHighlight[]> {
  const { timeoutMs = 5000, names = VERDICT_HIGHLIGHTS } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const highlights = await readHighlights(page);
    const count = countRanges(highlights, names);
    if (count >= minCount) return highlights;
    if (Date.now() > deadline) {
      throw new Error(
        `expected at least ${minCount} highlighted ranges within ${timeoutMs} ms, found ${count}: ` +
          JSON.stringify(highlights),
      );
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * Evaluates `expression` in Nuchter's content-script world (the extension's isolated world in the page's main
 * frame) through a CDP session of its own, and returns the value (JSON-serialisable values only; promises are
 * awaited). Waits up to `timeoutMs` for the world to exist, since the content script runs at document_idle.
 * This is how tests read `globalThis.__nuchterStats`, which the page itself can never see.
 */
export async function evaluateInContentScript<T = unknown>(
  page: Page,
  expression: string,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  const { timeoutMs = 5000 } = options;
  const session = await page.context().newCDPSession(page);
  try {
    const worlds = new Map<number, { name: string; type: unknown; frameId: unknown }>();
    session.on('Runtime.executionContextCreated', ({ context }) => {
      const auxData = (context.auxData ?? {}) as { type?: unknown; frameId?: unknown };
      worlds.set(context.id, { name: context.name, type: auxData.type, frameId: auxData.frameId });
    });
    session.on('Runtime.executionContextDestroyed', ({ executionContextId }) =>
      worlds.delete(executionContextId),
    );
    session.on('Runtime.executionContextsCleared', () => worlds.clear());
    // Enabling the domain reports every existing context first; later ones arrive as they are created.
    await session.send('Runtime.enable');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { frameTree } = await session.send('Page.getFrameTree');
      const contextId = [...worlds].find(
        ([, world]) =>
          world.type === 'isolated' && world.name === EXTENSION_NAME && world.frameId === frameTree.frame.id,
      )?.[0];
      if (contextId !== undefined) {
        const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
          expression,
          contextId,
          returnByValue: true,
          awaitPromise: true,
        });
        if (exceptionDetails) {
          const message = exceptionDetails.exception?.description ?? exceptionDetails.text;
          throw new Error(`content-script evaluation failed: ${message}`);
        }
        return result.value as T;
      }
      if (Date.now() > deadline) {
        const seen = [...worlds.values()].map((world) => `${String(world.type)}:${world.name}`).join(', ');
        throw new Error(`no "${EXTENSION_NAME}" content-script world in ${page.url()} (worlds: ${seen})`);
      }
      await new Promise((done) => setTimeout(done, 50));
    }
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** The content script's scan counters. */
export type NuchterStats = ScanStats;

/** A change the page's own MutationObserver recorded (tests/e2e/pages/record-mutations.js). */
export interface RecordedMutation {
  type: MutationRecordType;
  target: string;
  attributeName: string | null;
  added: string[];
  removed: string[];
}

/** The changes the page's own recorder saw so far (the page loads record-mutations.js). */
export function recordedMutations(page: Page): Promise<RecordedMutation[]> {
  return page.evaluate(() => (window as unknown as { __mutations: RecordedMutation[] }).__mutations);
}

/** Reads `globalThis.__nuchterStats` from the content script's world; undefined before the first scan. */
export function readStats(page: Page): Promise<NuchterStats | undefined> {
  return evaluateInContentScript<NuchterStats | undefined>(
    page,
    'globalThis.__nuchterStats && { ...globalThis.__nuchterStats }',
  );
}

/** The page files the fixture server serves at `/name`, for tools that read the files themselves. */
export function fixtureFile(name: string): string {
  for (const dir of SERVED_DIRS) {
    const file = join(dir, name);
    if (existsSync(file)) return file;
  }
  throw new Error(`no fixture page named ${name}`);
}

/**
 * What the engine finds in fixture pages, per page name, through the scan CLI (`npm run scan -- --format json`):
 * the command-line view of the same engine and extraction that the content script runs.
 */
export function scanWithCli(names: string[]): Map<string, DocumentFinding[]> {
  const files = names.map(fixtureFile);
  const output = execFileSync(
    join(ROOT, 'node_modules/.bin/tsx'),
    ['src/cli/scan.ts', '--format', 'json', ...files],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  const { documents } = JSON.parse(output) as { documents: { findings: DocumentFinding[] }[] };
  return new Map(names.map((name, index) => [name, documents[index]!.findings]));
}

/** A text as the engine reads it in normal HTML flow: line breaks and tabs count as spaces, one for one. */
export function flowText(value: string): string {
  return value.replace(/[\n\r\t\f]/g, ' ');
}

/** The card's host element: in the page only while a card is open. */
export const CARD_HOST = 'nuchter-card';

/** The open card's dialog (Playwright's CSS locators pierce the host's open shadow root). */
export function cardDialog(page: Page): Locator {
  return page.locator(`${CARD_HOST} [role="dialog"]`);
}

/** How many card host elements the page holds (0 when no card is open). */
export function cardHostCount(page: Page): Promise<number> {
  return page.evaluate((host) => document.querySelectorAll(host).length, CARD_HOST);
}

/**
 * Evaluates `expression` in a fresh isolated world of the page's main frame, made for the test through CDP: it sees
 * the page's DOM (and `CSS.highlights`) but none of the page's JavaScript, so it works on pages that break their
 * own built-ins on purpose. JSON-serialisable values only; promises are awaited.
 */
export async function evaluateInTestWorld<T = unknown>(page: Page, expression: string): Promise<T> {
  const session = await page.context().newCDPSession(page);
  try {
    const { frameTree } = await session.send('Page.getFrameTree');
    const { executionContextId } = await session.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'nuchter-e2e',
    });
    const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
      expression,
      contextId: executionContextId,
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) {
      throw new Error(
        `test-world evaluation failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
      );
    }
    return result.value as T;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** `readHighlights` through {@link evaluateInTestWorld}: for pages whose own world cannot be trusted. */
export function readHighlightsInTestWorld(page: Page): Promise<RegisteredHighlight[]> {
  return evaluateInTestWorld<RegisteredHighlight[]>(
    page,
    `(() => {
      const result = [];
      CSS.highlights.forEach((highlight, name) => {
        result.push({ name, texts: [...highlight].map((range) => range.toString()) });
      });
      return result;
    })()`,
  );
}

/** Errors a page produced in any of its worlds (the page's, Nuchter's content script's, Playwright's). */
export interface ErrorRecorder {
  /** Uncaught exceptions and unhandled rejections, as `world: message (script)`. */
  exceptions: string[];
  /** console.error / console.assert calls and browser log entries of level error, as `source: text`. */
  errors: string[];
  stop(): Promise<void>;
}

/**
 * Records the errors of `page` through CDP, in every execution context of its process — including the content
 * script's isolated world, whose errors `page.on('pageerror')` may not report. Browser log entries about
 * `/favicon.ico` (the fixture server has none) are left out.
 */
export async function recordErrors(page: Page): Promise<ErrorRecorder> {
  const session = await page.context().newCDPSession(page);
  const worlds = new Map<number, string>();
  const recorder: ErrorRecorder = {
    exceptions: [],
    errors: [],
    stop: () => session.detach().catch(() => undefined),
  };
  session.on('Runtime.executionContextCreated', ({ context }) => {
    const auxData = (context.auxData ?? {}) as { type?: string };
    worlds.set(context.id, `${auxData.type ?? 'default'}:${context.name || context.origin}`);
  });
  session.on('Runtime.exceptionThrown', ({ exceptionDetails }) => {
    const world = worlds.get(exceptionDetails.executionContextId ?? -1) ?? 'unknown world';
    const message = exceptionDetails.exception?.description ?? exceptionDetails.text;
    recorder.exceptions.push(`${world}: ${message} (${exceptionDetails.url ?? 'no script'})`);
  });
  session.on('Runtime.consoleAPICalled', ({ type, args, executionContextId }) => {
    if (type !== 'error' && type !== 'assert') return;
    const text = args.map((arg) => arg.description ?? String(arg.value)).join(' ');
    recorder.errors.push(`console.${type} in ${worlds.get(executionContextId) ?? 'unknown world'}: ${text}`);
  });
  session.on('Log.entryAdded', ({ entry }) => {
    if (entry.level !== 'error' || entry.url?.endsWith('/favicon.ico')) return;
    recorder.errors.push(`${entry.source}: ${entry.text} ${entry.url ?? ''}`.trim());
  });
  await session.send('Runtime.enable');
  await session.send('Log.enable');
  return recorder;
}

/** The Chromium flags of `launchWithExtension` (src/cli/browser.ts) without the two that load the extension. */
export const PLAIN_CHROMIUM_ARGS = QUIET_CHROMIUM_ARGS;

/** The same Chromium with the same flags, profile kind and viewport as `launchWithExtension`, minus the extension. */
export async function launchWithoutExtension(
  options: { extraArgs?: string[]; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profileDir = mkdtempSync(join(tmpdir(), 'nuchter-plain-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    headless: true,
    viewport: options.viewport ?? { width: 1200, height: 900 },
    args: ['--headless=new', ...PLAIN_CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * Counts the coloured pixels of a PNG screenshot (those whose channels differ by more than `threshold`): black text
 * on white, even anti-aliased, has none, while any of Nuchter's highlight tints and underlines has many. Decodes the
 * image in a blank page of `context`, which no content script visits.
 */
export async function countColouredPixels(
  context: BrowserContext,
  png: Buffer,
  threshold = 24,
): Promise<number> {
  const blank = await context.newPage();
  try {
    return await blank.evaluate(
      async ({ base64, threshold }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context2d = canvas.getContext('2d')!;
        context2d.drawImage(image, 0, 0);
        const { data } = context2d.getImageData(0, 0, image.width, image.height);
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {
          const r = data[i]!;
          const g = data[i + 1]!;
          const b = data[i + 2]!;
          if (Math.max(r, g, b) - Math.min(r, g, b) > threshold) count++;
        }
        return count;
      },
      { base64: png.toString('base64'), threshold },
    );
  } finally {
    await blank.close();
  }
}

/**
 * The serialised markup (`outerHTML` of the document element) of the page's document and of every same-process
 * frame document in it, in document order, read through CDP's DOM domain: no script of any world runs, so it works
 * on pages that break their own built-ins or forbid scripts.
 */
export async function documentsOuterHTML(page: Page): Promise<{ url: string; html: string }[]> {
  const session = await page.context().newCDPSession(page);
  try {
    const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
    type DomNode = typeof root;
    const documents: DomNode[] = [];
    const visit = (node: DomNode) => {
      if (node.nodeType === 9) documents.push(node);
      for (const child of node.children ?? []) visit(child);
      if (node.contentDocument) visit(node.contentDocument);
    };
    visit(root);
    const result: { url: string; html: string }[] = [];
    for (const document of documents) {
      const element = document.children?.find((child) => child.nodeType === 1);
      if (!element) continue;
      const { outerHTML } = await session.send('DOM.getOuterHTML', { nodeId: element.nodeId });
      result.push({ url: document.documentURL ?? '', html: outerHTML });
    }
    return result;
  } finally {
    await session.detach().catch(() => undefined);
  }
}
