/**
 * The one place that knows every layer of the content script: it scans the page, paints the claims, opens the card
 * on a click or a shortcut, follows live changes, and answers the popup. Everything it starts stops with `ctx`.
 */
import type { ContentScriptContext } from '#imports';
import { browser } from 'wxt/browser';
import type { KnowledgeFile } from '../knowledge/schema';
import type { Lang } from '../knowledge/vocabulary';
import { isActiveOn, readSettings, watchSettings, type Settings } from '../settings/settings';
import { isCompiledRules } from '../match/compiled';
import { ClaimEngine } from '../match/engine';
import { claimsAtPoint } from '../highlight/hit-test';
import { HighlightPainter, supportsHighlights } from '../highlight/painter';
import type { ClaimSummary, ClaimCountMessage, ContentRequest } from '../messages';
import { isContentRequest } from '../messages';
import { langFromTag } from '../text/language';
import type { CardClaim, CardProps } from '../ui/Card';
import { CardHost } from '../ui/card-host';
import { MutationBatcher, type MutationBatch } from './mutation-batcher';
import { findPageClaims, type PageClaim } from './page-claims';

/** Elements whose clicks belong to the page, even inside a claim. */
const INTERACTIVE =
  'a[href], button, input, select, textarea, label, summary, [role="button"], [role="link"], [contenteditable]';
/** How often (ms) we check that the page has not removed our highlights. */
const RESTORE_INTERVAL_MS = 1000;
/** The number of characters of a claim the popup lists. */
const EXCERPT_LENGTH = 80;

export interface NuchterData {
  /** The compiled rules, as bundled; checked before use. */
  rules: unknown;
  knowledge: KnowledgeFile;
}

/** Counters that tests and the benchmark read from the content script's own world (never exposed to the page). */
export interface ScanStats {
  scans: number;
  blocksScanned: number;
  claims: number;
  scanMs: number;
}

