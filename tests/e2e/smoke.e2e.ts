import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  launchWithExtension,
  openPage,
  openPopup,
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
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.nuchterProbe)).toBe('1');
});

test('the popup page renders', async () => {
  const popup = await openPopup(browser);
  await expect.poll(() => popup.locator('h1').textContent()).toBe('Nuchter');
});
