import { DateTime } from "luxon";
import type { Weekday } from "./types";

/** Calendar arithmetic of the engine: local days as day numbers, wall clock to epoch milliseconds and back. */
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

// Local calendar days as day numbers (days since 1970-01-01): exact, no timezone involved.
export function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

export function dayString(dayNo: number): string {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
}

/** 0 for Monday … 6 for Sunday; 1970-01-01 was a Thursday. */
export function weekdayIndex(dayNo: number): number {
  return (((dayNo + 3) % 7) + 7) % 7;
}

// luxon resolves a timezone offset at each conversion, which dominated the engine's time; the
// same wall-clock times and the same hours recur across agents and weeks, so both directions are
// memoised (bounded caches, reset when full).
const MEMO_LIMIT = 100_000;
const localMillisMemo = new Map<string, number>();
const offsetMemo = new Map<string, number>();

export function localMillis(day: string, time: string, zone: string): number {
  const key = `${zone}|${day}T${time}`;
  const known = localMillisMemo.get(key);
  if (known !== undefined) return known;
  const instant = DateTime.fromISO(`${day}T${time}`, { zone });
  if (!instant.isValid) throw new RangeError(`invalid local time ${day}T${time} in ${zone}`);
  if (localMillisMemo.size >= MEMO_LIMIT) localMillisMemo.clear();
  localMillisMemo.set(key, instant.toMillis());
  return instant.toMillis();
}

/** UTC offset in minutes at an instant; these zones change offset on whole hours only. */
export function offsetMinutes(ms: number, zone: string): number {
  const key = `${zone}|${Math.floor(ms / 3_600_000)}`;
  let offset = offsetMemo.get(key);
  if (offset === undefined) {
    const dt = DateTime.fromMillis(ms, { zone });
    if (!dt.isValid) throw new RangeError(`invalid timezone: ${zone}`);
    offset = dt.offset;
    if (offsetMemo.size >= MEMO_LIMIT) offsetMemo.clear();
    offsetMemo.set(key, offset);
  }
  return offset;
}

export function utcIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** ISO 8601 with the local offset, no milliseconds: "2026-12-07T09:00:00+01:00". */
export function localIso(ms: number, zone: string): string {
  const offset = offsetMinutes(ms, zone);
  const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
