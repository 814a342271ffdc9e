/**
 * The real-browser test harness: serves fixture pages from 127.0.0.1, launches Chromium with the unpacked
 * extension through playwright-core, and gives tests small helpers to look at what Nuchter did.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import {
  EXTENSION_DIR,
  extensionIdForPath,
  findChromium,
  launchWithExtension,
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
