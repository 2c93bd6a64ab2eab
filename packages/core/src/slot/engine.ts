import { DateTime } from "luxon";
import { isPublicHoliday } from "./holidays";

/**
 * The slot engine: pure maths from opening rules, absences and busy intervals to bookable
 * slots. Rules and absences are wall-clock in the département's timezone; everything else is
 * epoch milliseconds inside, with luxon used once per occurrence (never per 5-minute step).
 */

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

export interface WeeklyRecurrence {
  everyWeeks: number;
  weekdays: Weekday[];
}

export type EngineException =
  | { day: string; cancelled: true }
  | { day: string; moved: { day: string; start: string; end: string } };

export interface EngineRule {
  id: string;
  agentId: string;
  placeId: string;
  motifIds: string[];
  firstDay: string;
  until?: string;
  /** HH:MM local */
  start: string;
  end: string;
  recurrence: WeeklyRecurrence | null;
  exceptions: EngineException[];
}

export interface EngineAbsence {
  id: string;
  agentId: string;
  /** YYYY-MM-DDTHH:MM local */
  start: string;
  end: string;
  recurrence: WeeklyRecurrence | null;
  until?: string;
  exceptions: EngineRule["exceptions"];
}

/** UTC ISO instants; `end` already includes the buffer of the appointment that made it. */
export interface BusyInterval {
  start: string;
  end: string;
}

export interface SlotQuery {
  timezone: string;
  departmentCode: string;
  whitMondayWorked: boolean;
  now: Date;
  /** local dates, both inclusive */
  from: string;
  to: string;
  motif: { id: string; durationMinutes: number; bufferMinutes: number; minDelayMinutes: number; maxDelayDays: number };
  placeId: string;
  /** may include rules of other places or motifs: they are ignored */
  rules: EngineRule[];
  absences: EngineAbsence[];
  /** by agentId */
  busy: Record<string, BusyInterval[]>;
  /** true for usagers (min and max delay filter starts), false for agents */
  bookingWindow: boolean;
  /** stop after this many slots (for "next available slot") */
  limit?: number;
}

/** ISO 8601 with the local offset, no milliseconds; agentIds sorted. */
export interface Slot {
  startsAt: string;
  endsAt: string;
  agentIds: string[];
}

