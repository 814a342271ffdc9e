/**
 * The engine as the extension ships it. `tsx`, which runs the benchmark, compiles every module with esbuild's
 * `keepNames`, and wraps each function it creates in a `__name` call: in the engine's per-sentence closures that costs
 * about a quarter of its time. The extension is bundled by Vite without it, so the benchmark bundles the engine the
 * same way, once per run, into .bench/, and times that.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { ROOT } from '../cli/browser';

export type ShippedEngine = typeof import('./engine-entry');

const OUT_DIR = join(ROOT, '.bench', 'engine');

export async function loadShippedEngine(): Promise<ShippedEngine> {
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: OUT_DIR,
      emptyOutDir: true,
      minify: true,
      lib: {
        entry: join(ROOT, 'src/bench/engine-entry.ts'),
        formats: ['es'],
        fileName: () => 'engine.mjs',
      },
    },
  });
  return (await import(pathToFileURL(join(OUT_DIR, 'engine.mjs')).href)) as ShippedEngine;
}
