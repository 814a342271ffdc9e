/**
 * Download and memory size of what ships: the content script, the popup's chunks (its module and what it preloads)
 * and the compiled rules, gzipped at level 9.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR } from '../cli/browser';
import { projectEngine } from '../cli/engine';

export interface SizeEntry {
  what: string;
  files: string[];
  bytes: number;
  gzipBytes: number;
}

const gzipSize = (data: string | Buffer) => gzipSync(data, { level: 9 }).length;

function entry(what: string, files: string[]): SizeEntry {
  const contents = files.map((file) => readFileSync(join(EXTENSION_DIR, file)));
  return {
    what,
    files,
    bytes: contents.reduce((sum, data) => sum + data.length, 0),
    gzipBytes: contents.reduce((sum, data) => sum + gzipSize(data), 0),
  };
}

/** The JS files popup.html loads: its module script and the chunks it preloads. */
function popupChunks(): string[] {
  const html = readFileSync(join(EXTENSION_DIR, 'popup.html'), 'utf8');
  return [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/([^"]+\.js)"/g)].map((match) => match[1]!);
}

export function measureSizes(): SizeEntry[] {
  const rules = JSON.stringify(projectEngine().rules);
  return [
    entry('content script', ['content-scripts/content.js']),
    entry('popup chunks', popupChunks()),
    {
      what: 'compiled rules (JSON)',
      files: ['rules/ compiled by src/knowledge/compile'],
      bytes: Buffer.byteLength(rules),
      gzipBytes: gzipSize(rules),
    },
  ];
}