export async function startNuchter(ctx: ContentScriptContext, data: NuchterData): Promise<void> {
  if (!isCompiledRules(data.rules)) {
    console.warn(
      'Nuchter: the bundled rules are missing or malformed, so Nuchter does nothing on this page.',
    );
    return;
  }
  if (!supportsHighlights()) {
    console.info('Nuchter: this browser has no CSS Custom Highlight API; highlighting is off.');
    return;
  }
  const engine = new ClaimEngine(data.rules);
  const card = new CardHost(ctx);
  const pageLang = langFromTag(document.documentElement.getAttribute('lang'));
  const stats: ScanStats = { scans: 0, blocksScanned: 0, claims: 0, scanMs: 0 };
  (globalThis as { __nuchterStats?: ScanStats }).__nuchterStats = stats;
  let settings: Settings = await readSettings();
  if (!ctx.isValid) return;

  /** Present while Nuchter is on for this page: what it paints and watches. Off means none of it exists. */
  let painter: HighlightPainter | undefined;
  let batcher: MutationBatcher | undefined;
  const claims = new Map<number, PageClaim>();
  /** Claims per block, keyed by the block's first text node; also what was last read there. */
  const byBlock = new Map<Text, { text: string; claims: PageClaim[] }>();
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

  function scan(root: Node): void {
    const started = performance.now();
    const { claims: found, blocks } = findPageClaims(engine, root, {
      ...(pageLang ? { lang: pageLang } : {}),
      // Content already read is never read again; a block whose text changed is read afresh.
      skipBlock: (block) => byBlock.get(block.nodes[0]!.node)?.text === block.text,
    });
    for (const block of blocks) {
      const key = block.nodes[0]!.node;
      forget(byBlock.get(key)?.claims ?? []);
      byBlock.set(key, { text: block.text, claims: [] });
    }
    for (const claim of found) {
      claims.set(claim.id, claim);
      byBlock.get(blocks[claim.finding.block]!.nodes[0]!.node)!.claims.push(claim);
    }
    painter?.add(found.filter(shown));
    if (found.length > 0) ordered = undefined;
    stats.scans++;
    stats.blocksScanned += blocks.length;
    stats.claims = claims.size;
    stats.scanMs += performance.now() - started;
    reportCount();
  }

  /** Drops the claims whose text left the page. */
  function purgeDetached(): void {
    for (const [node, entry] of byBlock) {
      if (node.isConnected) continue;
      forget(entry.claims);
      byBlock.delete(node);
    }
    stats.claims = claims.size;
    if (openPlace && !openPlace[0]!.range.startContainer.isConnected) closeCard();
    reportCount();
  }

  function onBatch(batch: MutationBatch): void {
    if (batch.removed) purgeDetached();
    if (batch.full) scan(document.body);
    else for (const root of batch.roots) scan(root);
    painter?.restore();
  }

  /** The page's claims grouped by sentence, in reading order. */
  function places(): PageClaim[][] {
    if (ordered) return ordered;
    // Claims of one sentence share their span: group by start node, then by offsets.
    const groups = new Map<Node, Map<string, PageClaim[]>>();
    for (const claim of claims.values()) {
      if (!shown(claim)) continue;
      const { startContainer, startOffset, endContainer, endOffset } = claim.range;
      let inNode = groups.get(startContainer);
      if (!inNode) groups.set(startContainer, (inNode = new Map()));
      const key = `${startOffset}:${endOffset}:${endContainer === startContainer ? '' : claim.element.tagName}`;
      const group = inNode.get(key);
      if (group) group.push(claim);
      else inNode.set(key, [claim]);
    }
    ordered = [...groups.values()]
      .flatMap((inNode) => [...inNode.values()])
      .sort((a, b) => a[0]!.range.compareBoundaryPoints(Range.START_TO_START, b[0]!.range));
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

  function renderCard(): void {
    if (!openPlace) return;
    const all = places();
    const index = all.findIndex((place) => place.some((claim) => claim.id === openPlace![0]!.id));
    const props: CardProps = {
      claims: openPlace.map(toCardClaim),
      selected,
      knowledge: data.knowledge,
      lang: cardLang(openPlace[0]!),
      index: index + 1,
      total: all.length,
      onSelect: (position) => {
        selected = position;
        renderCard();
      },
      onClose: closeCard,
      onPrevious: () => navigate(-1),
      onNext: () => navigate(1),
    };
    painter?.setActive(openPlace[selected]);
    void card.show(props, openPlace[0]!.range);
  }

  function openCard(place: PageClaim[]): void {
    openPlace = place;
    selected = 0;
    renderCard();
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
    countTimer = ctx.setTimeout(() => {
      countTimer = undefined;
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
  ctx.addEventListener(document, 'click', (event: MouseEvent) => {
    if (card.containsEvent(event) || event.button !== 0) return;
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
  ctx.addEventListener(document, 'keydown', (event: KeyboardEvent) => {
    if (event.key === 'Escape' && card.isOpen) closeCard();
  });
  ctx.addEventListener(
    document,
    'scroll',
    () => {
      if (!card.isOpen) return;
      if (card.anchorVisible()) card.place();
      else closeCard();
    },
    { capture: true, passive: true },
  );
  ctx.addEventListener(window, 'resize', () => card.place(), { passive: true });
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    if (!isActiveOn(settings, location.href)) return switchOff();
    if (!painter) return switchOn();
    closeCard();
    purgeDetached();
    scan(document.body);
  });

  const onMessage = (message: unknown, _sender: unknown, sendResponse: (response: unknown) => void) => {
    if (!isContentRequest(message)) return undefined;
    sendResponse(answer(message));
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);

  /** Switches Nuchter on for this page: paint, watch for changes, keep our highlights registered. */
  function switchOn(): void {
    if (painter) return;
    painter = new HighlightPainter();
    batcher = new MutationBatcher(onBatch);
    batcher.observe(document.documentElement);
    scan(document.body);
  }

  /** Switches Nuchter off for this page: no highlight, card, observer or claim remains. */
  function switchOff(): void {
    if (!painter) return;
    closeCard();
    batcher?.disconnect();
    batcher = undefined;
    painter.destroy();
    painter = undefined;
    claims.clear();
    byBlock.clear();
    ordered = undefined;
    stats.claims = 0;
    reportCount();
  }

  /** Applies changed settings live: on/off, which verdicts are shown, the card's language. */
  function applySettings(next: Settings): void {
    const verdictsChanged = next.hiddenVerdicts.join() !== settings.hiddenVerdicts.join();
    settings = next;
    if (!isActiveOn(settings, location.href)) {
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

  ctx.setInterval(() => painter?.restore(), RESTORE_INTERVAL_MS);
  const stopWatching = watchSettings(applySettings);

  ctx.onInvalidated(() => {
    stopWatching();
    browser.runtime.onMessage.removeListener(onMessage);
    switchOff();
    card.destroy();
  });

  if (isActiveOn(settings, location.href)) switchOn();
}
