/**
 * The clock port. Domain maths take `now` as an argument; handlers read it here. On AWS it is
 * the system time; the local stack may start it at `RDV_NOW` and let it run from there.
 */
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Makes the clock read `start` now and run on from there. */
export function startAt(start: Date): void {
  offsetMs = start.getTime() - Date.now();
}

export function reset(): void {
  offsetMs = 0;
}

/** Parses RDV_NOW: an ISO 8601 instant with a timezone designator. */
export function parseStart(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new Error(`RDV_NOW must be an ISO instant with its offset, e.g. 2026-12-01T08:00:00+01:00 (got "${value}")`);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`RDV_NOW is not a valid instant: "${value}"`);
  return date;
}
