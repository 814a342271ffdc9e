/**
 * Reads a document for the command-line tools: a `.txt` file exactly as read, an `.html` file extracted the way the
 * content script extracts a page, or an http(s) URL (fetched here, by the CLI only — the extension never fetches).
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Window } from 'happy-dom';
import { extractBlocks } from '../text/dom-blocks';
import { langFromTag, type TextLang } from '../text/language';
import { plainTextBlocks, type PlainBlock } from '../text/plain-blocks';

export class InputError extends Error {}

export interface LoadedDocument {
  source: string;
  /** The text that finding offsets refer to. For HTML: the extracted blocks, one per line. */
  text: string;
  readonly blocks: PlainBlock[];
  /** The language the document declares, if any. */
  declaredLang?: TextLang;
}

function decodeUtf8(bytes: Uint8Array, source: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError(`${source}: not a UTF-8 text file`);
  }
}

/** Extracts HTML into blocks with offsets into a text made of the blocks joined by line breaks. */
export function htmlDocument(source: string, html: string): LoadedDocument {
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
      },
    },
  });
  try {
    const document = new window.DOMParser().parseFromString(html, 'text/html');
    const blocks: PlainBlock[] = [];
    let text = '';
    for (const block of extractBlocks(document as unknown as Document)) {
      if (text) text += '\n';
      blocks.push({
        text: block.text,
        kind: block.kind,
        offset: text.length,
        ...(block.lang ? { lang: block.lang } : {}),
      });
      text += block.text;
    }
    const declaredLang = langFromTag(document.documentElement.getAttribute('lang'));
    return { source, text, blocks, ...(declaredLang ? { declaredLang } : {}) };
  } finally {
    void window.happyDOM.close();
  }
}

export function textDocument(source: string, text: string): LoadedDocument {
  // Split into lines on first use: text that cannot name the subject is never split (see scanDocument).
  let blocks: PlainBlock[] | undefined;
  return {
    source,
    text,
    get blocks() {
      return (blocks ??= plainTextBlocks(text));
    },
  };
}

async function fetchDocument(url: string): Promise<LoadedDocument> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (error) {
    throw new InputError(`${url}: could not fetch (${(error as Error).message})`);
  }
  if (!response.ok)
    throw new InputError(`${url}: the server answered ${response.status} ${response.statusText}`);
  const type = response.headers.get('content-type') ?? '';
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (/text\/html|application\/xhtml/.test(type)) return htmlDocument(url, decodeUtf8(bytes, url));
  if (/text\/plain/.test(type)) return textDocument(url, decodeUtf8(bytes, url));
  throw new InputError(`${url}: not HTML or text (content-type ${type || 'missing'})`);
}

export async function loadDocument(input: string): Promise<LoadedDocument> {
  if (/^https?:\/\//i.test(input)) return fetchDocument(input);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `${input}: no such file` : `${input}: cannot read (${code ?? 'error'})`,
    );
  }
  const text = decodeUtf8(bytes, input);
  const extension = extname(input).toLowerCase();
  if (extension === '.html' || extension === '.htm') return htmlDocument(input, text);
  return textDocument(input, text);
}
