/**
 * The geometry and bookkeeping behind the overlay painter: the rectangles a claim's text covers (its text only, never
 * the boxes of the elements it crosses), merged per line, clipped to the scroll containers around it, and a pool of
 * box elements that is reused from frame to frame.
 */

/** A rectangle in viewport (client) coordinates. */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const TEXT_NODE = 3;

/**
 * The client rectangles of the text `range` covers. `Range.getClientRects()` also returns the border boxes of the
 * elements a range fully contains (`<b>`, `<a>` …), which would paint their text twice: this asks each text node's
 * part separately, through `scratch` (a Range reused for every call).
 */
export function textRects(range: Range, scratch: Range): DOMRect[] {
  const { startContainer: start, endContainer: end } = range;
  if (start === end && start.nodeType === TEXT_NODE) return Array.from(range.getClientRects());
  const root = range.commonAncestorContainer;
  const walker = (root.ownerDocument ?? document).createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const rects: DOMRect[] = [];
  let inside = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!range.intersectsNode(node)) {
      if (inside) break; // the text nodes a range touches follow each other in document order
      continue;
    }
    inside = true;
    scratch.selectNodeContents(node);
    if (node === start) scratch.setStart(node, range.startOffset);
    if (node === end) scratch.setEnd(node, range.endOffset);
    if (scratch.collapsed) continue;
    for (const rect of Array.from(scratch.getClientRects())) rects.push(rect);
  }
  return rects;
}

/**
 * Joins the rectangles of one line into one (the pieces of a sentence split by `<b>` or a link), so the tint does not
 * darken where pieces touch and the underline runs on: two rectangles are one line when they overlap vertically by
 * at least half the lower one and touch or overlap horizontally. Empty rectangles are dropped.
 */
export function mergeLineRects(rects: Iterable<Rect>, gap = 1): Rect[] {
  const merged: Rect[] = [];
  for (const rect of rects) {
    if (rect.right - rect.left <= 0 || rect.bottom - rect.top <= 0) continue;
    const last = merged[merged.length - 1];
    if (last) {
      const overlap = Math.min(last.bottom, rect.bottom) - Math.max(last.top, rect.top);
      const lower = Math.min(last.bottom - last.top, rect.bottom - rect.top);
      const touching = rect.left <= last.right + gap && rect.right >= last.left - gap;
      if (overlap >= lower / 2 && touching) {
        last.left = Math.min(last.left, rect.left);
        last.top = Math.min(last.top, rect.top);
        last.right = Math.max(last.right, rect.right);
        last.bottom = Math.max(last.bottom, rect.bottom);
        continue;
      }
    }
    merged.push({ left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom });
  }
  return merged;
}

/** The part of `rect` inside `clip`, or undefined when nothing is. */
export function intersectRect(rect: Rect, clip: Rect): Rect | undefined {
  const left = Math.max(rect.left, clip.left);
  const top = Math.max(rect.top, clip.top);
  const right = Math.min(rect.right, clip.right);
  const bottom = Math.min(rect.bottom, clip.bottom);
  return right > left && bottom > top ? { left, top, right, bottom } : undefined;
}

/** Whether two rectangles share any point (edges included). */
export function rectsMeet(a: Rect, b: Rect): boolean {
  return a.left <= b.right && a.right >= b.left && a.top <= b.bottom && a.bottom >= b.top;
}

/** The element or shadow host an element is painted inside. */
function parentOf(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const parent = element.parentNode as (Node & { host?: Element }) | null;
  return parent?.nodeType === 11 && parent.host ? parent.host : null;
}

/** The per-axis clipping of one ancestor: overflow other than `visible`, or paint containment. */
interface Clipper {
  element: Element;
  x: boolean;
  y: boolean;
}

/**
 * `element` and the ancestors whose overflow clips the text inside it (scroll containers, `overflow: hidden` or
 * `clip`, paint containment), nearest first. The root and body are left out: their overflow belongs to the viewport, where the
 * overlay is clipped anyway. Past a fixed-position ancestor no scrolled ancestor clips any more.
 */
