// @vitest-environment happy-dom
/**
 * The overlay painter's bookkeeping, with the layout stubbed (happy-dom has none): one host element outside the
 * page's content, boxes per claim, hype word and open claim in their layers, one box for the claims of several topics
 * in one sentence, claims far from the viewport left out, boxes reused, the host put back when the page removes it,
 * and nothing left behind after destroy().
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageClaim } from '../../src/content/page-claims';
import { OVERLAY_HOST, OverlayPainter } from '../../src/highlight/overlay-painter';
import type { Rect } from '../../src/highlight/overlay-geometry';
import { OWN_UI_ATTRIBUTE } from '../../src/text/dom-blocks';

/** Where each text node is drawn, as if laid out: its whole text, one rectangle per line. */
const layout = new Map<Node, Rect[]>();
const rect = (left: number, top: number, width: number, height: number): Rect => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});
const domRect = ({ left, top, right, bottom }: Rect) =>
  ({ left, top, right, bottom, x: left, y: top, width: right - left, height: bottom - top }) as DOMRect;

function rectsOfRange(range: Range): Rect[] {
  const node = range.startContainer;
  if (node === range.endContainer && node.nodeType === Node.TEXT_NODE) return layout.get(node) ?? [];
  return [...layout].filter(([node]) => range.intersectsNode(node)).flatMap(([, rects]) => rects);
}

beforeEach(() => {
  layout.clear();
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
    return rectsOfRange(this).map(domRect) as unknown as DOMRectList;
  });
  vi.spyOn(Range.prototype, 'getBoundingClientRect').mockImplementation(function (this: Range) {
    const rects = rectsOfRange(this);
    if (rects.length === 0) return domRect(rect(0, 0, 0, 0));
    return domRect({
      left: Math.min(...rects.map((r) => r.left)),
      top: Math.min(...rects.map((r) => r.top)),
      right: Math.max(...rects.map((r) => r.right)),
      bottom: Math.max(...rects.map((r) => r.bottom)),
    });
  });
  document.body.innerHTML = `
    <p id="one">Magnesium cures everything.</p>
    <p id="split">Magnesium <b>flushes</b> toxins out.</p>
    <p id="far">Magnesium is a miracle.</p>`;
});
afterEach(() => {
  vi.restoreAllMocks();
  document.querySelectorAll(OVERLAY_HOST).forEach((host) => host.remove());
});

let nextId = 1;
function claimOn(id: string, verdict: string, hype: string[] = []): PageClaim {
  const element = document.getElementById(id)!;
  const range = document.createRange();
  range.selectNodeContents(element);
  const hypeRanges = hype.map((word) => {
    const text = element.firstChild as Text;
    const at = text.data.indexOf(word);
    const hypeRange = document.createRange();
    hypeRange.setStart(text, at);
    hypeRange.setEnd(text, at + word.length);
    return hypeRange;
  });
  return {
    id: nextId++,
    finding: { verdict } as PageClaim['finding'],
    element,
    range,
    hypeRanges,
  };
}

function host(): HTMLElement {
  const hosts = document.querySelectorAll(OVERLAY_HOST);
  expect(hosts).toHaveLength(1);
  return hosts[0] as HTMLElement;
}

/** The boxes shown per layer: class and geometry. */
function shownBoxes(): string[][] {
  const layers = [...host().shadowRoot!.querySelectorAll('.layer')];
  return layers.map((layer) =>
    ([...layer.children] as HTMLElement[])
      .filter((box) => box.style.display !== 'none')
      .map(
        (box) =>
          `${box.className} @${box.style.left},${box.style.top} ${box.style.width}x${box.style.height}`,
      ),
  );
}

