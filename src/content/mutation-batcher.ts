/**
 * One batched MutationObserver for live pages (feeds, SPAs). Mutations are collected and handed over when the
 * browser is idle; past {@link HUGE_MUTATION_COUNT} changed nodes in a batch, one full pass replaces per-node work
 * (the approach of Dark Reader's `HUGE_MUTATIONS_COUNT`).
 */
import { isInUnreadContent, OWN_UI_ATTRIBUTE } from '../text/dom-blocks';

/** More changed nodes than this in one batch: rescan the whole page instead of each subtree. */
export const HUGE_MUTATION_COUNT = 1000;
/** At most this long (ms) between a mutation and its scan, even on a busy page. */
export const IDLE_TIMEOUT_MS = 300;
/** At least this long (ms) between two scans, so a page that changes constantly cannot keep us busy. */
export const MIN_BATCH_INTERVAL_MS = 100;

export interface MutationBatch {
  /** Connected elements whose subtree was added or whose text changed (none contains another). */
  roots: Element[];
  /** Some nodes were removed: claims in detached nodes must go. */
  removed: boolean;
  /** Too much changed: rescan everything. */
  full: boolean;
  /**
   * Something changed inside content extraction never reads (typing in an editable region): a region that became
   * editable after it was painted must lose its claims.
   */
  unread: boolean;
}

type IdleHandle = { cancel(): void };

function whenIdle(callback: () => void, timeout: number): IdleHandle {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(callback, { timeout });
    return { cancel: () => cancelIdleCallback(handle) };
  }
  const handle = setTimeout(callback, 16);
  return { cancel: () => clearTimeout(handle) };
}

function isOwnUi(node: Node): boolean {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(`[${OWN_UI_ATTRIBUTE}]`) != null;
}

export class MutationBatcher {
  private readonly observer: MutationObserver;
  private readonly pending = new Set<Element>();
  private removed = false;
  private changedNodes = 0;
  private scheduled: IdleHandle | undefined;
  private delay: ReturnType<typeof setTimeout> | undefined;
  private lastRun = 0;

  constructor(private readonly onBatch: (batch: MutationBatch) => void) {
    this.observer = new MutationObserver((records) => this.collect(records));
  }

  observe(target: Node): void {
    this.observer.observe(target, { childList: true, subtree: true, characterData: true });
  }

  private collect(records: MutationRecord[]): void {
    for (const record of records) {
      if (isOwnUi(record.target)) continue;
      if (record.type === 'characterData') {
        const parent = record.target.parentElement;
        if (parent) this.pending.add(parent);
        this.changedNodes++;
        continue;
      }
      if (record.removedNodes.length > 0) this.removed = true;
      for (const node of record.addedNodes) {
        if (isOwnUi(node)) continue;
        this.changedNodes++;
        const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
        if (element) this.pending.add(element);
      }
    }
    if (this.pending.size > 0 || this.removed) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.delay) return;
    const wait = this.lastRun + MIN_BATCH_INTERVAL_MS - performance.now();
    if (wait > 0) {
      this.delay = setTimeout(() => {
        this.delay = undefined;
        this.schedule();
      }, wait);
      return;
    }
    this.scheduled = whenIdle(() => this.flush(), IDLE_TIMEOUT_MS);
  }

  /** Hands the collected mutations over now. */
  flush(): void {
    this.scheduled?.cancel();
    this.scheduled = undefined;
    this.lastRun = performance.now();
    const full = this.changedNodes > HUGE_MUTATION_COUNT;
    const unread = { found: false };
    const roots = full ? [] : this.outermostRoots(unread);
    const batch: MutationBatch = { roots, removed: this.removed, full, unread: unread.found };
    this.pending.clear();
    this.removed = false;
    this.changedNodes = 0;
    if (batch.roots.length > 0 || batch.removed || batch.unread || batch.full) this.onBatch(batch);
  }

  /**
   * Pending elements that are still in the page, in text that extraction reads, and not inside another pending
   * element (one walk up each).
   */
  private outermostRoots(unread: { found: boolean }): Element[] {
    const roots: Element[] = [];
    for (const element of this.pending) {
      if (!element.isConnected) continue;
      if (isInUnreadContent(element)) {
        unread.found = true;
        continue;
      }
      let inside = false;
      for (let parent = element.parentElement; parent && !inside; parent = parent.parentElement) {
        inside = this.pending.has(parent);
      }
      if (!inside) roots.push(element);
    }
    return roots;
  }

  disconnect(): void {
    this.observer.disconnect();
    this.scheduled?.cancel();
    if (this.delay) clearTimeout(this.delay);
    this.pending.clear();
  }
}
