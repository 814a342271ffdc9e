/**
 * Turns the claims in extracted text blocks into Ranges, without touching the page: the engine reads text, and a
 * Range only points at nodes.
 */
import type { ClaimReader, Finding } from '../match/engine';
import type { DomBlock, NodeSlice } from '../text/dom-blocks';

export interface PageClaim {
  id: number;
  finding: Finding;
  /** The block element the claim's text lives in. */
  element: Element;
  range: Range;
  hypeRanges: Range[];
}

/** The text node and offset where block offset `at` falls; `preferEnd` picks the earlier node at a boundary. */
function locate(nodes: NodeSlice[], at: number, preferEnd: boolean): { node: Text; offset: number } {
  let low = 0;
  let high = nodes.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    const start = nodes[middle]!.start;
    if (start < at || (!preferEnd && start === at)) low = middle;
    else high = middle - 1;
  }
  const slice = nodes[low]!;
  const length = slice.node.nodeValue?.length ?? 0;
  return { node: slice.node, offset: Math.max(0, Math.min(length, at - slice.start)) };
}

export function rangeForSpan(block: DomBlock, start: number, end: number): Range {
  const from = locate(block.nodes, start, false);
  const to = locate(block.nodes, end, true);
  const range = block.element.ownerDocument.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

/** The node in the document's own tree that holds `node`: itself, or the host of the shadow tree(s) it is in. */
function inDocumentTree(node: Node): Node {
  let current = node;
  for (let root = current.getRootNode(); root instanceof ShadowRoot; root = current.getRootNode()) {
    current = root.host;
  }
  return current;
}

/**
 * Reading order of two ranges: by start, then by end. Ranges in different trees (one inside a shadow root) cannot be
 * compared with each other — the browser throws — so those are ordered by where their trees stand in the document.
 */
export function compareRanges(a: Range, b: Range): number {
  if (a.startContainer.getRootNode() === b.startContainer.getRootNode()) {
    return a.compareBoundaryPoints(Range.START_TO_START, b) || a.compareBoundaryPoints(Range.END_TO_END, b);
  }
  const first = inDocumentTree(a.startContainer);
  const second = inDocumentTree(b.startContainer);
  if (first === second) return 0;
  return first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** Whether two ranges cover the same text (the claims of one sentence do). */
export const sameRange = (a: Range, b: Range) =>
  a.startContainer === b.startContainer &&
  a.startOffset === b.startOffset &&
  a.endContainer === b.endContainer &&
  a.endOffset === b.endOffset;

let nextId = 1;

/** The claims of the next block a reader reads (blocks go to it in reading order), as Ranges. */
export function claimsInBlock(reader: ClaimReader, block: DomBlock): PageClaim[] {
  return reader.read(block).map((finding) => ({
    id: nextId++,
    finding,
    element: block.element,
    range: rangeForSpan(block, finding.start, finding.end),
    hypeRanges: finding.hypeSpans.map((span) => rangeForSpan(block, span.start, span.end)),
  }));
}