describe('OverlayPainter', () => {
  it('adds one marked host under the document element, and nothing inside the page content', () => {
    const before = document.body.innerHTML;
    const painter = new OverlayPainter();
    const element = host();
    expect(element.parentNode).toBe(document.documentElement);
    expect(element.hasAttribute(OWN_UI_ATTRIBUTE)).toBe(true);
    expect(element.shadowRoot).not.toBeNull();
    const shadow = element.shadowRoot!;
    // The styles live in the shadow root: adopted, or a <style> inside it.
    expect(shadow.adoptedStyleSheets.length + shadow.querySelectorAll('style').length).toBe(1);
    expect(shadow.querySelectorAll('.layer')).toHaveLength(3);
    painter.add([claimOn('one', 'misleading')]);
    painter.update();
    expect(document.body.innerHTML).toBe(before);
    painter.destroy();
  });

  it('draws a box per line of each claim, hype words in their own layer', () => {
    layout.set(document.getElementById('one')!.firstChild!, [rect(10, 20, 200, 18), rect(10, 40, 90, 18)]);
    const painter = new OverlayPainter();
    painter.add([claimOn('one', 'misleading', ['cures'])]);
    painter.update();
    const [verdicts, hype, active] = shownBoxes();
    expect(verdicts).toEqual(['box misleading @10px,20px 200pxx18px', 'box misleading @10px,40px 90pxx18px']);
    // The stub lays out whole text nodes, so the hype word gets the lines of its node.
    expect(hype).toHaveLength(2);
    expect(hype!.every((box) => box.startsWith('box hype '))).toBe(true);
    expect(active).toEqual([]);
    painter.destroy();
  });

  it('draws a claim split by inline elements as one box per line, from its text only', () => {
    const split = document.getElementById('split')!;
    const [before, bold, after] = [
      split.childNodes[0]!,
      split.querySelector('b')!.firstChild!,
      split.childNodes[2]!,
    ];
    layout.set(before, [rect(10, 60, 90, 18)]);
    layout.set(bold, [rect(100, 60, 60, 18)]);
    layout.set(after, [rect(160, 60, 100, 18)]);
    const painter = new OverlayPainter();
    painter.add([claimOn('split', 'established')]);
    painter.update();
    expect(shownBoxes()[0]).toEqual(['box established @10px,60px 250pxx18px']);
    painter.destroy();
  });

  it('draws the claims of several topics in one sentence once per verdict', () => {
    layout.set(document.getElementById('one')!.firstChild!, [rect(10, 20, 200, 18)]);
    const painter = new OverlayPainter();
    painter.add([claimOn('one', 'mixed'), claimOn('one', 'mixed'), claimOn('one', 'not-supported')]);
    painter.update();
    expect(shownBoxes()[0]).toEqual([
      'box mixed @10px,20px 200pxx18px',
      'box not-supported @10px,20px 200pxx18px',
    ]);
    painter.destroy();
  });

  it('leaves out claims far from the viewport until they come near', () => {
    const far = document.getElementById('far')!.firstChild!;
    layout.set(document.getElementById('one')!.firstChild!, [rect(10, 20, 200, 18)]);
    layout.set(far, [rect(10, window.innerHeight * 5, 200, 18)]);
    const painter = new OverlayPainter();
    painter.add([claimOn('one', 'mixed'), claimOn('far', 'misleading')]);
    painter.update();
    expect(shownBoxes()[0]).toEqual(['box mixed @10px,20px 200pxx18px']);
    // The reader scrolls down: the first claim leaves, the far one arrives.
    layout.set(document.getElementById('one')!.firstChild!, [rect(10, -window.innerHeight * 4, 200, 18)]);
    layout.set(far, [rect(10, 300, 200, 18)]);
    painter.update();
    expect(shownBoxes()[0]).toEqual(['box misleading @10px,300px 200pxx18px']);
    painter.destroy();
  });

  it('reuses its box elements from frame to frame', () => {
    layout.set(document.getElementById('one')!.firstChild!, [rect(10, 20, 200, 18)]);
    layout.set(document.getElementById('far')!.firstChild!, [rect(10, 60, 200, 18)]);
    const painter = new OverlayPainter();
    painter.add([claimOn('one', 'mixed'), claimOn('far', 'misleading')]);
    painter.update();
    const boxes = [...host().shadowRoot!.querySelectorAll('.box')];
    expect(boxes).toHaveLength(2);
    layout.set(document.getElementById('one')!.firstChild!, [rect(10, 10, 200, 18)]);
    painter.update();
    expect([...host().shadowRoot!.querySelectorAll('.box')]).toEqual(boxes);
    expect(shownBoxes()[0]![0]).toBe('box mixed @10px,10px 200pxx18px');
    painter.destroy();
  });

  it('marks the open claim in the top layer, and forgets it when its claim goes', () => {
    layout.set(document.getElementById('one')!.firstChild!, [rect(10, 20, 200, 18)]);
    const painter = new OverlayPainter();
    const claim = claimOn('one', 'plausible-limited');
    painter.add([claim]);
    painter.setActive(claim);
    painter.update();
    expect(shownBoxes()[2]).toEqual(['box active @10px,20px 200pxx18px']);
    painter.setActive(undefined);
    painter.update();
    expect(shownBoxes()[2]).toEqual([]);
    painter.setActive(claim);
    painter.remove([claim]);
    painter.update();
    expect(shownBoxes()).toEqual([[], [], []]);
    painter.destroy();
  });

  it('paints an unknown verdict as mixed', () => {
    layout.set(document.getElementById('one')!.firstChild!, [rect(10, 20, 200, 18)]);
    const painter = new OverlayPainter();
    painter.add([claimOn('one', 'unheard-of')]);
    painter.update();
    expect(shownBoxes()[0]).toEqual(['box mixed @10px,20px 200pxx18px']);
    painter.destroy();
  });

  it('measures once per animation frame, however many scroll events arrive', () => {
    const pending: FrameRequestCallback[] = [];
    const frames = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
      pending.push(callback);
      return pending.length;
    });
    const painter = new OverlayPainter();
    for (const callback of pending.splice(0)) callback(0); // the frame its construction asked for
    frames.mockClear();
    for (let index = 0; index < 20; index++) document.dispatchEvent(new Event('scroll'));
    window.dispatchEvent(new Event('resize'));
    expect(frames).toHaveBeenCalledTimes(1);
    painter.destroy();
  });

  it('puts its host back when the page removes it', () => {
    const painter = new OverlayPainter();
    expect(painter.restore()).toBe(false);
    host().remove();
    expect(document.querySelector(OVERLAY_HOST)).toBeNull();
    expect(painter.restore()).toBe(true);
    expect(host().parentNode).toBe(document.documentElement);
    expect(painter.restore()).toBe(false);
    painter.destroy();
  });

  it('leaves nothing behind when destroyed, and no longer listens', () => {
    const painter = new OverlayPainter();
    painter.add([claimOn('one', 'mixed')]);
    painter.destroy();
    expect(document.querySelector(OVERLAY_HOST)).toBeNull();
    const frames = vi.spyOn(window, 'requestAnimationFrame');
    document.dispatchEvent(new Event('scroll'));
    window.dispatchEvent(new Event('resize'));
    expect(frames).not.toHaveBeenCalled();
    expect(painter.restore()).toBe(false);
    expect(document.querySelector(OVERLAY_HOST)).toBeNull();
  });
});
