/**
 * Owns the card's place in the page: one shadow-root host element that exists only while a card is open, its
 * position next to the claim inside the viewport, and focus (taken when the card opens, given back when it closes).
 * What the card shows is the pure `Card` component's business.
 */
import { createShadowRootUi, type ContentScriptContext, type ShadowRootContentScriptUi } from '#imports';
import { render } from 'preact';
import { OWN_UI_ATTRIBUTE } from '../text/dom-blocks';
import { Card, type CardProps } from './Card';
import cardCss from './card.css?inline';
import paletteCss from './palette.css?inline';

/** Space between the claim and the card, and between the card and the viewport's edge. */
const GAP = 8;
/** The card never gets shorter than this (px); below it, it scrolls inside. */
const MIN_HEIGHT = 160;

export class CardHost {
  private ui: ShadowRootContentScriptUi<void> | undefined;
  private frame: HTMLElement | undefined;
  private anchor: Range | undefined;
  private returnFocus: Element | null = null;
  private opening: Promise<void> | undefined;
  /** The owner's close handler: Escape must close through it, so the owner can clear its state too. */
  private onClose: (() => void) | undefined;

  constructor(private readonly ctx: ContentScriptContext) {}

  get isOpen(): boolean {
    return this.ui !== undefined;
  }

  /** Whether an event happened inside the card (events from a shadow root are retargeted to its host). */
  containsEvent(event: Event): boolean {
    return this.ui !== undefined && event.composedPath().includes(this.ui.shadowHost);
  }

  /** Shows the card for `props` next to `anchor`, or updates the open card. */
  async show(props: CardProps, anchor: Range): Promise<void> {
    this.anchor = anchor;
    this.onClose = props.onClose;
    if (!this.ui) {
      this.returnFocus = document.activeElement;
      this.opening ??= this.mount();
      await this.opening;
      this.opening = undefined;
    }
    if (!this.frame) return;
    render(<Card {...props} />, this.frame);
    this.place();
    this.frame.querySelector<HTMLElement>('[role="dialog"]')?.focus({ preventScroll: true });
  }

  private async mount(): Promise<void> {
    const ui = await createShadowRootUi<void>(this.ctx, {
      name: 'nuchter-card',
      position: 'inline',
      anchor: () => document.body ?? document.documentElement,
      // Marked before it is inserted, so the page sees one element added and nothing else.
      append: (anchor, host) => {
        host.setAttribute(OWN_UI_ATTRIBUTE, '');
        anchor.append(host);
      },
      css: paletteCss + cardCss,
      // Keys typed in the card stay in the card: the page's shortcuts don't see them.
      isolateEvents: ['keydown', 'keyup', 'keypress'],
      onMount: (container) => {
        const frame = document.createElement('div');
        frame.className = 'frame';
        frame.addEventListener('keydown', (event) => {
          // The keydown never reaches the document (isolateEvents), so the owner hears of it only here.
          if (event.key === 'Escape') (this.onClose ?? (() => this.close()))();
        });
        container.append(frame);
        this.frame = frame;
      },
      onRemove: () => {
        if (this.frame) render(null, this.frame);
        this.frame = undefined;
      },
    });
    ui.mount();
    this.ui = ui;
  }

  /**
   * Puts the card below the claim, or above it when there is more room there, always inside the viewport and never
   * over the claim's own lines: the card's height is capped to the free space.
   */
  place(): void {
    if (!this.frame || !this.anchor) return;
    const rects = this.anchor.getClientRects();
    const first = rects[0] ?? this.anchor.getBoundingClientRect();
    const last = rects[rects.length - 1] ?? first;
    const viewportWidth = document.documentElement.clientWidth || window.innerWidth;
    const viewportHeight = window.innerHeight;
    const roomBelow = viewportHeight - last.bottom - 2 * GAP;
    const roomAbove = first.top - 2 * GAP;
    const below = roomBelow >= Math.min(MIN_HEIGHT, roomAbove) || roomBelow >= roomAbove;
    this.frame.style.maxHeight = `${Math.max(MIN_HEIGHT, Math.floor(below ? roomBelow : roomAbove))}px`;
    const height = this.frame.offsetHeight;
    const width = this.frame.offsetWidth;
    const top = below ? last.bottom + GAP : Math.max(GAP, first.top - GAP - height);
    const left = Math.min(Math.max(GAP, first.left), Math.max(GAP, viewportWidth - width - GAP));
    this.frame.style.top = `${Math.round(top)}px`;
    this.frame.style.left = `${Math.round(left)}px`;
  }

  /** Whether the claim the card belongs to is still (partly) in the viewport. */
  anchorVisible(): boolean {
    if (!this.anchor) return false;
    const rect = this.anchor.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < window.innerHeight && (rect.width > 0 || rect.height > 0);
  }

  /** Closes the card, removes its host element, and gives focus back where it was. */
  close(): void {
    if (!this.ui) return;
    const hadFocus =
      this.ui.shadowHost.contains(document.activeElement) || document.activeElement === this.ui.shadowHost;
    this.ui.remove();
    this.ui = undefined;
    this.anchor = undefined;
    this.onClose = undefined;
    if (hadFocus && this.returnFocus instanceof HTMLElement && this.returnFocus.isConnected) {
      this.returnFocus.focus({ preventScroll: true });
    }
    this.returnFocus = null;
  }

  destroy(): void {
    this.close();
  }
}
