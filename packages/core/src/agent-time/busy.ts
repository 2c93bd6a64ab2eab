import { DateTime } from "luxon";

export interface BusyInterval {
  appointmentId: string;
  /** UTC ISO instants; `end` includes the motif's buffer */
  start: string;
  end: string;
}

/**
 * An agent's time freed while still to come (see AgentDayEntity.freed), with what its statistics
 * are counted under: the freed appointment's organisation, service and local month.
 */
export interface FreedInterval extends BusyInterval {
  organisationId: string;
  serviceId: string;
  month: string;
}

/** Local days (YYYY-MM-DD in `timezone`) an interval touches: usually one. */
export function localDaysOf(start: string, end: string, timezone: string): string[] {
  const days: string[] = [];
  let day = DateTime.fromISO(start, { zone: "utc" }).setZone(timezone).startOf("day");
  const last = DateTime.fromISO(end, { zone: "utc" }).minus({ milliseconds: 1 }).setZone(timezone).startOf("day");
  while (day <= last) {
    days.push(day.toISODate()!);
    day = day.plus({ days: 1 });
  }
  return days;
}

/** Whether two half-open intervals [start, end) overlap (ISO UTC strings compare as instants). */
export function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Replaces the intervals of the same appointments and keeps the list sorted by start. */
export function mergeBusy(existing: BusyInterval[], added: BusyInterval[]): BusyInterval[] {
  const ids = new Set(added.map((interval) => interval.appointmentId));
  return [...existing.filter((interval) => !ids.has(interval.appointmentId)), ...added].sort(
    (a, b) => a.start.localeCompare(b.start) || a.appointmentId.localeCompare(b.appointmentId),
  );
}
