/**
 * Nuchter reads a page and leaves it as it was: form fields and editable regions are never painted (not even when
 * text is typed into them later), and a page's own MutationObserver sees nothing but the card's host element come
 * and go.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  cardDialog,
  cardHostCount,
  clickText,
  launchWithExtension,
  openPage,
  readStats,
  startFixtureServer,
  waitForHighlights,
  type ExtensionBrowser,
  type FixtureServer,
  recordedMutations,
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

/** Every range Nuchter registered, with the field or editable region its start lies in, if any. */
interface PaintedRange {
  name: string;
  text: string;
  /** The closest form field or editable ancestor of the range's start (tag#id), or null. */
  inField: string | null;
}

const readPainted = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const painted: { name: string; text: string; inField: string | null }[] = [];
    CSS.highlights.forEach((highlight, name) => {
      for (const range of highlight) {
        if (!(range instanceof Range)) continue;
        const start = range.startContainer;
        const element = start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement;
        const field = element?.closest('textarea,input,[contenteditable],[role=textbox]');
        painted.push({
          name,
          text: range.toString(),
          inField: field ? `${field.tagName.toLowerCase()}#${field.id}` : null,
        });
      }
    });
    return painted;
  }) as Promise<PaintedRange[]>;

describe('form fields and editable regions', () => {
  test('stay unpainted while a paragraph with a claim is painted', async () => {
    const page = await openPage(browser.context, server.url('/forms.html'));
    await waitForHighlights(page, 1);
    const painted = await readPainted(page);
    expect(painted.filter((range) => range.inField !== null)).toEqual([]);
    expect(painted.filter((range) => range.name === 'nuchter-misleading').map((range) => range.text)).toEqual(
      ['Magnesium flushes toxins out of your body.'],
    );
    // Every claim on the page outside the fields, and only those: one.
    expect((await readStats(page))?.claims).toBe(1);
    await page.close();
  });

  test('stay unpainted when claims are typed or written into them later', async () => {
    const page = await openPage(browser.context, server.url('/forms.html'));
    await waitForHighlights(page, 1);

    // The reader types a claim into the contenteditable region…
    await page.locator('#editable p').click();
    await page.keyboard.press('End');
    await page.keyboard.insertText(' Everyone is deficient in magnesium these days.');
    // …and the page's scripts write claims into its editor widget, its textarea and a new editable paragraph.
    await page.evaluate(() => {
      document.getElementById('textbox-line')!.firstChild!.nodeValue =
        'Magnesium spray on your skin is absorbed straight into your muscles.';
      document.getElementById('review')!.textContent =
        'A daily magnesium pill lowers your blood pressure naturally.';
      const line = document.createElement('p');
      line.textContent = 'Magnesium contributes to normal muscle function.';
      document.getElementById('editable')!.append(line);
    });
    // Then a plain paragraph with a claim: once it is painted, the changes before it have been handled too.
    await page.evaluate(() => {
      const paragraph = document.createElement('p');
      paragraph.id = 'sentinel';
      paragraph.textContent = 'Magnesium ontgift je lichaam en reinigt je lever.';
      document.getElementById('later')!.append(paragraph);
    });
    await waitForHighlights(page, 2);

    const painted = await readPainted(page);
    expect(painted.filter((range) => range.inField !== null)).toEqual([]);
    expect(painted.filter((range) => range.name.startsWith('nuchter-m')).map((range) => range.text)).toEqual([
      'Magnesium flushes toxins out of your body.',
      'Magnesium ontgift je lichaam en reinigt je lever.',
    ]);
    expect((await readStats(page))?.claims).toBe(2);
    await page.close();
  });
});

describe("the page's own MutationObserver", () => {
  test('sees nothing but the card host come and go', async () => {
    const page = await openPage(browser.context, server.url('/quiet.html'));
    await waitForHighlights(page, 2);
    // The observer was watching before Nuchter's first scan (it started when parsing ended).
    expect(await page.evaluate(() => typeof (window as { __observingSince?: number }).__observingSince)).toBe(
      'number',
    );
    const mutations = () => recordedMutations(page);
    // Reading and painting the page changed nothing in it.
    expect(await mutations()).toEqual([]);

    await clickText(page, 'slaap ik als een blok');
    await expect.poll(() => cardDialog(page).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => cardHostCount(page)).toBe(0);
    // Once more, closed by a click outside this time.
    await clickText(page, 'wondermiddel tegen stress');
    await expect.poll(() => cardDialog(page).count()).toBe(1);
    await clickText(page, 'Ik drink');
    await expect.poll(() => cardHostCount(page)).toBe(0);

    const recorded = await mutations();
    const childList = recorded.filter((record) => record.type === 'childList');
    // Only the host element was added and removed, directly under <body>, once per card.
    expect(childList).toEqual([
      { type: 'childList', target: 'BODY', attributeName: null, added: ['NUCHTER-CARD'], removed: [] },
      { type: 'childList', target: 'BODY', attributeName: null, added: [], removed: ['NUCHTER-CARD'] },
      { type: 'childList', target: 'BODY', attributeName: null, added: ['NUCHTER-CARD'], removed: [] },
      { type: 'childList', target: 'BODY', attributeName: null, added: [], removed: ['NUCHTER-CARD'] },
    ]);
    // No attribute or text change anywhere in the page (our own host's attributes are our business).
    expect(
      recorded.filter((record) => record.type !== 'childList' && record.target !== 'NUCHTER-CARD'),
    ).toEqual([]);
    await page.close();
  });
});
