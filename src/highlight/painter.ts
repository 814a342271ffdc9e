/**
 * Paints claims with the CSS Custom Highlight API: one named Highlight per verdict, one for hype words and one for
 * the claim whose card is open. Nothing in the page changes; the styles live in the manifest-declared stylesheet
 * (entrypoints/content/highlights.css). If the page clears `CSS.highlights`, `restore()` registers ours again.
 */
import type { PageClaim } from '../content/page-claims';

export const VERDICT_NAMES = [
  'established',
  'plausible-limited',
  'mixed',
  'not-supported',
  'misleading',
] as const;
export const HIGHLIGHT_PREFIX = 'nuchter-';
export const HYPE_HIGHLIGHT = `${HIGHLIGHT_PREFIX}hype`;
export const ACTIVE_HIGHLIGHT = `${HIGHLIGHT_PREFIX}active`;

/** Whether this browser has the CSS Custom Highlight API. */
export function supportsHighlights(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * What the controller paints with: {@link HighlightPainter} where the browser has the CSS Custom Highlight API, else
 * the positioned overlay of `overlay-painter.ts`. Neither ever changes the page's own nodes.
 */
export interface Painter {
  /** Paints `claims` (their verdict, and their hype words stronger). */
  add(claims: readonly PageClaim[]): void;
  /** Stops painting `claims`; the active claim among them stops being active. */
  remove(claims: readonly PageClaim[]): void;
  /** Marks the claim whose card is open (undefined: none). */
  setActive(claim: PageClaim | undefined): void;
  /** Puts back what the page removed; true when something had to be restored. Cheap when nothing changed. */
  restore(): boolean;
  /** Removes everything the painter added to the page. */
  destroy(): void;
}

export class HighlightPainter implements Painter {
  private readonly highlights = new Map<string, Highlight>();
  private readonly claimsById = new Map<number, PageClaim>();
  private activeId: number | undefined;

  constructor() {
    for (const name of [
      ...VERDICT_NAMES.map((verdict) => HIGHLIGHT_PREFIX + verdict),
      HYPE_HIGHLIGHT,
      ACTIVE_HIGHLIGHT,
    ]) {
      const highlight = new Highlight();
      // Later-registered highlights paint on top: hype over its claim, the active claim over both.
      highlight.priority = name === ACTIVE_HIGHLIGHT ? 2 : name === HYPE_HIGHLIGHT ? 1 : 0;
      this.highlights.set(name, highlight);
    }
    this.restore();
  }

  private verdictHighlight(claim: PageClaim): Highlight {
    return (
      this.highlights.get(HIGHLIGHT_PREFIX + claim.finding.verdict) ??
      this.highlights.get(`${HIGHLIGHT_PREFIX}mixed`)!
    );
  }

  add(claims: readonly PageClaim[]): void {
    const hype = this.highlights.get(HYPE_HIGHLIGHT)!;
    for (const claim of claims) {
      this.claimsById.set(claim.id, claim);
      this.verdictHighlight(claim).add(claim.range);
      for (const range of claim.hypeRanges) hype.add(range);
    }
  }

  remove(claims: readonly PageClaim[]): void {
    const hype = this.highlights.get(HYPE_HIGHLIGHT)!;
    for (const claim of claims) {
      this.claimsById.delete(claim.id);
      this.verdictHighlight(claim).delete(claim.range);
      for (const range of claim.hypeRanges) hype.delete(range);
      if (claim.id === this.activeId) this.setActive(undefined);
    }
  }

  setActive(claim: PageClaim | undefined): void {
    const active = this.highlights.get(ACTIVE_HIGHLIGHT)!;
    active.clear();
    this.activeId = claim?.id;
    if (claim) active.add(claim.range);
  }

  /** Registers our highlights again where the page removed or replaced them. Cheap when nothing changed. */
  restore(): boolean {
    let restored = false;
    for (const [name, highlight] of this.highlights) {
      if (CSS.highlights.get(name) !== highlight) {
        CSS.highlights.set(name, highlight);
        restored = true;
      }
    }
    return restored;
  }

  /** Removes every highlight from the page. */
  destroy(): void {
    for (const [name, highlight] of this.highlights) {
      highlight.clear();
      if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
    }
    this.claimsById.clear();
  }
}
