/**
 * The one place that knows every layer of the content script: it scans the page, paints the claims, opens the card
 * on a click or a shortcut, follows live changes, and answers the popup. Everything it starts stops when the extension
 * is reloaded, updated or removed.
 */
import type { ContentScriptContext } from '#imports';
import { browser } from 'wxt/browser';
import type { CardKnowledge } from '../knowledge/card-knowledge';
import type { Lang } from '../knowledge/vocabulary';
import { isActiveOn, readSettings, watchSettings, type Settings } from '../settings/settings';
import { isCompiledRules } from '../match/compiled';
import { CONTEXT_REACH_BLOCKS, ClaimEngine, type ClaimReader } from '../match/engine';
import { claimsAtPoint } from '../highlight/hit-test';
import { OverlayPainter } from '../highlight/overlay-painter';
import { HighlightPainter, supportsHighlights, type Painter } from '../highlight/painter';
import type { ClaimSummary, ClaimCountMessage, ContentRequest, KnowledgeRequest } from '../messages';
import { isContentRequest } from '../messages';
import { langFromTag } from '../text/language';
import type { CardClaim, CardProps } from '../ui/Card';
import { CardHost } from '../ui/card-host';
import { extractBlocks, isInUnreadContent } from '../text/dom-blocks';
import { MutationBatcher, type MutationBatch } from './mutation-batcher';
import { claimsInBlock, compareRanges, sameRange, type PageClaim } from './page-claims';
import { scanUnits } from './scan-units';

/**
 * The address whose site the settings apply to. A frame without an address of its own (srcdoc, about:blank) belongs
 * to the page that made it, whose origin it inherits.
 */
function siteUrl(): string {
  return location.protocol === 'about:' && self.origin !== 'null' ? `${self.origin}/` : location.href;
}

/** Elements whose clicks belong to the page, even inside a claim. */
const INTERACTIVE =
  'a[href], button, input, select, textarea, label, summary, [role="button"], [role="link"], [contenteditable]';
/** How often (ms) we check that the page has not removed our highlights. */
const RESTORE_INTERVAL_MS = 1000;
/** The number of characters of a claim the popup lists. */
const EXCERPT_LENGTH = 80;
/** How many text nodes above a changed part of the page are looked at for the blocks before it. */
const SUBJECT_ABOVE_NODES = 400;
/** A scan reads at most this long (ms) before it lets the page run again: a huge page is read in slices. */
export const SCAN_SLICE_MS = 25;
/**
 * How many screens below the one the reader sees a page is read ahead, so highlights are there before they scroll to
 * them. The rest of a long page is read as they come closer: a 2 MB thread costs what its first screens cost.
 */
export const READ_AHEAD_SCREENS = 3;

export interface NuchterData {
  /** The compiled rules, as bundled; checked before use. */
  rules: unknown;
}

/** Counters that tests and the benchmark read from the content script's own world (never exposed to the page). */
export interface ScanStats {
  scans: number;
  blocksScanned: number;
  claims: number;
  scanMs: number;
  /** The page scan stopped at the read-ahead horizon: the rest of the page is not read yet. */
  unread: boolean;
}

