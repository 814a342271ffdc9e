/**
 * Reads a DOM into text blocks without changing it: text nodes are joined across inline elements (so a claim split
 * by <b>, <a> or <span> stays one sentence), block elements start new blocks, and what is no reading text is
 * skipped — scripts, styles, templates, form fields, editable regions, code, hidden elements and Nuchter's own UI.
 * Open shadow roots are read too. Each block keeps its text nodes, so offsets map back to DOM positions.
 */
import type { BlockKind, TextBlock } from './blocks';
import { langFromTag } from './language';

export interface NodeSlice {
  node: Text;
  /** Offset of this node's first character in the block's text. */
  start: number;
}

export interface DomBlock extends TextBlock {
  /** The block element the text belongs to. */
  element: Element;
  nodes: NodeSlice[];
}

/** Elements whose content is never reading text. */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'CODE',
  'PRE',
  'KBD',
  'SAMP',
  'VAR',
  'NAV',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'MATH',
  'svg',
  'SVG',
  'HEAD',
  'TITLE',
]);

/** Elements that start a new block; everything else is inline (b, a, span, em, custom inline elements …). */
const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'BLOCKQUOTE',
  'TD',
  'TH',
  'TR',
  'TABLE',
  'THEAD',
  'TBODY',
  'CAPTION',
  'FIGURE',
  'FIGCAPTION',
  'ARTICLE',
  'SECTION',
  'HEADER',
  'FOOTER',
  'MAIN',
  'ASIDE',
  'ADDRESS',
  'DETAILS',
  'SUMMARY',
  'FORM',
  'FIELDSET',
  'LEGEND',
  'HR',
  'BR',
  'BODY',
  'HTML',
  'DIALOG',
]);

const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** The attribute that marks Nuchter's own UI host, which extraction must never read. */
export const OWN_UI_ATTRIBUTE = 'data-nuchter-ui';

export interface ExtractOptions {
  /** Extra visibility test for elements (the content script passes one based on the rendered layout). */
  isHidden?: (element: Element) => boolean;
}

function isSkipped(element: Element, options: ExtractOptions = {}, tag = element.tagName): boolean {
  // HTML tag names are upper case; XML and SVG ones keep their own case ("svg", "foreignObject").
  if (SKIPPED_TAGS.has(tag) || (tag.charCodeAt(0) >= 0x61 && SKIPPED_TAGS.has(tag.toUpperCase())))
    return true;
  // Most elements have no attribute at all: one call answers every attribute test below.
  if (!element.hasAttributes()) return options.isHidden?.(element) ?? false;
  if (element.hasAttribute(OWN_UI_ATTRIBUTE)) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  if (element.getAttribute('role') === 'textbox') return true;
  const style = element.getAttribute('style');
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return options.isHidden?.(element) ?? false;
}

/**
 * Whether `node` lies inside content extraction never reads (a form field, an editable region, Nuchter's own UI …).
 * Extraction only tests the elements below the root it is given, so live changes are checked with this first.
 */
export function isInUnreadContent(node: Node): boolean {
  for (
    let element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    element;
    element = element.parentElement
  ) {
    if (isSkipped(element)) return true;
  }
  return false;
}

/** Elements that end the search for a heading or list item around a block. */
const SECTION_TAGS = new Set(['ARTICLE', 'SECTION', 'MAIN', 'BODY', 'UL', 'OL', 'BLOCKQUOTE', 'TD', 'TH']);

function kindOf(element: Element): BlockKind {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (HEADING_TAGS.has(node.tagName)) return 'heading';
    if (node.tagName === 'LI') return 'list-item'; // also <li><p>…</p></li>, as editors write lists
    if (SECTION_TAGS.has(node.tagName)) break;
  }
  return 'paragraph';
}

/** The closest `lang`, continuing from a shadow root to its host: a shadow tree speaks its host's language. */
function langOf(element: Element): string | null {
  for (let node: Element | null = element; node;) {
    const tagged = node.closest('[lang]');
    if (tagged) return tagged.getAttribute('lang');
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/** A text node of nothing but the white space HTML flow collapses (the line breaks between tags). */
const BLANK = /^[ \n\r\t\f]*$/;

/** Replaces line breaks and tabs with spaces, one for one: in normal HTML flow they are spaces, and offsets stay. */
function flowText(value: string): string {
  return value.replace(/[\n\r\t\f]/g, ' ');
}

/**
 * Extracts the text blocks under `root` (a document, an element or a shadow root), in reading order.
 * Iterative, so a deeply nested page cannot overflow the stack.
 */
export function extractBlocks(root: Node, options: ExtractOptions = {}): DomBlock[] {
  const blocks: DomBlock[] = [];
  let text = '';
  let nodes: NodeSlice[] = [];
  let blockElement: Element | null = null;

  const flush = () => {
    if (nodes.length > 0 && blockElement && /\S/.test(text)) {
      const lang = langFromTag(langOf(blockElement));
      blocks.push({
        text,
        kind: kindOf(blockElement),
        element: blockElement,
        nodes,
        ...(lang ? { lang } : {}),
      });
    }
    text = '';
    nodes = [];
    blockElement = null;
  };

  // A depth-first walk with an explicit stack (a deeply nested page cannot overflow the call stack). Each node goes
  // on the stack with its nearest block ancestor, in two parallel arrays (no object per node); a `null` node is the
  // end of a block element, where its text ends.
  const start = root.nodeType === 9 ? ((root as Document).body ?? (root as Document).documentElement) : root;
  if (!start) return blocks;
  const startBlock = start.nodeType === 1 ? (start as Element) : ((start as ShadowRoot).host ?? null);
  const stackNodes: (Node | null)[] = [start];
  const stackBlocks: (Element | null)[] = [startBlock];
  const children: Node[] = [];

  while (stackNodes.length > 0) {
    const node = stackNodes.pop()!;
    let block = stackBlocks.pop()!;
    if (node === null) {
      flush();
      continue;
    }
    const type = node.nodeType;
    if (type === 3) {
      const value = (node as Text).nodeValue ?? '';
      if (value.length === 0 || !block) continue;
      // White space before a block's first words (the line breaks between tags) is no part of its text.
      if (nodes.length === 0 && BLANK.test(value)) continue;
      blockElement ??= block;
      nodes.push({ node: node as Text, start: text.length });
      text += flowText(value);
      continue;
    }
    let parent: Node | null = null;
    if (type === 1) {
      const element = node as Element;
      const tag = element.tagName;
      if (element !== start && isSkipped(element, options, tag)) continue;
      const shadowRoot = element.shadowRoot;
      if (BLOCK_TAGS.has(tag) || shadowRoot) {
        flush();
        block = element;
        stackNodes.push(null);
        stackBlocks.push(null);
      }
      if (shadowRoot) {
        // An open shadow root renders instead of the light DOM; its slots pull light DOM back in.
        parent = shadowRoot;
      } else if (tag === 'SLOT') {
        const assigned = (element as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? [];
        if (assigned.length > 0) {
          for (let i = assigned.length - 1; i >= 0; i--) {
            stackNodes.push(assigned[i]!);
            stackBlocks.push(block);
          }
          continue;
        }
        parent = element;
      } else {
        parent = element;
      }
    } else if (type === 9 || type === 11) {
      parent = node;
    }
    if (!parent) continue;
    // Children go on the stack last first, so they come off in reading order.
    for (let child = parent.firstChild; child; child = child.nextSibling) children.push(child);
    for (let i = children.length - 1; i >= 0; i--) {
      stackNodes.push(children[i]!);
      stackBlocks.push(block);
    }
    children.length = 0;
  }
  flush();
  return blocks;
}
