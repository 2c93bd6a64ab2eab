import * as Stats from "../stats";

/**
 * The statistics a cancellation made at `now` adds, per participation cancelled: its lead-time
 * bucket (< 24 h, 1–7 days, > 7 days before the start); none once the appointment has started
 * (an agent marking a past appointment excused is not a cancellation in advance).
 */
export function cancellationCounters(startsAt: string, participations: number, now: Date): Partial<Record<Stats.Counter, number>> {
  const bucket = Stats.cancellationBucket(startsAt, now);
  return bucket && participations > 0 ? { [bucket]: participations } : {};
}
