/**
 * Which claim is under a point. Uses `CSS.highlights.highlightsFromPoint` where the browser has it, else the caret
 * position at the point tested against each claim's Range, else the claims' client rectangles. Works without the
 * Highlight API too: the overlay's boxes take no pointer events, so the caret lands in the page's text.
 */
import type { PageClaim } from '../content/page-claims';

function caretAt(x: number, y: number): { node: Node; offset: number } | undefined {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (typeof doc.caretPositionFromPoint === 'function') {
    const position = doc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : undefined;
  }
  if (typeof doc.caretRangeFromPoint === 'function') {
    const range = doc.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
  }
  return undefined;
}

function rectsContain(range: Range, x: number, y: number): boolean {
  for (const rect of range.getClientRects()) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  }
  return false;
}

/** The claims painted at viewport point (x, y): several when one sentence makes claims of several topics. */
export function claimsAtPoint(claims: Iterable<PageClaim>, x: number, y: number): PageClaim[] {
  const candidates = [...claims];
  if (candidates.length === 0) return [];
  // Without the Highlight API (the overlay paints) there is no registry at all.
  const registry = (typeof CSS !== 'undefined' ? CSS.highlights : undefined) as
    | (HighlightRegistry & {
        highlightsFromPoint?: (x: number, y: number) => { highlight: Highlight; ranges: AbstractRange[] }[];
      })
    | undefined;
  if (typeof registry?.highlightsFromPoint === 'function') {
    const ranges = new Set(registry.highlightsFromPoint(x, y).flatMap((hit) => hit.ranges));
    return candidates.filter((claim) => ranges.has(claim.range));
  }
  const caret = caretAt(x, y);
  if (caret) {
    // The caret lands on the nearest character boundary; confirm with the rectangles so a click in the margin
    // next to a claim does not count.
    const hits = candidates.filter((claim) => {
      try {
        return claim.range.isPointInRange(caret.node, caret.offset) && rectsContain(claim.range, x, y);
      } catch {
        return false; // the node is in another document or was removed
      }
    });
    if (hits.length > 0) return hits;
  }
  return candidates.filter((claim) => rectsContain(claim.range, x, y));
}