interface Interval {
  start: number;
  end: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Re-anchoring step of a free interval that has already begun. */
const STEP_MS = 5 * MINUTE_MS;
const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

// Local calendar days as day numbers (days since 1970-01-01): exact, no timezone involved.
function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function dayString(dayNo: number): string {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
}

/** 0 for Monday … 6 for Sunday; 1970-01-01 was a Thursday. */
function weekdayIndex(dayNo: number): number {
  return (((dayNo + 3) % 7) + 7) % 7;
}

// luxon resolves a timezone offset at each conversion, which dominated the engine's time; the
// same wall-clock times and the same hours recur across agents and weeks, so both directions are
// memoised (bounded caches, reset when full).
const MEMO_LIMIT = 100_000;
const localMillisMemo = new Map<string, number>();
const offsetMemo = new Map<string, number>();

function localMillis(day: string, time: string, zone: string): number {
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
function offsetMinutes(ms: number, zone: string): number {
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

function utcIso(ms: number): string {
  return new Date(ms).toISOString();
}

interface Series {
  firstDay: string;
  until?: string;
  recurrence: WeeklyRecurrence | null;
  exceptions: EngineException[];
}

/** A series' days as day numbers, parsed once per call rather than once per day tested. */
interface SeriesDays {
  first: number;
  /** last possible day of a recurring series (its `until`), or Infinity */
  last: number;
  recurrence: WeeklyRecurrence | null;
  /** weekday indexes (0 = Monday) of a recurring series */
  weekdays: ReadonlySet<number>;
  /** day number of the Monday of the first week */
  firstMonday: number;
}

function seriesDays(series: Series): SeriesDays {
  const first = dayNumber(series.firstDay);
  return {
    first,
    last: series.until !== undefined ? dayNumber(series.until) : Number.POSITIVE_INFINITY,
    recurrence: series.recurrence,
    weekdays: new Set((series.recurrence?.weekdays ?? []).map((weekday) => WEEKDAYS.indexOf(weekday)).filter((i) => i >= 0)),
    firstMonday: first - weekdayIndex(first),
  };
}

/** Whether the series has an occurrence on a day, before exceptions. */
function seriesOccursOn(series: SeriesDays, dayNo: number): boolean {
  if (dayNo < series.first) return false;
  if (!series.recurrence) return dayNo === series.first;
  if (dayNo > series.last) return false;
  const weekday = weekdayIndex(dayNo);
  if (!series.weekdays.has(weekday)) return false;
  return ((dayNo - weekday - series.firstMonday) / 7) % series.recurrence.everyWeeks === 0;
}

type SeriesOccurrence = { day: string; moved?: { start: string; end: string } };

/**
 * Occurrences of a series on days from..to (day numbers, inclusive), exceptions applied. An
 * exception counts only when its day is an occurrence of the series; a moved occurrence lands
 * on its new day whatever the weekday.
 */
function seriesOccurrences(series: Series, from: number, to: number): SeriesOccurrence[] {
  const days = seriesDays(series);
  const excepted = new Set(series.exceptions.map((exception) => exception.day));
  const last = series.recurrence ? Math.min(to, days.last) : Math.min(to, days.first);
  const occurrences: SeriesOccurrence[] = [];
  for (let dayNo = Math.max(from, days.first); dayNo <= last; dayNo++) {
    if (!seriesOccursOn(days, dayNo)) continue;
    const day = dayString(dayNo);
    if (!excepted.has(day)) occurrences.push({ day });
  }
  const seen = new Set<string>();
  for (const exception of series.exceptions) {
    if (seen.has(exception.day)) continue; // the first exception of a day wins
    seen.add(exception.day);
    if (!("moved" in exception) || !seriesOccursOn(days, dayNumber(exception.day))) continue;
    const target = dayNumber(exception.moved.day);
    if (target >= from && target <= to) {
      occurrences.push({ day: exception.moved.day, moved: { start: exception.moved.start, end: exception.moved.end } });
    }
  }
  return occurrences;
}

/** Opening occurrences of a rule on local days from..to (inclusive), as UTC ISO instants, sorted. */
export function openingOccurrences(
  rule: EngineRule,
  from: string,
  to: string,
  timezone: string,
): Array<{ day: string; start: string; end: string }> {
  return openingMillis(rule, from, to, timezone).map(({ day, start, end }) => ({ day, start: utcIso(start), end: utcIso(end) }));
}

/** The same as epoch milliseconds, which the slot computation works in. */
function openingMillis(rule: EngineRule, from: string, to: string, timezone: string): Array<{ day: string; start: number; end: number }> {
  return seriesOccurrences(rule, dayNumber(from), dayNumber(to))
    .map(({ day, moved }) => ({
      day,
      start: localMillis(day, moved?.start ?? rule.start, timezone),
      end: localMillis(day, moved?.end ?? rule.end, timezone),
    }))
    .sort((a, b) => a.start - b.start);
}

/**
 * Occurrences of an absence overlapping local days from..to (inclusive), as UTC ISO instants,
 * sorted. A recurring absence repeats with the same local start time and the same wall-clock
 * duration (an absence 09:00–12:00 stays 09:00–12:00 across a DST change).
 */
export function absenceOccurrences(
  absence: EngineAbsence,
  from: string,
  to: string,
  timezone: string,
): Array<{ start: string; end: string }> {
  return absenceMillis(absence, from, to, timezone).map(({ start, end }) => ({ start: utcIso(start), end: utcIso(end) }));
}

/** The same as epoch milliseconds. */
function absenceMillis(absence: EngineAbsence, from: string, to: string, timezone: string): Interval[] {
  const startDay = absence.start.slice(0, 10);
  const startTime = absence.start.slice(11, 16);
  const wallDurationMs = Date.parse(`${absence.end}:00Z`) - Date.parse(`${absence.start}:00Z`);
  const spanDays = Math.ceil(wallDurationMs / DAY_MS);
  const series: Series = { ...absence, firstDay: startDay };
  const rangeStart = localMillis(from, "00:00", timezone);
  const rangeEnd = localMillis(dayString(dayNumber(to) + 1), "00:00", timezone);
  return seriesOccurrences(series, dayNumber(from) - spanDays, dayNumber(to))
    .map(({ day, moved }) => {
      if (moved) return { start: localMillis(day, moved.start, timezone), end: localMillis(day, moved.end, timezone) };
      const wallEnd = new Date(Date.parse(`${day}T${startTime}:00Z`) + wallDurationMs).toISOString();
      return { start: localMillis(day, startTime, timezone), end: localMillis(wallEnd.slice(0, 10), wallEnd.slice(11, 16), timezone) };
    })
    .filter((occurrence) => occurrence.start < rangeEnd && occurrence.end > rangeStart)
    .sort((a, b) => a.start - b.start);
}

/** Union of intervals, sorted; touching intervals join (one free interval, one grid). */
function merge(intervals: Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const interval of [...intervals].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** `open` (merged, sorted) minus `blocked` (merged, sorted). */
function subtract(open: Interval[], blocked: Interval[]): Interval[] {
  const free: Interval[] = [];
  for (const interval of open) {
    let cursor = interval.start;
    for (const block of blocked) {
      if (block.end <= cursor) continue;
      if (block.start >= interval.end) break;
      if (block.start > cursor) free.push({ start: cursor, end: block.start });
      cursor = block.end;
      if (cursor >= interval.end) break;
    }
    if (cursor < interval.end) free.push({ start: cursor, end: interval.end });
  }
  return free;
}

/**
 * Starts of a free interval: a grid of the motif's duration anchored at the interval's start;
 * when the interval has already begun, re-anchored on its first 5-minute step not in the past.
 */
function gridStarts(free: Interval, nowMs: number, durationMs: number): number[] {
  let first = free.start;
  if (first < nowMs) first += Math.ceil((nowMs - first) / STEP_MS) * STEP_MS;
  const starts: number[] = [];
  for (let start = first; start + durationMs <= free.end; start += durationMs) starts.push(start);
  return starts;
}

/** ISO 8601 with the local offset, no milliseconds: "2026-12-07T09:00:00+01:00". */
function localIso(ms: number, zone: string): string {
  const offset = offsetMinutes(ms, zone);
  const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Bookable slots of a motif at a place, sorted by start, one per start with every free agent. */
export function computeSlots(query: SlotQuery): Slot[] {
  const { timezone, motif } = query;
  const nowMs = query.now.getTime();
  const nowLocal = DateTime.fromMillis(nowMs, { zone: timezone });
  if (!nowLocal.isValid) throw new RangeError(`invalid timezone: ${timezone}`);
  const durationMs = motif.durationMinutes * MINUTE_MS;
  const bufferMs = motif.bufferMinutes * MINUTE_MS;
  const earliest = query.bookingWindow ? nowMs + motif.minDelayMinutes * MINUTE_MS : nowMs;
  const latestLocal = query.bookingWindow ? nowLocal.plus({ days: motif.maxDelayDays }) : undefined;
  const latest = latestLocal ? latestLocal.toMillis() : Number.POSITIVE_INFINITY;

  // Past days give nothing; days beyond the booking window neither.
  const today = nowLocal.toISODate() ?? query.from;
  const from = query.from > today ? query.from : today;
  const lastDay = latestLocal?.toISODate();
  const to = lastDay !== undefined && lastDay !== null && lastDay < query.to ? lastDay : query.to;
  if (from > to || durationMs <= 0) return [];

  // Openings by local day, then by agent.
  const openingsByDay = new Map<string, Map<string, Interval[]>>();
  for (const rule of query.rules) {
    if (rule.placeId !== query.placeId || !rule.motifIds.includes(motif.id)) continue;
    for (const occurrence of openingMillis(rule, from, to, timezone)) {
      if (isPublicHoliday(occurrence.day, query.departmentCode, query.whitMondayWorked)) continue;
      const byAgent = openingsByDay.get(occurrence.day) ?? new Map<string, Interval[]>();
      openingsByDay.set(occurrence.day, byAgent);
      const openings = byAgent.get(rule.agentId) ?? [];
      byAgent.set(rule.agentId, openings);
      openings.push({ start: occurrence.start, end: occurrence.end });
    }
  }

  // Busy intervals also block the buffer the new appointment needs before them; absences do not.
  const blockedByAgent = new Map<string, Interval[]>();
  const blockedOf = (agentId: string): Interval[] => {
    let blocked = blockedByAgent.get(agentId);
    if (!blocked) {
      const absences = query.absences
        .filter((absence) => absence.agentId === agentId)
        .flatMap((absence) => absenceMillis(absence, from, to, timezone));
      const busy = (query.busy[agentId] ?? []).map((interval) => ({
        start: Date.parse(interval.start) - bufferMs,
        end: Date.parse(interval.end),
      }));
      blocked = merge([...absences, ...busy]);
      blockedByAgent.set(agentId, blocked);
    }
    return blocked;
  };

  const slots: Slot[] = [];
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  for (const day of [...openingsByDay.keys()].sort()) {
    const agentsByStart = new Map<number, string[]>();
    const byAgent = openingsByDay.get(day) ?? new Map<string, Interval[]>();
    for (const agentId of [...byAgent.keys()].sort()) {
      const free = subtract(merge(byAgent.get(agentId) ?? []), blockedOf(agentId));
      for (const interval of free) {
        for (const start of gridStarts(interval, nowMs, durationMs)) {
          if (start < earliest || start > latest) continue;
          const agents = agentsByStart.get(start) ?? [];
          agentsByStart.set(start, agents);
          agents.push(agentId);
        }
      }
    }
    // Openings never cross midnight, so each day's starts follow the previous day's.
    for (const start of [...agentsByStart.keys()].sort((a, b) => a - b)) {
      slots.push({
        startsAt: localIso(start, timezone),
        endsAt: localIso(start + durationMs, timezone),
        agentIds: agentsByStart.get(start) ?? [],
      });
      if (slots.length >= limit) return slots;
    }
  }
  return slots;
}
