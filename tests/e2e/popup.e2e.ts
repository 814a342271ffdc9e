/**
 * The popup, the badge and settings in real Chromium: switches apply live in open tabs, per-site switches touch
 * only their site, the claim list opens a claim's card, and settings survive a browser restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchWithExtension,
  startStaticServer,
  type ExtensionBrowser,
  type StaticServer,
} from '../../src/cli/browser';
import { readHighlights, saveScreenshot } from './harness';

const PAGES = join(import.meta.dirname, '../fixtures/pages');
/** A second site name for 127.0.0.1, so per-site switches can be tested without leaving the machine. */
const SECOND_HOST = 'nuchter-second.test';

let server: StaticServer;
let browser: ExtensionBrowser;

const paintedRanges = async (page: Page) =>
  (await readHighlights(page))
    .filter((entry) => entry.name !== 'nuchter-active')
    .reduce((sum, entry) => sum + entry.texts.length, 0);

async function serviceWorker(b: ExtensionBrowser): Promise<Worker> {
  return b.context.serviceWorkers()[0] ?? (await b.context.waitForEvent('serviceworker'));
}

async function tabIdOf(b: ExtensionBrowser, page: Page): Promise<number> {
  if (page.url().startsWith('chrome-extension://')) {
    return page.evaluate(async () => (await chrome.tabs.getCurrent())!.id!);
  }
  const worker = await serviceWorker(b);
  const id = await worker.evaluate(async (url) => (await chrome.tabs.query({ url })).at(0)?.id, page.url());
  if (id === undefined) throw new Error(`no tab for ${page.url()}`);
  return id;
}

