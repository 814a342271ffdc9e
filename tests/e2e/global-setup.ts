import { execFileSync } from 'node:child_process';
import { EXTENSION_DIR, findChromium } from './harness';

/** Builds the extension once before the e2e run, so tests never see a stale build. */
export default function setup(): void {
  findChromium(); // fail early, with install advice, when there is no browser
  if (process.env.NUCHTER_E2E_SKIP_BUILD === '1') return;
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  process.stdout.write(`e2e: extension built in ${EXTENSION_DIR}\n`);
}
