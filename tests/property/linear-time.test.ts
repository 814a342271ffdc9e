/**
 * Linear time on adversarial input (issue #8): the engine (`findClaims` on `plainTextBlocks`) must read 1 MB of
 * hostile text — no spaces, one endless sentence, runs of punctuation, a word that matches many prefix patterns,
 * a negation repeated without end — in at most K times what it needs for 1 MB of ordinary, claim-dense text. The
 * point is to catch quadratic or backtracking blow-ups (a page could freeze the tab), not to benchmark.
 *
 * Each run happens in a child process (linear-time.child.ts) that is killed once it exceeds its budget, so a
 * blow-up costs the budget, not hours. Inputs are built here and handed over as files, with the compiled rules.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlDocument } from '../../src/cli/documents';
import { projectEngine } from '../../src/cli/engine';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./linear-time.child.ts', import.meta.url));
const PAGES = fileURLToPath(new URL('../fixtures/pages', import.meta.url));

/** Input size in UTF-16 code units. */
const SIZE = 1 << 20;
/** An adversarial input may take this many times the normal one… */
const K = 10;
/** …but never less than this (ms): small absolute times are mostly noise. */
const FLOOR_MS = 3000;
/** Building the engine in the child and warming it up must not take longer than this (ms). */
const SETUP_LIMIT_MS = 60_000;

/** `unit` repeated to exactly `length` code units. */
const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
/** `prefix`, then `unit` repeated, then `suffix`: exactly SIZE code units. */
const build = (prefix: string, unit: string, suffix = '') =>
  prefix + fill(unit, SIZE - prefix.length - suffix.length) + suffix;

/** Ordinary text: the claim-bearing fixture pages (negative controls left out), extracted as the CLI does, to 1 MB. */
function normalText(): string {
  const pages = readdirSync(PAGES)
    .filter((file) => file.endsWith('.html') && !file.startsWith('neg-'))
    .map((file) => htmlDocument(file, readFileSync(join(PAGES, file), 'utf8')).text);
  const base = pages.join('\n') + '\n';
  return build('', base);
}

interface AdversarialCase {
  name: string;
  input: () => string;
  /** Set for a known super-linear case (an `it.fails` test). */
  bug?: boolean;
}

const CASES: AdversarialCase[] = [
  { name: 'no spaces: "magnesium" repeated', input: () => build('', 'magnesium') },
  { name: 'no spaces: "aaaa…" after "magnesium "', input: () => build('magnesium ', 'a') },
  { name: 'no spaces: "aaaa…" alone', input: () => build('', 'a') },
  {
    name: 'one word matching many prefix patterns: "slaapslaapslaap…"',
    input: () => build('magnesium ', 'slaap'),
  },
  { name: '"." "?" and digits: ".?1.?1…" after a claim', input: () => build('magnesium slaap ', '.?1') },
  {
    name: '"." "?" and digits as tiny sentences: "1. 2? 3.5 …"',
    input: () => build('Magnesium. ', '1. 2? 3.5 '),
  },
  { name: '1 MB of short lines: "magnesium slaap\\n" repeated', input: () => build('', 'magnesium slaap\n') },
  {
    name: 'soft hyphens and zero-width characters in every word, one line per claim',
    input: () => build('', 'Magne\u00adsium helpt je slaap\u200b. Geen won\u00addermiddel!\n'),
  },
];

interface ChildResult {
  /** Time of each run, or, when killed, how long it had run. */
  ms: number[];
  findings?: number;
  killed: boolean;
}

let workDir = '';
let rulesPath = '';
let inputCounter = 0;