/** Opens popup.html for `page`'s tab in a tab of its own (automation cannot open the toolbar popup). */
async function openPopupFor(b: ExtensionBrowser, page: Page): Promise<Page> {
  const popup = await b.context.newPage();
  await popup.setViewportSize({ width: 360, height: 720 });
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${await tabIdOf(b, page)}`);
  return popup;
}

async function openFixture(b: ExtensionBrowser, path: string, origin = server.origin): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(origin + path);
  await expect.poll(() => paintedRanges(page), { timeout: 5000 }).toBeGreaterThan(0);
  return page;
}

beforeAll(async () => {
  server = await startStaticServer([PAGES]);
  browser = await launchWithExtension({ extraArgs: [`--host-resolver-rules=MAP ${SECOND_HOST} 127.0.0.1`] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('switches apply live', () => {
  it('switching off removes every highlight in an open tab, switching on restores them, without reloading', async () => {
    const page = await openFixture(browser, '/en-blog-sleep.html');
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'not reloaded'));
    const before = await paintedRanges(page);
    const popup = await openPopupFor(browser, page);

    const main = popup.getByRole('switch', { name: 'Nuchter on' });
    await expect.poll(() => main.getAttribute('aria-checked')).toBe('true');
    await main.click();
    await expect.poll(() => paintedRanges(page)).toBe(0);
    expect(
      await page.evaluate(() => [...CSS.highlights.keys()].filter((name) => name.startsWith('nuchter-'))),
    ).toEqual([]);

    await main.click();
    await expect.poll(() => paintedRanges(page)).toBe(before);
    expect(await page.evaluate(() => (window as unknown as { marker: string }).marker)).toBe('not reloaded');
    await popup.close();
    await page.close();
  });

  it('switching a site off affects only that site', async () => {
    const here = await openFixture(browser, '/en-blog-sleep.html');
    const there = await openFixture(
      browser,
      '/nl-blog-slaap.html',
      server.origin.replace('127.0.0.1', SECOND_HOST),
    );
    const popup = await openPopupFor(browser, here);
    const siteSwitch = popup.getByRole('switch', { name: 'On for 127.0.0.1' });
    await siteSwitch.click();
    await expect.poll(() => paintedRanges(here)).toBe(0);
    expect(await paintedRanges(there)).toBeGreaterThan(0);
    await expect.poll(() => popup.getByText('Nuchter is off for this page.').count()).toBe(1);

    await siteSwitch.click();
    await expect.poll(() => paintedRanges(here)).toBeGreaterThan(0);
    await Promise.all([popup.close(), here.close(), there.close()]);
  });

  it('hiding a verdict removes its highlights', async () => {
    const page = await openFixture(browser, '/en-blog-sleep.html');
    const misleading = async () =>
      (await readHighlights(page)).find((entry) => entry.name === 'nuchter-misleading')?.texts.length ?? 0;
    expect(await misleading()).toBeGreaterThan(0);
    const popup = await openPopupFor(browser, page);
    await popup.getByRole('checkbox', { name: 'Misleading' }).uncheck();
    await expect.poll(misleading).toBe(0);
    await popup.getByRole('checkbox', { name: 'Misleading' }).check();
    await expect.poll(misleading).toBeGreaterThan(0);
    await Promise.all([popup.close(), page.close()]);
  });
});

describe('the claim list and the badge', () => {
  it('lists the tab’s claims, and choosing one opens its card in the page', async () => {
    const page = await openFixture(browser, '/nl-blog-slaap.html');
    const popup = await openPopupFor(browser, page);
    const items = popup.locator('ol.claims > li');
    await expect.poll(() => items.count()).toBeGreaterThan(3);
    const count = await items.count();
    await expect.poll(() => popup.locator('.count').textContent()).toBe(`${count} claims`);

    const worker = await serviceWorker(browser);
    const tabId = await tabIdOf(browser, page);
    // The content script reports its count shortly after each change; the badge follows.
    await expect
      .poll(() => worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId))
      .toBe(String(count));

    const excerpt = (await items.nth(2).locator('.excerpt').textContent())!;
    await items.nth(2).locator('button').click();
    const dialog = page.locator('nuchter-card [role="dialog"]');
    await expect.poll(() => dialog.count()).toBe(1);
    expect(await dialog.locator('blockquote').textContent()).toContain(excerpt.slice(0, 40));
    await Promise.all([popup.close(), page.close()]);
  });

  it('lists the claims of a long page, also those far below the screen that were not read yet', async () => {
    server.setPage(
      '/long-page.html',
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A long page</title></head><body>' +
        '<p>Magnesium cured my insomnia within a few days.</p><div style="height: 40000px"></div>' +
        '<p id="far">Magnesium is a miracle cure for muscle cramps.</p></body></html>',
    );
    const page = await openFixture(browser, '/long-page.html');
    const paintedTexts = async () => (await readHighlights(page)).flatMap((entry) => entry.texts).join(' | ');
    // Far below the screen: not read yet.
    expect(await paintedTexts()).toContain('cured my insomnia');
    expect(await paintedTexts()).not.toContain('muscle cramps');
    const popup = await openPopupFor(browser, page);
    const items = popup.locator('ol.claims > li');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(1).locator('.excerpt').textContent()).toContain('miracle cure for muscle cramps');
    expect(await paintedTexts()).toContain('muscle cramps');
    await Promise.all([popup.close(), page.close()]);
  });

  it('lists claims inside a shadow root among those of the page, in reading order', async () => {
    // Ranges in a shadow tree cannot be compared with the document's (the browser throws): listing must not.
    server.setPage(
      '/shadow-list.html',
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shadow</title></head><body>' +
        '<p>Magnesium cured my insomnia within a few days.</p><div id="host"></div>' +
        '<p>Magnesium flushes toxins out of your body.</p>' +
        '<script>document.getElementById("host").attachShadow({ mode: "open" }).innerHTML = ' +
        '"<p>Magnesium is a miracle cure for muscle cramps.</p>";</script></body></html>',
    );
    const page = await openFixture(browser, '/shadow-list.html');
    const popup = await openPopupFor(browser, page);
    const excerpts = popup.locator('ol.claims > li .excerpt');
    await expect.poll(() => excerpts.count()).toBe(3);
    const texts = await excerpts.allTextContents();
    expect(texts[0]).toContain('insomnia');
    expect(texts[1]).toContain('muscle cramps');
    expect(texts[2]).toContain('toxins');
    await Promise.all([popup.close(), page.close()]);
  });

  it('says plainly when the page cannot be read', async () => {
    // An extension page stands in for the pages extensions may not read (browser pages, web stores, PDFs).
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const popup = await openPopupFor(browser, page);
    await expect
      .poll(() => popup.getByText('Nuchter cannot read this page', { exact: false }).count())
      .toBe(1);
    await Promise.all([popup.close(), page.close()]);
  });

  it('shows the popup in light and dark mode (screenshots)', async () => {
    const page = await openFixture(browser, '/en-blog-sleep.html');
    const popup = await openPopupFor(browser, page);
    await expect.poll(() => popup.locator('ol.claims > li').count()).toBeGreaterThan(0);
    await saveScreenshot(popup, 'popup-light');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(popup, 'popup-dark');
    await Promise.all([popup.close(), page.close()]);
  });
});

describe('persistence', () => {
  it('keeps settings across a browser restart', async () => {
    const profileDir = mkdtempSync(join(tmpdir(), 'nuchter-restart-'));
    try {
      const first = await launchWithExtension({ profileDir });
      const page = await openFixture(first, '/en-blog-sleep.html');
      const popup = await openPopupFor(first, page);
      await popup.getByRole('checkbox', { name: 'Established' }).uncheck();
      await popup.getByRole('combobox').selectOption('nl');
      await popup.getByRole('switch', { name: 'On for 127.0.0.1' }).click();
      await expect.poll(() => paintedRanges(page)).toBe(0);
      await first.close();

      const second = await launchWithExtension({ profileDir });
      const again = await second.context.newPage();
      await again.goto(server.url('/en-blog-sleep.html'));
      const popupAgain = await openPopupFor(second, again);
      await expect.poll(() => popupAgain.getByText('Nuchter is off for this page.').count()).toBe(1);
      expect(await popupAgain.getByRole('checkbox', { name: 'Established' }).isChecked()).toBe(false);
      expect(await popupAgain.getByRole('combobox').inputValue()).toBe('nl');
      expect(await paintedRanges(again)).toBe(0);
      await second.close();
    } finally {
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});

describe('keyboard navigation and the card’s life', () => {
  it('moves to the next and previous claim in reading order and opens its card (the shortcut’s message)', async () => {
    const page = await openFixture(browser, '/nl-blog-slaap.html');
    const worker = await serviceWorker(browser);
    const tabId = await tabIdOf(browser, page);
    const navigate = (direction: 1 | -1) =>
      worker.evaluate(
        ([id, step]) =>
          chrome.tabs.sendMessage(id, { type: 'nuchter:navigate', direction: step }, { frameId: 0 }),
        [tabId, direction] as const,
      );
    const dialog = page.locator('nuchter-card [role="dialog"]');
    const position = async () => (await dialog.locator('.card-footer span').textContent()) ?? '';

    await navigate(1);
    await expect.poll(position).toMatch(/^Claim 1 van \d+$/);
    await navigate(1);
    await expect.poll(position).toMatch(/^Claim 2 van \d+$/);
    await navigate(-1);
    await expect.poll(position).toMatch(/^Claim 1 van \d+$/);
    // The card takes focus, so a keyboard user lands in it and can Tab through its controls.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('NUCHTER-CARD');
    await page.close();
  });

  it('closes the card when its claim scrolls out of view', async () => {
    const page = await openFixture(browser, '/nl-blog-slaap.html');
    const worker = await serviceWorker(browser);
    const tabId = await tabIdOf(browser, page);
    await worker.evaluate(
      (id) => chrome.tabs.sendMessage(id, { type: 'nuchter:navigate', direction: 1 }, { frameId: 0 }),
      tabId,
    );
    await expect.poll(() => page.locator('nuchter-card').count()).toBe(1);
    await page.evaluate(() => {
      document.body.style.paddingBottom = '3000px'; // room to scroll the claim away (test scaffolding)
      window.scrollTo(0, document.documentElement.scrollHeight);
    });
    await expect.poll(() => page.locator('nuchter-card').count()).toBe(0);
    await page.close();
  });
});
