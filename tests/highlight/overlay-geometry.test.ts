// @vitest-environment happy-dom
/**
 * The overlay's geometry and box bookkeeping: rectangles of one line merge into one, clipping keeps boxes inside
 * their scroll containers, and the box pool reuses its elements, touches only what changed and gives back what a
 * frame no longer needs.
 */
import { describe, expect, it } from 'vitest';
import {
  BoxPool,
  clipRect,
  intersectRect,
  mergeLineRects,
  rectsMeet,
  type Rect,
} from '../../src/highlight/overlay-geometry';

const rect = (left: number, top: number, width: number, height: number): Rect => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});

describe('mergeLineRects', () => {
  it('joins the touching pieces of one line and keeps lines apart', () => {
    // "Magnesium " + <b>flushes</b> + " " + <a>toxins</a> on line 1, the rest on line 2.
    const merged = mergeLineRects([
      rect(10, 100, 80, 20),
      rect(90, 100, 60, 20),
      rect(150, 100, 5, 20),
      rect(155, 101, 50, 18), // a link in a slightly smaller font
      rect(10, 124, 120, 20),
    ]);
    expect(merged).toEqual([rect(10, 100, 195, 20), rect(10, 124, 120, 20)]);
  });

  it('keeps pieces of one line apart when there is a gap between them', () => {
    expect(mergeLineRects([rect(0, 0, 10, 20), rect(40, 0, 10, 20)])).toHaveLength(2);
  });

  it('merges right-to-left pieces too, and drops empty rectangles', () => {
    expect(mergeLineRects([rect(100, 0, 50, 20), rect(0, 0, 0, 20), rect(60, 0, 40, 20)])).toEqual([
      rect(60, 0, 90, 20),
    ]);
  });

  it('does not change its input', () => {
    const input = [rect(0, 0, 10, 10), rect(10, 0, 10, 10)];
    mergeLineRects(input);
    expect(input).toEqual([rect(0, 0, 10, 10), rect(10, 0, 10, 10)]);
  });
});

describe('clipping', () => {
  it('intersects, and reports no intersection as undefined', () => {
    expect(intersectRect(rect(0, 0, 100, 20), rect(50, 10, 100, 100))).toEqual(rect(50, 10, 50, 10));
    expect(intersectRect(rect(0, 0, 10, 10), rect(20, 20, 10, 10))).toBeUndefined();
    expect(rectsMeet(rect(0, 0, 10, 10), rect(10, 10, 5, 5))).toBe(true);
    expect(rectsMeet(rect(0, 0, 10, 10), rect(11, 0, 5, 5))).toBe(false);
  });

  it('clips per axis, nearest and outer scroll containers together', () => {
    const inner = document.createElement('div');
    const outer = document.createElement('div');
    const boxes = new Map<Element, Rect>([
      [inner, rect(0, 100, 500, 200)],
      [outer, rect(50, 0, 300, 1000)],
    ]);
    const clip = clipRect(
      [
        { element: inner, x: false, y: true },
        { element: outer, x: true, y: true },
      ],
      (element) => boxes.get(element)!,
    );
    expect(clip).toEqual(rect(50, 100, 300, 200));
    expect(clipRect([], () => rect(0, 0, 1, 1))).toBeUndefined();
  });
});

describe('BoxPool', () => {
  const pool = () => new BoxPool(document.createElement('div'));
  const frame = (boxes: BoxPool, count: number, dx = 0) => {
    boxes.begin();
    for (let index = 0; index < count; index++) boxes.draw('box mixed', index * 10 + dx, 5, 8, 20);
    boxes.end();
  };

  it('reuses its elements from frame to frame', () => {
    const boxes = pool();
    frame(boxes, 5);
    const first = [...boxes.container.children];
    expect(first).toHaveLength(5);
    expect((first[2] as HTMLElement).style.left).toBe('20px');
    expect(first[2]!.className).toBe('box mixed');
    frame(boxes, 5, 3);
    expect([...boxes.container.children]).toEqual(first);
    expect((first[2] as HTMLElement).style.left).toBe('23px');
  });

  it('does not touch a box whose class and place did not change', () => {
    const boxes = pool();
    frame(boxes, 3);
    const observer = new MutationObserver(() => undefined);
    observer.observe(boxes.container, { attributes: true, childList: true, subtree: true });
    frame(boxes, 3);
    expect(observer.takeRecords()).toEqual([]);
    frame(boxes, 3, 1);
    expect(observer.takeRecords().length).toBeGreaterThan(0);
    observer.disconnect();
  });

  it('hides the boxes a frame did not draw, and shows them again when needed', () => {
    const boxes = pool();
    frame(boxes, 4);
    frame(boxes, 1);
    const children = [...boxes.container.children] as HTMLElement[];
    expect(children).toHaveLength(4);
    expect(children.map((box) => box.style.display)).toEqual(['', 'none', 'none', 'none']);
    expect(boxes.drawn).toBe(1);
    frame(boxes, 4);
    expect([...boxes.container.children]).toEqual(children);
    expect(children.map((box) => box.style.display)).toEqual(['', '', '', '']);
  });

  it('gives back elements when it is far larger than a frame needs', () => {
    const boxes = pool();
    frame(boxes, 1000);
    expect(boxes.size).toBe(1000);
    frame(boxes, 10);
    expect(boxes.size).toBe(42); // the 10 drawn and 32 spare
    expect(boxes.container.children).toHaveLength(42);
    boxes.clear();
    expect(boxes.container.children).toHaveLength(0);
  });
});
