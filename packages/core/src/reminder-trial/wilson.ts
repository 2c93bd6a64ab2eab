/**
 * The Wilson score interval of a proportion k / n: unlike the normal approximation it stays
 * within [0, 1] and behaves with few appointments or rates near 0 (no-show rates of 5 % are).
 * z = 1.959964 gives the 95 % interval. Null when there is nothing to measure (n = 0).
 */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

export function wilson(successes: number, trials: number, z: number = Z95): Interval | null {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < 0 || successes > trials) {
    throw new RangeError(`wilson: 0 <= successes <= trials expected, got ${successes} / ${trials}`);
  }
  if (trials === 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Whether two intervals share at least one value. */
export function overlap(a: Interval, b: Interval): boolean {
  return a.low <= b.high && b.low <= a.high;
}