export function clippingAncestors(element: Element): Clipper[] {
  const view = element.ownerDocument.defaultView;
  if (!view) return [];
  const root = element.ownerDocument.documentElement;
  const body = element.ownerDocument.body;
  const clippers: Clipper[] = [];
  for (let node: Element | null = element; node && node !== root && node !== body; node = parentOf(node)) {
    const style = view.getComputedStyle(node);
    const paint = /paint|strict|content/.test(style.contain || '');
    const x = paint || (style.overflowX !== 'visible' && style.overflowX !== '');
    const y = paint || (style.overflowY !== 'visible' && style.overflowY !== '');
    if (x || y) clippers.push({ element: node, x, y });
    if (style.position === 'fixed') break;
  }
  return clippers;
}

/** The padding box of `element` in client coordinates: where its overflow clips. */
export function paddingBox(element: Element): Rect {
  const rect = element.getBoundingClientRect();
  const left = rect.left + element.clientLeft;
  const top = rect.top + element.clientTop;
  // Inline elements report no client size: their border box then.
  const width = element.clientWidth || rect.width;
  const height = element.clientHeight || rect.height;
  return { left, top, right: left + width, bottom: top + height };
}

/** The rectangle all of `clippers` leave visible (unbounded on an axis none clips), or undefined when none clip. */
export function clipRect(clippers: readonly Clipper[], boxOf: (element: Element) => Rect): Rect | undefined {
  if (clippers.length === 0) return undefined;
  const clip: Rect = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
  for (const { element, x, y } of clippers) {
    const box = boxOf(element);
    if (x) {
      clip.left = Math.max(clip.left, box.left);
      clip.right = Math.min(clip.right, box.right);
    }
    if (y) {
      clip.top = Math.max(clip.top, box.top);
      clip.bottom = Math.min(clip.bottom, box.bottom);
    }
  }
  return clip;
}

/**
 * A pool of absolutely positioned box elements inside one container, reused from frame to frame: a frame draws its
 * boxes in order with {@link BoxPool.draw}, and {@link BoxPool.end} hides what this frame did not use. A box is only
 * written to when what it shows changed, and the pool gives back elements when it is far larger than needed.
 */
export class BoxPool {
  private readonly boxes: HTMLElement[] = [];
  /** What each box shows now (class and geometry), so an unchanged box is never touched. */
  private readonly shown: string[] = [];
  private used = 0;

  constructor(readonly container: HTMLElement) {}

  /** Boxes that exist (shown or hidden). */
  get size(): number {
    return this.boxes.length;
  }

  /** Boxes drawn in the last frame. */
  get drawn(): number {
    return this.used;
  }

  begin(): void {
    this.used = 0;
  }

  /** Draws the next box with `className` at (left, top), `width` × `height`, in the container's coordinates. */
  draw(className: string, left: number, top: number, width: number, height: number): void {
    const index = this.used++;
    let box = this.boxes[index];
    if (!box) {
      box = this.container.ownerDocument.createElement('div');
      this.container.append(box);
      this.boxes.push(box);
      this.shown.push('');
    }
    const state = `${className}|${left}|${top}|${width}|${height}`;
    if (this.shown[index] === state) return;
    this.shown[index] = state;
    box.className = className;
    box.style.cssText = `left:${left}px;top:${top}px;width:${width}px;height:${height}px`;
  }

  /** Hides the boxes this frame did not draw, and removes most of them when the pool is far too big. */
  end(): void {
    const keep = Math.max(this.used * 2, this.used + 32);
    while (this.boxes.length > keep) {
      this.boxes.pop()!.remove();
      this.shown.pop();
    }
    for (let index = this.used; index < this.boxes.length; index++) {
      if (this.shown[index] === 'hidden') continue;
      this.shown[index] = 'hidden';
      this.boxes[index]!.className = '';
      this.boxes[index]!.style.cssText = 'display:none';
    }
  }

  /** Removes every box. */
  clear(): void {
    for (const box of this.boxes) box.remove();
    this.boxes.length = 0;
    this.shown.length = 0;
    this.used = 0;
  }
}
