/** Timing helpers: percentiles, timed loops. */

export interface Timing {
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  n: number;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Nearest-rank percentile of an unsorted sample. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarise(samples: number[]): Timing {
  return {
    medianMs: round(percentile(samples, 50)),
    p95Ms: round(percentile(samples, 95)),
    maxMs: round(Math.max(...samples)),
    n: samples.length,
  };
}

/**
 * Runs `fn` untimed at least `warmup` times and for at least `warmupMs`, then `iterations` times
 * timed, one after the other. The time-based warm-up matters: after the stack starts, the first
 * few hundred searches run ~40 % slower while Node and DynamoDB Local's JVM compile the hot paths.
 */
export async function timeSequential(
  fn: (i: number) => Promise<void>,
  options: { warmup: number; warmupMs?: number; iterations: number },
): Promise<number[]> {
  const warmUntil = performance.now() + (options.warmupMs ?? 0);
  for (let i = 0; i < options.warmup || performance.now() < warmUntil; i++) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  return samples;
}
