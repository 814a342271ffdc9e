/**
 * The evidence card in a real page: a click on a claim opens it with the finding's verdict and topic, Escape and a
 * click outside close it (focus goes back where it was), links inside a claim still navigate, and the card reads
 * well in light and dark mode (screenshots to look at).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { STRINGS } from '../../src/ui/strings';
import type { DocumentFinding } from '../../src/cli/scan-document';
import type { Verdict } from '../../src/knowledge/schema';
import {
  ACTIVE_HIGHLIGHT,
  cardDialog,
  cardHostCount,
  clickText,
  launchWithExtension,
  openPage,
  readHighlights,
  ROOT,
  saveScreenshot,
  scanWithCli,
  startFixtureServer,
  waitForHighlights,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';

type Lang = 'nl' | 'en';
const knowledge = parse(readFileSync(join(ROOT, 'rules/knowledge/magnesium.yaml'), 'utf8')) as {
  topics: Record<string, { text: Record<Lang, { label: string }> }>;
};

let server: FixtureServer;
let browser: ExtensionBrowser;
let scanned: Map<string, DocumentFinding[]>;

beforeAll(async () => {
  const scanning = Promise.resolve().then(() => scanWithCli(['card.html', 'nl-blog-slaap.html']));
  server = await startFixtureServer();
  browser = await launchWithExtension();
  scanned = await scanning;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The first finding of `sentence` on `page`: the claim the card shows first for that sentence. */
function findingFor(pageName: string, sentence: string): DocumentFinding {
  const finding = scanned.get(pageName)!.find((candidate) => candidate.text === sentence);
  if (!finding) throw new Error(`the engine finds no claim "${sentence}" in ${pageName}`);
  return finding;
}

/** The verdict label and topic label the card must show for `finding`. */
function expectedLabels(finding: DocumentFinding, lang: Lang): { verdict: string; topic: string } {
  return {
    verdict: STRINGS[lang].verdicts[finding.verdict as Verdict],
    topic: knowledge.topics[finding.topic]!.text[lang].label,
  };
}

/** Which element has focus, seen from the page: its id, or its tag when it has none. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return element ? element.id || element.tagName.toLowerCase() : 'none';
  });
}

const SLEEP = 'Taking magnesium every evening completely fixed my restless sleep.';
const DETOX = 'Magnesium flushes toxins out of your body.';

describe('opening and closing the card', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage(browser.context, server.url('/card.html'));
    await waitForHighlights(page, 2);
  });
  afterAll(() => page.close());

  test('a click on an English claim opens the card with its verdict and topic', async () => {
    const finding = findingFor('card.html', SLEEP);
    const { verdict, topic } = expectedLabels(finding, 'en');
    expect([verdict, topic]).toEqual(['Mixed evidence', 'Sleep']);

    await clickText(page, 'completely fixed');
    const dialog = cardDialog(page);
    await expect.poll(() => dialog.count()).toBe(1);
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain(verdict);
    expect(text).toContain(topic);
    expect(text).toContain(SLEEP); // the quote
    expect(await dialog.getAttribute('aria-label')).toBe(STRINGS.en.dialogLabel(topic));
    // The card took focus, and the clicked claim is the active highlight.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('NUCHTER-CARD');
    expect((await readHighlights(page)).find((h) => h.name === ACTIVE_HIGHLIGHT)?.texts).toEqual([SLEEP]);

    // A click inside the card keeps it open.
    await dialog.locator('h2').click();
    expect(await cardHostCount(page)).toBe(1);

    await page.keyboard.press('Escape');
    await expect.poll(() => cardHostCount(page)).toBe(0);
    expect((await readHighlights(page)).find((h) => h.name === ACTIVE_HIGHLIGHT)?.texts).toEqual([]);
  });

  test('Escape gives focus back to the element that had it', async () => {
    // The comment is a focusable article (as in many feeds): clicking its text focuses it.
    await clickText(page, 'flushes toxins');
    await expect.poll(() => cardDialog(page).count()).toBe(1);
    expect(await cardDialog(page).textContent()).toContain(
      expectedLabels(findingFor('card.html', DETOX), 'en').verdict,
    );
    expect(await focused(page)).toBe('nuchter-card');

    await page.keyboard.press('Escape');
    await expect.poll(() => cardHostCount(page)).toBe(0);
    expect(await focused(page)).toBe('post');
  });

  test('a click outside the card closes it', async () => {
    await clickText(page, 'completely fixed');
    await expect.poll(() => cardHostCount(page)).toBe(1);
    await clickText(page, 'After a long day');
    await expect.poll(() => cardHostCount(page)).toBe(0);

    expect((await readHighlights(page)).find((h) => h.name === ACTIVE_HIGHLIGHT)?.texts).toEqual([]);
  });

  test('a click on a Dutch claim shows the Dutch verdict and topic', async () => {
    const nl = await openPage(browser.context, server.url('nl-blog-slaap.html'));
    await waitForHighlights(nl, 10);
    const sentence = 'Stress en koffie slurpen de rest van je magnesium op.';
    const { verdict, topic } = expectedLabels(findingFor('nl-blog-slaap.html', sentence), 'nl');
    expect([verdict, topic]).toEqual(['Niet onderbouwd', 'Stress']);
    await clickText(nl, 'koffie slurpen');
    await expect.poll(() => cardDialog(nl).count()).toBe(1);
    const text = (await cardDialog(nl).textContent()) ?? '';
    expect(text).toContain(verdict);
    expect(text).toContain(topic);
    expect(text).toContain(sentence);
    await nl.keyboard.press('Escape');
    await expect.poll(() => cardHostCount(nl)).toBe(0);
    await nl.close();
  });
});

describe('links inside a claim', () => {
  test('still navigate', async () => {
    const page = await openPage(browser.context, server.url('/split-claim.html'));
    await waitForHighlights(page, 2);
    // The claim's plain text opens the card…
    await clickText(page, 'flushes');
    await expect.poll(() => cardDialog(page).textContent()).toContain(DETOX);
    // …its link text follows the link (and closes the card on the way).
    await Promise.all([page.waitForURL(server.url('/link-target.html')), clickText(page, 'toxins')]);
    expect(page.url()).toBe(server.url('/link-target.html'));
    expect(await page.locator('h1').textContent()).toBe('You followed the link');
    await page.close();
  });
});

describe('screenshots', () => {
  test('the card in light and dark mode', async () => {
    const page = await openPage(browser.context, server.url('/card.html'));
    await waitForHighlights(page, 2);
    await clickText(page, 'completely fixed');
    const dialog = cardDialog(page);
    await expect.poll(() => dialog.count()).toBe(1);
    const paper = () => dialog.evaluate((element) => getComputedStyle(element).backgroundColor);
    const ink = () => dialog.evaluate((element) => getComputedStyle(element).color);

    expect(await paper()).toBe('rgb(255, 255, 255)');
    // The focused dialog wears no browser focus ring around the whole card.
    expect(await dialog.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('none');
    await saveScreenshot(page, 'card-light');

    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(paper).toBe('rgb(31, 36, 40)');
    expect(await ink()).toBe('rgb(232, 236, 239)');
    expect(await cardHostCount(page)).toBe(1);
    await saveScreenshot(page, 'card-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.close();
  });
});
