// @vitest-environment happy-dom
/**
 * How the content script (src/content/controller.ts) reads a page. Read in slices, it finds and paints exactly what
 * one pass over the whole page finds: the engine's reading context — the heading above, the sentence before —
 * carries from slice to slice (the clock is made to run fast, so every unit of the page gets a slice of its own).
 * And when the page changes a block, the block is read again, and its claims are painted once.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  READ_AHEAD_SCREENS,
  SCAN_SLICE_MS,
  startNuchter,
  type ScanStats,
} from '../../src/content/controller';
import type { ClaimSummary } from '../../src/messages';
import type { CompiledRules } from '../../src/match/compiled';
import { ClaimEngine } from '../../src/match/engine';
import { extractBlocks } from '../../src/text/dom-blocks';
import { installHighlightStubs, newContext, setUpContentTests } from './content-env';

installHighlightStubs();

const projectRules = setUpContentTests();
let rules: CompiledRules;
beforeEach(() => {
  rules = projectRules();
  document.documentElement.setAttribute('lang', 'nl');
});

/** A page whose claims lean on their context: a heading's subject for its list, a sentence's for the next. */
const PAGE = `
  <h2>Magnesium bij kramp</h2>
  <ul><li>Helpt binnen een week tegen nachtelijke kuitkrampen!</li><li>Geen pijn meer na het sporten.</li></ul>
  <p>Onze buurtvereniging organiseert elke zaterdag een wandeling.</p>
  <p>Ik neem elke avond magnesium voor het slapengaan.</p>
  <p>Daardoor slaap ik sindsdien als een roos, echt een wondermiddel.</p>
  <h2>Over de vereniging</h2>
  <ul><li>Helpt bij het opzetten van een moestuin.</li></ul>
  <p>Magnesium is goed voor je botten.</p>`;

/** Each painted claim as "verdict-highlight: text". */
function painted(): string[] {
  const found: string[] = [];
  for (const [name, highlight] of CSS.highlights) {
    if (name === 'nuchter-hype' || name === 'nuchter-active') continue;
    for (const range of highlight as unknown as Set<Range>) found.push(range.toString());
  }
  return found.sort();
}

describe('a page read in slices', () => {
  it('paints exactly the claims one pass finds, context included', { timeout: 20_000 }, async () => {
    document.body.innerHTML = PAGE;
    const expected = new ClaimEngine(rules).findClaims(extractBlocks(document.body), { lang: 'nl' });
    // Not vacuous: the page has claims that borrow their subject.
    expect(expected.filter((finding) => finding.implicit).length).toBeGreaterThanOrEqual(2);
    // One range per finding: a sentence with two topics is painted twice.
    const expectedTexts = expected.map((finding) => finding.text).sort();

    // Every read of the clock is a slice later: each unit of the page gets a slice of its own.
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += SCAN_SLICE_MS));
    const slices = vi.spyOn(globalThis, 'setTimeout');
    await startNuchter(newContext(), { rules });

    await vi.waitFor(() => expect(stats()?.scans).toBe(1), { timeout: 10_000 });
    expect(painted()).toEqual(expectedTexts);
    // The scan really was sliced: one pause per unit (heading, list items, paragraphs) but the last.
    const pauses = slices.mock.calls.filter(([, delay]) => delay === 0).length;
    expect(pauses).toBeGreaterThanOrEqual(8);
    expect(stats()?.blocksScanned).toBe(extractBlocks(document.body).length);
  });

  it('reads a block again when the page changes it between two slices', { timeout: 20_000 }, async () => {
    document.body.innerHTML = PAGE;
    const first = document.querySelector('li')!;
    let clock = 0;
    let changed = false;
    vi.spyOn(performance, 'now').mockImplementation(() => {
      // Once the scan is past the first list item, the page rewrites it.
      if (!changed && painted().some((text) => text.startsWith('Helpt binnen een week'))) {
        changed = true;
        first.textContent = 'Magnesium helpt je binnen een paar dagen beter slapen.';
      }
      return (clock += SCAN_SLICE_MS);
    });
    await startNuchter(newContext(), { rules });

    await vi.waitFor(
      () => {
        expect(changed).toBe(true);
        expect(painted()).toContain('Magnesium helpt je binnen een paar dagen beter slapen.');
      },
      { timeout: 10_000 },
    );
    expect(painted().some((text) => text.startsWith('Helpt binnen een week'))).toBe(false);
  });
});