export async function startNuchter(ctx: ContentScriptContext, data: NuchterData): Promise<void> {
  if (!isCompiledRules(data.rules)) {
    console.warn(
      'Nuchter: the bundled rules are missing or malformed, so Nuchter does nothing on this page.',
    );
    return;
  }
  const engine = new ClaimEngine(data.rules);
  const card = new CardHost(ctx);
  const pageLang = langFromTag(document.documentElement.getAttribute('lang'));
  const stats: ScanStats = { scans: 0, blocksScanned: 0, claims: 0, scanMs: 0, unread: false };
  (globalThis as { __nuchterStats?: ScanStats }).__nuchterStats = stats;
  let settings: Settings = await readSettings();

  // Nuchter's own lifetime, rather than WXT's `ctx`: that one also ends when any script dispatches WXT's "content
  // script started" event on the document, which a page that knows Nuchter's extension id can do, so it could switch
  // Nuchter off. Nuchter stops only when the extension is really gone: then `browser.runtime` has no id any more.
  const life = new AbortController();
  function isAlive(): boolean {
    if (life.signal.aborted) return false;
    if (browser.runtime?.id != null) return true;
    life.abort();
    return false;
  }
  /** Adds a listener that lives as long as Nuchter does. */
  function listen<E extends Event>(
    target: EventTarget,
    type: string,
    handler: (event: E) => void,
    options: AddEventListenerOptions = {},
  ): void {
    target.addEventListener(type, handler as EventListener, { ...options, signal: life.signal });
  }
  if (!isAlive()) return;

  /** Present while Nuchter is on for this page: what it paints and watches. Off means none of it exists. */
  let painter: Painter | undefined;
  let batcher: MutationBatcher | undefined;
  const claims = new Map<number, PageClaim>();
  /** Claims per block, keyed by the block's first text node; also what was last read there. */
  const byBlock = new Map<Text, { text: string; claims: PageClaim[]; nodes: Text[] }>();
  /** For each text node read, the key of the block it was read in. */
  let blockOfNode = new WeakMap<Text, Text>();
  let ordered: PageClaim[][] | undefined; // places in document order, each the claims of one sentence
  let openPlace: PageClaim[] | undefined;
  let selected = 0;

  const shown = (claim: PageClaim) => !settings.hiddenVerdicts.includes(claim.finding.verdict as never);

  const forget = (gone: PageClaim[]) => {
    if (gone.length === 0) return;
    painter?.remove(gone);
    for (const claim of gone) claims.delete(claim.id);
    ordered = undefined;
  };

  /** A scan of the part of a page under a root: its units still to read, and the reader that carries the context. */
  interface Scan {
    units: Generator<Element, void, undefined>;
    reader: ClaimReader;
    /** Reading stops at the first unit below the read-ahead horizon, until the reader scrolls closer. */
    readAhead: boolean;
    /** The unit the scan stopped at, waiting for the reader to come close. */
    next: Element | undefined;
    cancelled: boolean;
  }
  /** The scan that is reading in slices, if any; scans asked for meanwhile wait for it, in order. */
  let slicing: Scan | undefined;
  let waiting: Element[] = [];
  /** The page scan that stopped below the screen, resumed when the reader scrolls close to where it stopped. */
  let parked: Scan | undefined;
  /** Callers waiting until the whole page is read (the popup's list). */
  const whenRead: (() => void)[] = [];

  /** The element a full scan starts at (an XML document, such as an SVG file, has no body). */
  const pageRoot = (): Element => document.body ?? document.documentElement;

  /**
   * Whether `unit` lies further below the screen than Nuchter reads ahead. A page is read from its top to a few
   * screens below what the reader sees; the rest waits until they scroll there (or the popup asks for the whole page).
   * An element without a box (display: none) has a top of 0, and is read.
   */
  const belowHorizon = (unit: Element): boolean =>
    unit.getBoundingClientRect().top > innerHeight * (1 + READ_AHEAD_SCREENS);

  /**
   * Reads the blocks under `root`, finds their claims and paints them, in slices: after {@link SCAN_SLICE_MS} ms it
   * lets the page run (its timers, input and rendering) and goes on afterwards. One reader carries the context (the
   * heading above, the sentence before) from slice to slice, so a claim reads the same as in one pass. Each slice
   * reads the page as it is then; whatever changes behind it, the mutation batcher reports for a later scan.
   * A scan of the whole page stops at the read-ahead horizon (see {@link belowHorizon}); a part of the page that
   * changed (a new post) is read at once, wherever it is.
   */
  function scan(root: Element): void {
    if (slicing) {
      if (!waiting.includes(root)) waiting.push(root);
      return;
    }
    // A document in design mode is an editor as a whole, like an editable region.
    if (document.designMode === 'on') return;
    const whole = root === pageRoot();
    // A new scan of the whole page starts from its top: the stopped one is not needed any more.
    if (whole && parked) {
      parked.cancelled = true;
      parked = undefined;
    }
    run({
      units: scanUnits(root),
      reader: engine.reader({
        ...(pageLang ? { lang: pageLang } : {}),
        subjectAbove: !whole && subjectAbove(root),
      }),
      // While the popup waits for the whole page, a new page scan does not stop either.
      readAhead: whole && whenRead.length === 0,
      next: undefined,
      cancelled: false,
    });
  }

  /** Runs `task` slice by slice until it is done or stops at the horizon; then runs the scans that waited. */
  function run(task: Scan): void {
    if (task.cancelled || !isAlive()) return;
    const started = performance.now();
    let outcome: 'done' | 'paused' | 'stopped' = 'done';
    for (;;) {
      const unit = task.next ?? task.units.next().value;
      task.next = undefined;
      if (!unit) break;
      // A unit the scan stopped at may have left the page since.
      if (!unit.isConnected) continue;
      if (task.readAhead && belowHorizon(unit)) {
        task.next = unit;
        outcome = 'stopped';
        break;
      }
      readUnit(unit, task.reader);
      if (performance.now() - started >= SCAN_SLICE_MS) {
        outcome = 'paused';
        break;
      }
    }
    stats.scanMs += performance.now() - started;
    reportCount();
    if (outcome === 'paused') {
      slicing = task;
      setTimeout(() => run(task), 0);
      return;
    }
    slicing = undefined;
    stats.scans++;
    if (outcome === 'stopped') parked = task;
    stats.unread = parked !== undefined;
    const next = waiting;
    waiting = [];
    for (const root of next) scan(root);
    if (!slicing && !parked) for (const done of whenRead.splice(0)) done();
    // The reader may have scrolled on (or the popup asked for the whole page) while this scan ran.
    else if (parked !== task) resumeIfNear();
  }

  /** Goes on reading the page when the reader came close to where its scan stopped. */
  function resumeIfNear(): void {
    if (!parked || slicing || !isAlive()) return;
    const next = parked.next;
    if (parked.readAhead && next?.isConnected && belowHorizon(next)) return;
    const task = parked;
    parked = undefined;
    run(task);
  }

  /** Reads the rest of the page, wherever the reader is: the popup lists, and the shortcut visits, every claim. */
  function readWholePage(): Promise<void> {
    return new Promise((done) => {
      if (parked) parked.readAhead = false;
      if (!slicing && !parked) return done();
      whenRead.push(done);
      resumeIfNear();
    });
  }

  let resumeFrame: number | undefined;
  /** Checks once per frame, while the reader scrolls or the window resizes, whether the page should be read on. */
  function onScrollOrResize(): void {
    if (!parked || resumeFrame !== undefined) return;
    resumeFrame = requestAnimationFrame(() => {
      resumeFrame = undefined;
      resumeIfNear();
    });
  }

  /**
   * Whether a block read just above `root` names the subject: a comment added under a post about magnesium is read
   * in that light. Walks back over a bounded number of text nodes to the blocks already read there.
   */
  function subjectAbove(root: Element): boolean {
    const walker = document.createTreeWalker(pageRoot(), NodeFilter.SHOW_TEXT);
    walker.currentNode = root;
    const blocks = new Set<Text>();
    for (let steps = 0; steps < SUBJECT_ABOVE_NODES && blocks.size < CONTEXT_REACH_BLOCKS; steps++) {
      const node = walker.previousNode() as Text | null;
      if (!node) return false;
      const key = blockOfNode.get(node);
      if (!key || blocks.has(key)) continue;
      blocks.add(key);
      const entry = byBlock.get(key);
      if (entry && engine.mayMentionSubject(entry.text)) return true;
    }
    return false;
  }

  /** Finds the claims in the blocks of one unit and paints them. Content already read is never read again. */
  function readUnit(unit: Element, reader: ClaimReader): void {
    const found: PageClaim[] = [];
    for (const block of extractBlocks(unit)) {
      const key = block.nodes[0]!.node;
      if (byBlock.get(key)?.text === block.text) continue;
      // A block whose text changed is read afresh.
      dropBlock(key);
      // Text put before a block's first words gives it another first node: its earlier reading, kept under the
      // old one, goes too.
      const nodes = block.nodes.map(({ node }) => node);
      for (const node of nodes) {
        const earlier = blockOfNode.get(node);
        if (earlier) dropBlock(earlier);
        blockOfNode.set(node, key);
      }
      const inBlock = claimsInBlock(reader, block);
      byBlock.set(key, { text: block.text, claims: inBlock, nodes });
      for (const claim of inBlock) claims.set(claim.id, claim);
      found.push(...inBlock);
      stats.blocksScanned++;
    }
    if (found.length === 0) return;
    painter?.add(found.filter(shown));
    ordered = undefined;
    stats.claims = claims.size;
  }

  /**
   * Forgets what was read in the block keyed by `key`: its claims, and its nodes' entries. Deleting them one by one
   * lets the WeakMap shrink again after a feed's posts are removed (entries that die with their nodes do not).
   */
  function dropBlock(key: Text): void {
    const entry = byBlock.get(key);
    if (!entry) return;
    forget(entry.claims);
    for (const node of entry.nodes) {
      if (blockOfNode.get(node) === key) blockOfNode.delete(node);
    }
    byBlock.delete(key);
  }

  /** Drops the claims whose text left the page. */
  function purgeDetached(): void {
    for (const key of byBlock.keys()) {
      if (!key.isConnected) dropBlock(key);
    }
    stats.claims = claims.size;
    if (openPlace && !openPlace[0]!.range.startContainer.isConnected) closeCard();
    reportCount();
  }

  /** Drops the claims in regions that became editable (or otherwise unread) after they were painted. */
  function purgeUnread(): void {
    const gone = [...claims.values()].filter((claim) => isInUnreadContent(claim.element));
    if (gone.length === 0) return;
    if (openPlace?.some((claim) => gone.includes(claim))) closeCard();
    forget(gone);
    stats.claims = claims.size;
    reportCount();
  }

  function onBatch(batch: MutationBatch): void {
    // After an extension reload this script is orphaned: checking makes it stop (see `life` below).
    if (!isAlive()) return;
    if (batch.removed) purgeDetached();
    if (batch.unread) purgeUnread();
    if (batch.full) scan(pageRoot());
    else for (const root of batch.roots) scan(root);
    painter?.restore();
    // The page's layout changed: where the page scan stopped may have come into reach.
    resumeIfNear();
  }

  /** The page's claims grouped by sentence, in reading order. */
  function places(): PageClaim[][] {
    if (ordered) return ordered;
    // Claims of one sentence share their range: sorted by range (stably, so a sentence keeps its topics' order),
    // they stand side by side. (No string keys: each number turned into a string grows V8's number-string cache.)
    const sorted = [...claims.values()].filter(shown).sort((a, b) => compareRanges(a.range, b.range));
    const groups: PageClaim[][] = [];
    for (const claim of sorted) {
      const group = groups.at(-1);
      if (group && sameRange(group[0]!.range, claim.range)) group.push(claim);
      else groups.push([claim]);
    }
    ordered = groups;
    return ordered;
  }

  function cardLang(claim: PageClaim): Lang {
    return settings.cardLanguage === 'page' ? claim.finding.lang : settings.cardLanguage;
  }

  const toCardClaim = ({ finding }: PageClaim): CardClaim => ({
    text: finding.text,
    topic: finding.topic,
    verdict: finding.verdict,
    hype: finding.hype,
    stance: finding.stance,
    implicit: finding.implicit,
    ...(finding.subclaim ? { subclaim: finding.subclaim } : {}),
    ...(finding.euClaim ? { euClaim: finding.euClaim } : {}),
  });

  /** What the card knows so far: topics are asked of the background as cards open (it holds the knowledge file). */
  const known: CardKnowledge = { topics: {}, euClaims: {} };
  async function learn(topics: string[]): Promise<boolean> {
    const request: KnowledgeRequest = { type: 'nuchter:knowledge', topics };
    try {
      const answer = (await browser.runtime.sendMessage(request)) as CardKnowledge | undefined;
      if (typeof answer?.topics !== 'object' || typeof answer.euClaims !== 'object') return false;
      Object.assign(known.topics, answer.topics);
      known.euClaims = answer.euClaims;
      return topics.every((topic) => Object.hasOwn(known.topics, topic));
    } catch {
      return false; // the extension is being reloaded: no card now
    }
  }

  function renderCard(): void {
    if (!openPlace) return;
    const missing = [...new Set(openPlace.map((claim) => claim.finding.topic))].filter(
      (topic) => !Object.hasOwn(known.topics, topic),
    );
    if (missing.length > 0) {
      const place = openPlace;
      void learn(missing).then((learned) => {
        if (!learned) console.warn('Nuchter: the evidence for this claim could not be loaded.');
        else if (openPlace === place && isAlive()) renderCard();
      });
      return;
    }
    const all = places();
    const index = all.findIndex((place) => place.some((claim) => claim.id === openPlace![0]!.id));
    const props: CardProps = {
      claims: openPlace.map(toCardClaim),
      selected,
      knowledge: known,
      lang: cardLang(openPlace[0]!),
      index: index + 1,
      total: all.length,
      onSelect: (position) => {
        selected = position;
        renderCard();
      },
      onClose: closeCard,
      // The card moves through the whole page's claims: the rest of a long page is read first.
      onPrevious: () => void readWholePage().then(() => navigate(-1)),
      onNext: () => void readWholePage().then(() => navigate(1)),
    };
    painter?.setActive(openPlace[selected]);
    void card.show(props, openPlace[0]!.range);
  }

  function openCard(place: PageClaim[]): void {
    openPlace = place;
    selected = 0;
    renderCard();
    // The card counts the page's claims ("3 of 40"): on a long page not read to its end, it counts again once it is.
    if (parked) {
      void readWholePage().then(() => {
        if (openPlace === place && isAlive()) renderCard();
      });
    }
  }

  function closeCard(): void {
    openPlace = undefined;
    painter?.setActive(undefined);
    card.close();
  }

  /** Moves to the next or previous claim in reading order, scrolls it into view and opens its card. */
  function navigate(direction: 1 | -1): boolean {
    const all = places();
    if (all.length === 0) return false;
    const current = openPlace ? all.findIndex((place) => place.includes(openPlace![0]!)) : -1;
    const next =
      current < 0 ? (direction === 1 ? 0 : all.length - 1) : (current + direction + all.length) % all.length;
    const place = all[next]!;
    place[0]!.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    openCard(place);
    return true;
  }

  let countTimer: number | undefined;
  function reportCount(): void {
    if (countTimer !== undefined) return;
    countTimer = window.setTimeout(() => {
      countTimer = undefined;
      if (!isAlive()) return;
      const message: ClaimCountMessage = { type: 'nuchter:count', count: places().length };
      browser.runtime.sendMessage(message).catch(() => {
        // No background listening (e.g. during an extension reload): the badge can wait for the next change.
      });
    }, 200);
  }

  function answer(request: ContentRequest): { claims: ClaimSummary[] } | { ok: boolean } {
    switch (request.type) {
      case 'nuchter:list':
        return {
          claims: places().map((place) => ({
            id: place[0]!.id,
            topic: place[0]!.finding.topic,
            verdict: place[0]!.finding.verdict,
            excerpt: place[0]!.finding.text.slice(0, EXCERPT_LENGTH),
            lang: place[0]!.finding.lang,
          })),
        };
      case 'nuchter:navigate':
        return { ok: navigate(request.direction) };
      case 'nuchter:open': {
        const place = places().find((candidate) => candidate.some((claim) => claim.id === request.id));
        if (!place) return { ok: false };
        place[0]!.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        openCard(place);
        return { ok: true };
      }
    }
  }

  // Clicks: one listener for the whole document. Links and controls inside a claim keep their own behaviour.
  listen(document, 'click', (event: MouseEvent) => {
    if (!isAlive() || card.containsEvent(event) || event.button !== 0) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest(INTERACTIVE) || String(window.getSelection() ?? '') !== '') {
      if (card.isOpen) closeCard();
      return;
    }
    const hits = claimsAtPoint(claims.values(), event.clientX, event.clientY);
    if (hits.length === 0) {
      if (card.isOpen) closeCard();
      return;
    }
    const place = places().find((candidate) => candidate.includes(hits[0]!));
    if (place) openCard(place);
  });
  listen(document, 'keydown', (event: KeyboardEvent) => {
    if (event.key === 'Escape' && card.isOpen) closeCard();
  });
  listen(
    document,
    'scroll',
    () => {
      if (!card.isOpen) return;
      if (card.anchorVisible()) card.place();
      else closeCard();
    },
    { capture: true, passive: true },
  );
  listen(window, 'resize', () => card.place(), { passive: true });
  // Scrolling (the page or any scroller in it) and resizing bring the rest of a long page into reach.
  listen(document, 'scroll', onScrollOrResize, { capture: true, passive: true });
  listen(window, 'resize', onScrollOrResize, { passive: true });

  // A single-page app changed its URL (history.pushState, back, forward): checked on navigation events where the
  // browser has the Navigation API, and on every restore tick anyway.
  let lastHref = location.href;
  function onLocationChange(): void {
    if (location.href === lastHref || !isAlive()) return;
    lastHref = location.href;
    if (!isActiveOn(settings, siteUrl())) return switchOff();
    if (!painter) return switchOn();
    closeCard();
    purgeDetached();
    scan(pageRoot());
  }
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  // The URL changes right after the event: look once the navigating script is done.
  if (navigation) listen(navigation, 'navigate', () => setTimeout(onLocationChange, 0));
  listen(window, 'popstate', onLocationChange);

  // The popup lists, and the shortcut visits, the claims of the whole page: the rest of a long page is read first
  // (in slices), then answered. `true` keeps the message channel open for the answer.
  const onMessage = (message: unknown, _sender: unknown, sendResponse: (response: unknown) => void) => {
    if (!isContentRequest(message)) return undefined;
    void readWholePage().then(() => sendResponse(answer(message)));
    return true;
  };
  browser.runtime.onMessage.addListener(onMessage);

  /** Switches Nuchter on for this page: paint, watch for changes, keep our highlights registered. */
  function switchOn(): void {
    if (painter) return;
    // Without the CSS Custom Highlight API, a positioned overlay paints instead (never wrapping the page's text).
    painter = supportsHighlights() ? new HighlightPainter() : new OverlayPainter();
    batcher = new MutationBatcher(onBatch);
    batcher.observe(document.documentElement);
    scan(pageRoot());
  }

  /** Switches Nuchter off for this page: no highlight, card, observer or claim remains. */
  function switchOff(): void {
    if (!painter) return;
    closeCard();
    batcher?.disconnect();
    batcher = undefined;
    for (const task of [slicing, parked]) if (task) task.cancelled = true;
    slicing = undefined;
    parked = undefined;
    stats.unread = false;
    waiting = [];
    for (const done of whenRead.splice(0)) done();
    painter.destroy();
    painter = undefined;
    claims.clear();
    byBlock.clear();
    blockOfNode = new WeakMap();
    ordered = undefined;
    stats.claims = 0;
    reportCount();
  }

  /** Applies changed settings live: on/off, which verdicts are shown, the card's language. */
  function applySettings(next: Settings): void {
    const verdictsChanged = next.hiddenVerdicts.join() !== settings.hiddenVerdicts.join();
    settings = next;
    if (!isActiveOn(settings, siteUrl())) {
      switchOff();
      return;
    }
    if (!painter) {
      switchOn();
      return;
    }
    if (verdictsChanged) {
      painter.remove([...claims.values()]);
      painter.add([...claims.values()].filter(shown));
      ordered = undefined;
      if (openPlace && !openPlace.some(shown)) closeCard();
      reportCount();
    }
    renderCard();
  }

  const restoreTimer = setInterval(() => {
    if (!isAlive()) return;
    onLocationChange();
    painter?.restore();
    resumeIfNear();
  }, RESTORE_INTERVAL_MS);
  const stopWatching = watchSettings(applySettings);

  // WXT's context ends: when the extension is gone, so does Nuchter (else it was a page's replayed event).
  ctx.onInvalidated(() => void isAlive());

  // The extension was reloaded or removed: this script is orphaned. Take everything out of the page first; the
  // extension APIs may already be gone, and their listeners with them, so failing to remove ours is harmless.
  life.signal.addEventListener('abort', () => {
    clearInterval(restoreTimer);
    if (countTimer !== undefined) clearTimeout(countTimer);
    switchOff();
    card.destroy();
    for (const stop of [stopWatching, () => browser.runtime.onMessage.removeListener(onMessage)]) {
      try {
        stop();
      } catch {
        // "Extension context invalidated": nothing left to unsubscribe from.
      }
    }
  });

  if (isActiveOn(settings, siteUrl())) switchOn();
}
