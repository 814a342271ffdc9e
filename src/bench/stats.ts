/** Small statistics and timing helpers shared by the benchmarks. */
import { performance } from 'node:perf_hooks';

/** The value below which `p` (0–1) of the samples lie (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(p * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/** The median: the middle sample, or the mean of the two middle ones. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Times each of `works` `runs` times, taking turns (a, b, a, b, …) so that a busy moment of the machine hits them
 * alike, after `warmUps` untimed turns that let the JIT compile the code. Returns the ms of each run, per work.
 */
export function timeRuns(runs: number, works: (() => unknown)[], warmUps = 3): number[][] {
  for (let i = 0; i < warmUps; i++) for (const work of works) work();
  const times: number[][] = works.map(() => []);
  for (let i = 0; i < runs; i++) {
    works.forEach((work, index) => {
      const started = performance.now();
      work();
      times[index]!.push(performance.now() - started);
    });
  }
  return times;
}
