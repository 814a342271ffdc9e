import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  launchWithExtension,
  openPage,
  openPopup,
  readStats,
  startFixtureServer,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';

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

test('the content script runs on a served page', async () => {
  const page = await openPage(browser.context, server.url('/smoke.html'));
  // The content script keeps its counters in its own isolated world: the page never sees them.
  await expect.poll(async () => (await readStats(page))?.scans ?? 0).toBeGreaterThan(0);
  expect(await page.evaluate(() => 'nuchterProbe' in document.documentElement.dataset)).toBe(false);
});

test('the popup page renders', async () => {
  const popup = await openPopup(browser);
  await expect.poll(() => popup.locator('h1').textContent()).toBe('Nuchter');
});
