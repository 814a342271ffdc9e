/**
 * `npm run eval -- --gold <gold.json> --pages <dir> [--list N]`
 * Measures the detector against gold annotations: explicit and implicit recall, precision, hype recall and stance
 * accuracy, overall and per topic, then the misses and false alarms.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError, loadDocument } from './documents';
import { projectEngine } from './engine';
import { GoldFileSchema, rate, scoreDocument, summarise, type DocumentScore, type Ratio } from './evaluate';
import { scanDocument } from './scan-document';

const USAGE = 'usage: npm run eval -- --gold <gold.json> --pages <dir> [--list N]';

const percent = (r: Ratio) => (r.total === 0 ? '   -  ' : `${(rate(r) * 100).toFixed(1).padStart(5)}%`);
const cell = (r: Ratio) => `${percent(r)} (${r.hits}/${r.total})`;

export async function evaluatePages(goldPath: string, pagesDir: string): Promise<DocumentScore[]> {
  const gold = GoldFileSchema.parse(JSON.parse(readFileSync(goldPath, 'utf8')));
  const engine = projectEngine();
  const scores: DocumentScore[] = [];
  for (const entry of gold) {
    const document = await loadDocument(join(pagesDir, entry.file));
    const scanned = scanDocument(engine, document, entry.lang ?? 'auto');
    scores.push(scoreDocument(entry.file, document.text, entry, scanned.findings));
  }
  return scores;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { gold: { type: 'string' }, pages: { type: 'string' }, list: { type: 'string', default: '40' } },
  });
  if (!values.gold || !values.pages) {
    console.error(`eval: --gold and --pages are required\n${USAGE}`);
    return 2;
  }
  const scores = await evaluatePages(values.gold, values.pages);
  const summary = summarise(scores);

  console.log(`\nNuchter eval — ${scores.length} documents, gold ${values.gold}\n`);
  console.log('| metric            | score                |');
  console.log('| ----------------- | -------------------- |');
  console.log(`| explicit recall   | ${cell(summary.explicitRecall).padEnd(20)} |`);
  console.log(`| implicit recall   | ${cell(summary.implicitRecall).padEnd(20)} |`);
  console.log(`| precision         | ${cell(summary.precision).padEnd(20)} |`);
  console.log(`| hype recall       | ${cell(summary.hypeRecall).padEnd(20)} |`);
  console.log(`| stance accuracy   | ${cell(summary.stanceAccuracy).padEnd(20)} |`);
  console.log(`| negative-page hits| ${String(summary.negativeFindings).padEnd(20)} |`);

  console.log('\n| topic      | explicit recall      | implicit recall      | precision            |');
  console.log('| ---------- | -------------------- | -------------------- | -------------------- |');
  for (const [topic, entry] of [...summary.perTopic].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(
      `| ${topic.padEnd(10)} | ${cell(entry.explicitRecall).padEnd(20)} | ${cell(entry.implicitRecall).padEnd(20)} | ${cell(entry.precision).padEnd(20)} |`,
    );
  }

  const limit = Number(values.list);
  const misses = scores.flatMap((score) =>
    score.gold
      .filter((_, index) => score.matchesOfGold[index]!.length === 0)
      .map(
        (claim) => `${score.file}  ${claim.topic}${claim.implicit ? '*' : ''}  ${claim.quote.slice(0, 110)}`,
      ),
  );
  const falseAlarms = scores.flatMap((score) =>
    score.findings
      .filter((_, index) => !score.findingCorrect[index])
      .map(
        (finding) =>
          `${score.file}  ${finding.topic}${finding.implicit ? '*' : ''}  ${finding.text.slice(0, 110)}`,
      ),
  );
  const unlocated = scores.flatMap((score) =>
    score.unlocated.map((claim) => `${score.file}  ${claim.quote.slice(0, 80)}`),
  );
  console.log(`\nMisses (${misses.length}; * = implicit):`);
  for (const line of misses.slice(0, limit)) console.log(`  ${line}`);
  console.log(`\nFalse alarms (${falseAlarms.length}):`);
  for (const line of falseAlarms.slice(0, limit)) console.log(`  ${line}`);
  if (unlocated.length > 0) {
    console.log(`\nGold quotes not found in their document (${unlocated.length}):`);
    for (const line of unlocated) console.log(`  ${line}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `eval: ${error instanceof InputError || error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
