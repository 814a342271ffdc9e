/**
 * Paints claims where the browser has no CSS Custom Highlight API: boxes positioned over the claims' text, drawn from
 * `Range.getClientRects()`, in one shadow-root host element of our own. The page's nodes are never touched or
 * wrapped; the host is the only element added, as a child of the document element, marked as Nuchter's UI so
 * extraction and the mutation observer pass it by. Every box ignores the pointer, so clicks reach the page (and
 * hit-testing works from the claims' Ranges).
 *
 * Kept cheap: positions are measured once per animation frame at most, after a scroll (any scroller), a resize or a
 * layout change; only claims near the viewport get boxes; box elements are reused from frame to frame and only
 * written to when they move. The host sits at the document's origin, so on an ordinary page scroll the boxes move
 * with the text even before the next frame measures them.
 */
import type { PageClaim } from '../content/page-claims';
import { OWN_UI_ATTRIBUTE } from '../text/dom-blocks';
import paletteCss from '../ui/palette.css?inline';
import {
  BoxPool,
  clippingAncestors,
  clipRect,
  intersectRect,
  mergeLineRects,
  paddingBox,
  rectsMeet,
  textRects,
  type Rect,
} from './overlay-geometry';
import overlayCss from './overlay.css?inline';
import { VERDICT_NAMES, type Painter } from './painter';

/** The overlay's host element: the one element the overlay adds to a page. */
export const OVERLAY_HOST = 'nuchter-overlay';
/** Boxes are drawn for claims within this many viewport sizes of the viewport, on every side. */
export const NEAR_VIEWPORTS = 1;

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** One thing to draw: a claim's sentence (layer 0), a hype word (layer 1) or the open claim (layer 2). */
interface Mark {
  range: Range;
  /** The claim's block element: where clipping ancestors are looked up. */
  element: Element;
  className: string;
  layer: 0 | 1 | 2;
}

/** The shadow root's stylesheet: a constructed one where the browser can adopt it, else a `<style>` inside. */
function applyStyles(shadow: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
    return;
  } catch {
    // No constructable stylesheets (or not across a content script's wrappers): a <style> element does the same.
  }
  const style = shadow.ownerDocument.createElementNS(HTML_NS, 'style');
  style.textContent = css;
  shadow.append(style);
}

export class OverlayPainter implements Painter {
  private readonly host: HTMLElement;
  private readonly layers: BoxPool[] = [];
  private readonly marks = new Map<number, Mark[]>();
  private active: { id: number; mark: Mark } | undefined;
  private frame = 0;
  private readonly listening = new AbortController();
  private readonly resizeObserver: ResizeObserver | undefined;
  /** Clipping ancestors per block element; forgotten whenever the layout may have changed. */
  private clippers = new WeakMap<Element, ReturnType<typeof clippingAncestors>>();
  private readonly scratch: Range;
  private destroyed = false;

  constructor() {
    // An HTML element even in an XML document (an SVG file), where only HTML elements can have a shadow root.
    this.host = document.createElementNS(HTML_NS, OVERLAY_HOST) as HTMLElement;
    // Marked before it is inserted, so the page sees one element added and nothing else.
    this.host.setAttribute(OWN_UI_ATTRIBUTE, '');
    this.scratch = document.createRange();
    try {
      const shadow = this.host.attachShadow({ mode: 'open' });
      applyStyles(shadow, paletteCss + overlayCss);
      for (let index = 0; index < 3; index++) {
        const layer = document.createElementNS(HTML_NS, 'div') as HTMLElement;
        layer.className = 'layer';
        shadow.append(layer);
        this.layers.push(new BoxPool(layer));
      }
    } catch {
      // No shadow root here: nothing can be drawn, but the painter still keeps its books.
    }

    const { signal } = this.listening;
    const moved = () => this.schedule(false);
    const relaid = () => this.schedule(true);
    document.addEventListener('scroll', moved, { capture: true, passive: true, signal });
    window.addEventListener('resize', relaid, { passive: true, signal });
    window.addEventListener('load', relaid, { passive: true, signal });
    document.fonts?.addEventListener?.('loadingdone', relaid, { signal });
    if (typeof ResizeObserver === 'function') {
      this.resizeObserver = new ResizeObserver(relaid);
      this.resizeObserver.observe(document.documentElement);
      if (document.body) this.resizeObserver.observe(document.body);
    }
    this.restore();
  }

