/**
 * Child process of linear-time.test.ts (not a test file itself): times the engine on one input in a process of its
 * own, so that the test can kill a run that blows up instead of waiting for it (a synchronous loop in the test's
 * own process could not be interrupted).
 *
 * Usage: node --import tsx linear-time.child.ts <compiled-rules.json> <input.txt> <runs>
 * Prints `ready` once the engine is built and warmed up, then one line of JSON: `{"ms":[…],"findings":n}`.
 */
import { readFileSync } from 'node:fs';
import { ClaimEngine } from '../../src/match/engine';
import { plainTextBlocks } from '../../src/text/plain-blocks';

const [rulesPath, inputPath, runsArgument] = process.argv.slice(2);
if (!rulesPath || !inputPath) throw new Error('usage: linear-time.child.ts <rules.json> <input.txt> [runs]');
const runs = Math.max(1, Number(runsArgument ?? 1));

const engine = new ClaimEngine(JSON.parse(readFileSync(rulesPath, 'utf8')));
const text = readFileSync(inputPath, 'utf8');

// Warm up the JIT on ordinary text, never on the input under test (which may be the slow one).
const warmUp =
  'Magnesium helpt je sneller in slaap te vallen. Het is geen wondermiddel tegen stress.\n'.repeat(200);
for (let i = 0; i < 3; i++) engine.findClaims(plainTextBlocks(warmUp));

process.stdout.write('ready\n');
const ms: number[] = [];
let findings = 0;
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  findings = engine.findClaims(plainTextBlocks(text)).length;
  ms.push(performance.now() - started);
}
process.stdout.write(`${JSON.stringify({ ms, findings })}\n`);
