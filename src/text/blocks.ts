/** The unit the engine reads: a heading, a paragraph or a list item, as a page or a text file shows it. */
import type { TextLang } from './language';

export type BlockKind = 'heading' | 'paragraph' | 'list-item';

export interface TextBlock {
  text: string;
  kind: BlockKind;
  /** The language the page declares for this block, if any. */
  lang?: TextLang;
}
