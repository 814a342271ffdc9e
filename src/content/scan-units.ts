/**
 * Cuts the part of a page under a root into subtrees that can be read one at a time, so a huge page is read in
 * slices with the page's own work in between. Reading the units one after the other gives exactly the blocks that
 * reading the root at once gives: an element is only cut into its children when no child's text joins a neighbour's
 * (each child is a block, holds no text, or is skipped), so no block ever spans two units.
 */
import { isInUnreadContent } from '../text/dom-blocks';

/**
 * Elements that extraction always treats as blocks (a subset of `BLOCK_TAGS` in src/text/dom-blocks.ts, checked by
 * tests/content/scan-units.test.ts). Only these are cut into their children.
 */
export const CUTTABLE_TAGS: ReadonlySet<string> = new Set([
  'BODY',
  'MAIN',
  'ARTICLE',
  'SECTION',
  'ASIDE',
  'HEADER',
  'FOOTER',
  'DIV',
  'P',
  'UL',
  'OL',
  'LI',
  'DL',
  'DT',
  'DD',
  'BLOCKQUOTE',
  'FIGURE',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TD',
  'TH',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'ADDRESS',
  'CAPTION',
  'FIGCAPTION',
  'DETAILS',
  'SUMMARY',
  'DIALOG',
  'FORM',
  'FIELDSET',
  'LEGEND',
  'HR',
  'BR',
]);

/**
 * A child that cannot stand on its own: text, or an inline element with text, which extraction joins with the text
 * around it. Blocks, shadow hosts (read as blocks), inline elements without text (images, empty wrappers) and
 * content extraction skips stand on their own.
 */
function joinsNeighbours(node: Node): boolean {
  if (node.nodeType === Node.TEXT_NODE) return /\S/.test(node.nodeValue ?? '');
  if (node.nodeType !== Node.ELEMENT_NODE) return false; // comments, processing instructions
  const element = node as Element;
  if (element.shadowRoot || CUTTABLE_TAGS.has(element.tagName)) return false;
  return /\S/.test(element.textContent ?? '') && !isInUnreadContent(element);
}

/** Whether `element` may be read child by child: a block whose every child stands on its own. */
function isCuttable(element: Element): boolean {
  if (!CUTTABLE_TAGS.has(element.tagName) || element.shadowRoot) return false;
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (joinsNeighbours(child)) return false;
  }
  return true;
}

/**
 * The units under `root`, in document order, found lazily: a cuttable element is replaced by its children, any
 * other element is a unit. Units in content extraction never reads (form fields, editable regions …) and units
 * that left the page meanwhile are left out. A page that changes between two calls of `next()` is fine: each step
 * reads the DOM as it is then.
 */
export function* scanUnits(root: Element): Generator<Element, void, undefined> {
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    // Checked when its turn comes, so the cost is spread over the slices and a removed element is left out.
    if (!element.isConnected || isInUnreadContent(element)) continue;
    if (!isCuttable(element)) {
      yield element;
      continue;
    }
    const children: Element[] = [];
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) children.push(child);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}