describe('a live page', () => {
  it(
    'reads a comment added under a post about magnesium in the light of that post',
    { timeout: 20_000 },
    async () => {
      document.body.innerHTML =
        '<article><p>Sinds een maand neem ik magnesium voor het slapengaan.</p></article>' +
        '<section id="comments"><p>Reacties</p></section>';
      await startNuchter(newContext(), { rules });
      await vi.waitFor(() => expect(stats()?.scans).toBe(1), { timeout: 10_000 });
      expect(painted()).toEqual([]);
      const comment = document.createElement('div');
      comment.innerHTML =
        '<p><b>Lotte</b> · 2 min</p><p>Echt een wondermiddel tegen mijn nachtelijke kuitkrampen!</p>';
      document.getElementById('comments')!.append(comment);
      await vi.waitFor(
        () => expect(painted()).toEqual(['Echt een wondermiddel tegen mijn nachtelijke kuitkrampen!']),
        { timeout: 10_000 },
      );
    },
  );

  it("does not lend a post's subject to a comment far below it", { timeout: 20_000 }, async () => {
    const filler = Array.from({ length: 12 }, (_, i) => `<p>Reactie ${i + 1}: mooi weer vandaag.</p>`).join(
      '',
    );
    document.body.innerHTML =
      '<article><p>Sinds een maand neem ik magnesium voor het slapengaan.</p></article>' +
      `<section id="comments">${filler}</section>`;
    await startNuchter(newContext(), { rules });
    await vi.waitFor(() => expect(stats()?.scans).toBe(1), { timeout: 10_000 });
    const comment = document.createElement('p');
    comment.textContent = 'Echt een wondermiddel tegen mijn nachtelijke kuitkrampen!';
    document.getElementById('comments')!.append(comment);
    await vi.waitFor(() => expect(stats()?.scans).toBe(2), { timeout: 10_000 });
    expect(painted()).toEqual([]);
  });

  it('reads a claim again, once, when the page puts text before it', { timeout: 20_000 }, async () => {
    document.body.innerHTML = '<p id="post"> <b>Magnesium</b> helpt echt tegen nachtelijke krampen.</p>';
    await startNuchter(newContext(), { rules });
    await vi.waitFor(() => expect(painted()).toEqual(['Magnesium helpt echt tegen nachtelijke krampen.']), {
      timeout: 10_000,
    });
    // The blank text before the claim (no part of the block until now) gets words: the block's first node changes.
    const leading = document.getElementById('post')!.firstChild as Text;
    leading.nodeValue = 'Bewerkt: ';
    await vi.waitFor(
      () => expect(painted()).toEqual(['Bewerkt: Magnesium helpt echt tegen nachtelijke krampen.']),
      { timeout: 10_000 },
    );
  });
});

describe('a long page', () => {
  /** How far the reader has scrolled, in the layout {@link layOut} fakes (happy-dom has none). */
  let scrolled = 0;
  /** The page's layout: an element's top is its own `data-top`, or its nearest ancestor's, minus the scroll. */
  function layOut(): void {
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      const top = Number(this.closest('[data-top]')?.getAttribute('data-top') ?? 0) - scrolled;
      return new DOMRect(0, top, 600, 20);
    });
  }
  /** A page position this many screens below the top of the screen, when not scrolled. */
  const screens = (count: number) => Math.round(innerHeight * count);
  /** PAGE, with its last two paragraphs and the section after them far below the read-ahead horizon. */
  function longPage(): void {
    document.body.innerHTML = PAGE;
    const far = screens(READ_AHEAD_SCREENS + 5);
    const paragraphs = [...document.querySelectorAll('p')];
    const from = paragraphs.findIndex((p) => p.textContent!.startsWith('Ik neem elke avond'));
    let element: Element | null = paragraphs[from]!;
    for (let top = far; element; element = element.nextElementSibling, top += 40) {
      element.setAttribute('data-top', String(top));
    }
    scrolled = 0;
    layOut();
  }
  const onePass = () => new ClaimEngine(rules).findClaims(extractBlocks(document.body), { lang: 'nl' });

  it(
    'is read to a few screens below the screen, and on as the reader scrolls',
    { timeout: 20_000 },
    async () => {
      longPage();
      const expected = onePass().map((finding) => finding.text);
      await startNuchter(newContext(), { rules });
      await vi.waitFor(() => expect(stats()?.scans).toBe(1), { timeout: 10_000 });
      // Above the horizon: read. Below it: not yet (the kramp section has claims; the far paragraphs too).
      expect(painted().length).toBeGreaterThan(0);
      expect(painted()).not.toContain('Ik neem elke avond magnesium voor het slapengaan.');
      expect(painted().some((text) => text.startsWith('Daardoor slaap ik'))).toBe(false);

      scrolled = screens(READ_AHEAD_SCREENS + 4);
      document.dispatchEvent(new Event('scroll'));
      // The rest, read by the same reader: "Daardoor slaap ik …" borrows its subject from the paragraph before it.
      await vi.waitFor(() => expect(painted()).toEqual([...expected].sort()), { timeout: 10_000 });
      expect(onePass().some((finding) => finding.implicit && finding.text.startsWith('Daardoor'))).toBe(true);
      expect(stats()?.blocksScanned).toBe(extractBlocks(document.body).length);
    },
  );

  it("reads the rest of the page before it answers the popup's list", { timeout: 20_000 }, async () => {
    longPage();
    await startNuchter(newContext(), { rules });
    await vi.waitFor(() => expect(stats()?.scans).toBe(1), { timeout: 10_000 });
    expect(painted()).not.toContain('Magnesium is goed voor je botten.');

    const sendResponse = vi.fn();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'nuchter:list' }, {}, sendResponse);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    const { claims } = sendResponse.mock.calls[0]![0] as { claims: ClaimSummary[] };
    expect(claims.map((claim) => claim.excerpt)).toContain('Magnesium is goed voor je botten.');
    expect(painted()).toEqual(
      onePass()
        .map((finding) => finding.text)
        .sort(),
    );
  });

  it('reads a post added far below the horizon at once', { timeout: 20_000 }, async () => {
    longPage();
    await startNuchter(newContext(), { rules });
    await vi.waitFor(() => expect(stats()?.scans).toBe(1), { timeout: 10_000 });
    const post = document.createElement('div');
    post.setAttribute('data-top', String(screens(50)));
    post.innerHTML = '<p>Magnesium helpt je binnen een paar dagen beter slapen.</p>';
    document.body.append(post);
    await vi.waitFor(
      () => expect(painted()).toContain('Magnesium helpt je binnen een paar dagen beter slapen.'),
      {
        timeout: 10_000,
      },
    );
    // The page scan still waits where it stopped.
    expect(painted()).not.toContain('Magnesium is goed voor je botten.');
  });
});

const stats = () => (globalThis as { __nuchterStats?: ScanStats }).__nuchterStats;
