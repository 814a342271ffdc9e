/**
 * Blocks of a plain-text document: every non-empty line is a block. A line that starts with a bullet or a number is
 * a list item; a short line without closing punctuation is a heading. Offsets let findings map back to the document.
 */
import type { BlockKind, TextBlock } from './blocks';

export interface PlainBlock extends TextBlock {
  /** Offset of the block's first character in the document. */
  offset: number;
}

const LIST_MARKER = /^\s*(?:[•·▪●◦‣∙*–-]|\d{1,3}[.)]|\[\d{1,3}\])\s+/u;
/** Longest line, in characters, that can still be a heading. */
const HEADING_MAX_LENGTH = 110;

function classify(line: string): BlockKind {
  if (LIST_MARKER.test(line)) return 'list-item';
  const trimmed = line.trim();
  // A long line is no heading, whatever its punctuation: most of a text's lines need no closer look.
  if (trimmed.length > HEADING_MAX_LENGTH) return 'paragraph';
  const severalSentences = /[.!?…]\s+\p{Lu}/u.test(trimmed);
  return !severalSentences && !/[.!;:…,]["'”’)\]]?$/u.test(trimmed) ? 'heading' : 'paragraph';
}

export function plainTextBlocks(text: string): PlainBlock[] {
  const blocks: PlainBlock[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const content = line.replace(/\r$/, '');
    if (content.trim()) blocks.push({ text: content, kind: classify(content), offset });
    offset += line.length + 1;
  }
  return blocks;
}