/** Times the engine on `input` in a child process; kills it after `limitMs` (per run) past its warm-up. */
function timeInChild(input: string, limitMs: number, runs = 1): Promise<ChildResult> {
  const inputPath = join(workDir, `input-${inputCounter++}.txt`);
  writeFileSync(inputPath, input);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, rulesPath, inputPath, String(runs)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let readyAt = 0;
    let killed = false;
    const kill = () => {
      killed = true;
      child.kill('SIGKILL');
    };
    let timer = setTimeout(kill, SETUP_LIMIT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!readyAt && stdout.includes('ready\n')) {
        readyAt = performance.now();
        clearTimeout(timer);
        timer = setTimeout(kill, limitMs * runs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(inputPath, { force: true });
      if (killed) {
        if (!readyAt) reject(new Error(`the child did not get ready in ${SETUP_LIMIT_MS} ms\n${stderr}`));
        else resolve({ ms: [performance.now() - readyAt], killed: true });
        return;
      }
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`the child failed (exit ${code})\n${stderr}`));
        return;
      }
      resolve({ ...(JSON.parse(last) as { ms: number[]; findings: number }), killed: false });
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const report: string[] = [];
let normalMs = 0;
let budgetMs = 0;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'nuchter-linear-'));
  rulesPath = join(workDir, 'rules.json');
  writeFileSync(rulesPath, JSON.stringify(projectEngine().rules));
  const normal = normalText();
  expect(normal.length).toBe(SIZE);
  // The normal case has no budget of its own: a minute is plenty for 1 MB of ordinary text.
  const result = await timeInChild(normal, 60_000, 3);
  expect(result.killed, '1 MB of normal text finished').toBe(false);
  expect(result.findings, 'the normal text is claim-dense').toBeGreaterThan(1000);
  normalMs = median(result.ms);
  budgetMs = Math.max(K * normalMs, FLOOR_MS);
  report.push(
    `normal text, 1 MB: ${result.ms.map((ms) => ms.toFixed(0)).join(' / ')} ms ` +
      `(median ${normalMs.toFixed(0)} ms, ${result.findings} findings) → budget ${budgetMs.toFixed(0)} ms`,
  );
}, 240_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  console.log(
    `[linear-time] engine on 1 MB inputs (K = ${K}, floor ${FLOOR_MS} ms)\n  ${report.join('\n  ')}`,
  );
});

async function expectWithinBudget(testCase: AdversarialCase): Promise<void> {
  const input = testCase.input();
  expect(input.length).toBe(SIZE);
  const result = await timeInChild(input, budgetMs);
  const ms = result.ms[0]!;
  report.push(
    `${testCase.name}: ${result.killed ? `> ${ms.toFixed(0)} ms (killed at the budget)` : `${ms.toFixed(0)} ms`}` +
      ` = ${(ms / normalMs).toFixed(1)}× normal${testCase.bug ? ' [known bug]' : ''}`,
  );
  expect(result.killed, `${testCase.name}: still running after the budget of ${budgetMs.toFixed(0)} ms`).toBe(
    false,
  );
  expect(ms).toBeLessThanOrEqual(budgetMs);
}

describe('engine time on 1 MB of adversarial text is at most K × that of normal text', () => {
  for (const testCase of CASES) {
    it(testCase.name, { timeout: 180_000 }, () => expectWithinBudget(testCase));
  }

  // Cases that were super-linear once (the run was killed at the budget), kept as regression tests.
  const knownBug = (name: string, input: () => string) =>
    it(name, { timeout: 180_000 }, () => expectWithinBudget({ name, input }));

  // Fixed: ClaimEngine.findingsForSentence (src/match/engine.ts): `clauseOf(tokenIndex)` counts contrast words from
  // token 0 on every call, and `ownClauses` calls it once per trigger → O(tokens²) in one long sentence.
  knownBug('one huge sentence: "magnesium slaap " repeated', () => build('', 'magnesium slaap '));

  // Fixed: same function: `governs()` calls `clauseOf()` twice (O(tokens) each) for every negation × trigger pair
  // (and negation × hype pair) → O(tokens²) here, O(tokens³) for "magnesium geen slaap " repeated.
  knownBug('a negation repeated: "magnesium slaap geen geen geen …"', () =>
    build('magnesium slaap ', 'geen '),
  );

  // Fixed: splitSentences (src/text/segment.ts): at each terminator it scans forward over the whole run of
  // terminators and closers; when the run is followed by neither a space nor the end, it `continue`s at i + 1 and
  // scans the same run again → O(run²).
  knownBug('"." and "?" run not followed by a space: "magnesium slaap .?.?.?…1"', () =>
    build('magnesium slaap ', '.?', '1'),
  );

  // Fixed: ClaimEngine.findingsForSentence: `lastChar` strips trailing closers with `.replace(/["')\]\s]+$/, '')` on
  // the whole sentence; on a long run of quotes or brackets that is not at the end, the regex starts at every
  // position of the run and backtracks over the rest of it → O(run²).
  knownBug('a run of closing brackets inside a claim: "magnesium helpt bij slaap ))))…x."', () =>
    build('magnesium helpt bij slaap ', ')', 'x.'),
  );
});