  add(claims: readonly PageClaim[]): void {
    for (const claim of claims) {
      const verdict = (VERDICT_NAMES as readonly string[]).includes(claim.finding.verdict)
        ? claim.finding.verdict
        : 'mixed';
      this.marks.set(claim.id, [
        { range: claim.range, element: claim.element, className: `box ${verdict}`, layer: 0 },
        ...claim.hypeRanges.map((range): Mark => ({
          range,
          element: claim.element,
          className: 'box hype',
          layer: 1,
        })),
      ]);
    }
    if (claims.length > 0) this.schedule(true);
  }

  remove(claims: readonly PageClaim[]): void {
    for (const claim of claims) {
      this.marks.delete(claim.id);
      if (claim.id === this.active?.id) this.active = undefined;
    }
    if (claims.length > 0) this.schedule(true);
  }

  setActive(claim: PageClaim | undefined): void {
    this.active = claim && {
      id: claim.id,
      mark: { range: claim.range, element: claim.element, className: 'box active', layer: 2 },
    };
    this.schedule(false);
  }

  /**
   * Puts the host back where the page removed it, and measures again (the owner calls this after the page changed
   * and once a second, which also catches layout changes nothing else reports).
   */
  restore(): boolean {
    if (this.destroyed) return false;
    const root = document.documentElement;
    let restored = false;
    if (root && this.host.parentNode !== root) {
      root.append(this.host);
      restored = true;
    }
    if (restored || this.marks.size > 0 || this.layers.some((layer) => layer.drawn > 0)) this.schedule(true);
    return restored;
  }

  destroy(): void {
    this.destroyed = true;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.listening.abort();
    this.resizeObserver?.disconnect();
    this.marks.clear();
    this.active = undefined;
    for (const layer of this.layers) layer.clear();
    this.host.remove();
  }

  /** Measures in the next animation frame (once, however often it is asked); `relaid`: the layout may have changed. */
  private schedule(relaid: boolean): void {
    if (this.destroyed) return;
    if (relaid) this.clippers = new WeakMap();
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  /** Measures every claim near the viewport and draws its boxes now. */
  update(): void {
    if (this.destroyed || !this.host.isConnected || this.layers.length === 0) return;
    for (const layer of this.layers) layer.begin();
    // Boxes are placed relative to the host, wherever the page's styles put its containing block.
    const origin = this.host.getBoundingClientRect();
    const width = window.innerWidth;
    const height = window.innerHeight;
    const near: Rect = {
      left: -width * NEAR_VIEWPORTS,
      top: -height * NEAR_VIEWPORTS,
      right: width * (1 + NEAR_VIEWPORTS),
      bottom: height * (1 + NEAR_VIEWPORTS),
    };
    const boxes = new Map<Element, Rect>();
    const boxOf = (element: Element): Rect => {
      let box = boxes.get(element);
      if (!box) boxes.set(element, (box = paddingBox(element)));
      return box;
    };
    // Claims of several topics in one sentence share its span: each box is drawn once per look.
    const drawn = new Set<string>();

    const draw = (mark: Mark): void => {
      const bounds = mark.range.getBoundingClientRect();
      if ((bounds.width === 0 && bounds.height === 0) || !rectsMeet(bounds, near)) return;
      let clippers = this.clippers.get(mark.element);
      if (!clippers) this.clippers.set(mark.element, (clippers = clippingAncestors(mark.element)));
      const clip = clipRect(clippers, boxOf);
      for (const line of mergeLineRects(textRects(mark.range, this.scratch))) {
        const rect = clip ? intersectRect(line, clip) : line;
        if (!rect) continue;
        const left = round(rect.left - origin.left);
        const top = round(rect.top - origin.top);
        const boxWidth = round(rect.right - rect.left);
        const boxHeight = round(rect.bottom - rect.top);
        const key = `${mark.className}|${left}|${top}|${boxWidth}|${boxHeight}`;
        if (drawn.has(key)) continue;
        drawn.add(key);
        this.layers[mark.layer]!.draw(mark.className, left, top, boxWidth, boxHeight);
      }
    };
    for (const marks of this.marks.values()) for (const mark of marks) draw(mark);
    if (this.active) draw(this.active.mark);
    for (const layer of this.layers) layer.end();
  }
}

/** Hundredths of a pixel: enough for sharp edges, and equal values compare equal from frame to frame. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
