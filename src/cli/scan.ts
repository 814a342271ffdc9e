/**
 * `npm run --silent scan -- [--format json|table] [--lang auto|nl|en] <file-or-url>...`
 * Finds magnesium claims in text files, HTML files or web pages and prints them for people (table) or programs (json).
 */
import { parseArgs } from 'node:util';
import { InputError, loadDocument } from './documents';
import { projectEngine } from './engine';
import { scanDocument, type ScannedDocument } from './scan-document';

const USAGE = 'usage: npm run --silent scan -- [--format json|table] [--lang auto|nl|en] <file-or-url>...';

function printTable(documents: ScannedDocument[]): void {
  for (const document of documents) {
    console.log(`\n${document.source}  (${document.lang}, ${document.findings.length} claims)`);
    if (document.findings.length === 0) continue;
    const rows = document.findings.map((finding) => [
      finding.topic + (finding.implicit ? '*' : ''),
      finding.verdict,
      finding.stance,
      finding.hype.join(', '),
      finding.text.length > 90 ? `${finding.text.slice(0, 89)}…` : finding.text,
    ]);
    const header = ['topic', 'verdict', 'stance', 'hype', 'sentence'];
    const widths = header.map((title, column) =>
      Math.max(title.length, ...rows.map((row) => row[column]!.length)),
    );
    const line = (cells: string[]) =>
      cells
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd();
    console.log(line(header));
    console.log(line(widths.map((width) => '-'.repeat(width))));
    for (const row of rows) console.log(line(row));
  }
  console.log('\n* implicit: the sentence takes magnesium from its context');
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { format: { type: 'string', default: 'table' }, lang: { type: 'string', default: 'auto' } },
    });
  } catch (error) {
    console.error(`scan: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { format, lang } = parsed.values;
  if (format !== 'json' && format !== 'table') {
    console.error(`scan: --format must be json or table, got "${format}"\n${USAGE}`);
    return 2;
  }
  if (lang !== 'auto' && lang !== 'nl' && lang !== 'en') {
    console.error(`scan: --lang must be auto, nl or en, got "${lang}"\n${USAGE}`);
    return 2;
  }
  if (parsed.positionals.length === 0) {
    console.error(`scan: no input given\n${USAGE}`);
    return 2;
  }
  const engine = projectEngine();
  const documents: ScannedDocument[] = [];
  for (const input of parsed.positionals) {
    try {
      documents.push(scanDocument(engine, await loadDocument(input), lang));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      console.error(`scan: ${error.message}`);
      return 1;
    }
  }
  if (format === 'json') process.stdout.write(`${JSON.stringify({ documents })}\n`);
  else printTable(documents);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`scan: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
