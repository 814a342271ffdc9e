/** Builds a claim engine straight from the rule files, for the command-line tools and tests. */
import { fileURLToPath } from 'node:url';
import { compileRules } from '../knowledge/compile';
import { loadRules } from '../knowledge/load';
import { ClaimEngine } from '../match/engine';

export const RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));

let cached: ClaimEngine | undefined;

/** The engine for the project's own rules, compiled once per process. */
export function projectEngine(): ClaimEngine {
  cached ??= new ClaimEngine(compileRules(loadRules(RULES_DIR)));
  return cached;
}
