import { DAY_MS, WEEKDAYS, dayNumber, dayString, localMillis, utcIso, weekdayIndex } from "./calendar";
import type { EngineAbsence, EngineException, EngineRule, Interval, Recurrence } from "./types";

/** Occurrences of opening rules and absences (weekly or monthly series, single days, moved or cancelled occurrences) over local days. */
export interface Series {
  firstDay: string;
  until?: string;
  recurrence: Recurrence | null;
  exceptions: EngineException[];
}

/** A series' days as day numbers, parsed once per call rather than once per day tested. */
interface SeriesDays {
  first: number;
  /** last possible day of a recurring series (its `until`), or Infinity */
  last: number;
  recurrence: Recurrence | null;
  /** weekday indexes (0 = Monday) of a recurring series */
  weekdays: ReadonlySet<number>;
  /** day number of the Monday of the first week */
  firstMonday: number;
  /** months since year 0 of the first day (monthly series count their months from it) */
  firstMonth: number;
}

function seriesDays(series: Series): SeriesDays {
  const first = dayNumber(series.firstDay);
  const recurrence = series.recurrence;
  const weekdays = !recurrence ? [] : "weekdays" in recurrence ? recurrence.weekdays : [recurrence.weekday];
  return {
    first,
    last: series.until !== undefined ? dayNumber(series.until) : Number.POSITIVE_INFINITY,
    recurrence,
    weekdays: new Set(weekdays.map((weekday) => WEEKDAYS.indexOf(weekday)).filter((i) => i >= 0)),
    firstMonday: first - weekdayIndex(first),
    firstMonth: monthNumber(first),
  };
}

function monthNumber(dayNo: number): number {
  const date = new Date(dayNo * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** Whether a day (of the right weekday) is the `ordinal`-th or the last of its weekday in its month. */
function isOrdinalWeekday(dayNo: number, ordinal: 1 | 2 | 3 | 4 | 5 | "last"): boolean {
  const date = new Date(dayNo * DAY_MS);
  const dayOfMonth = date.getUTCDate();
  if (ordinal !== "last") return Math.ceil(dayOfMonth / 7) === ordinal;
  const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  return dayOfMonth + 7 > daysInMonth;
}

/** Whether the series has an occurrence on a day, before exceptions. */
function seriesOccursOn(series: SeriesDays, dayNo: number): boolean {
  if (dayNo < series.first) return false;
  if (!series.recurrence) return dayNo === series.first;
  if (dayNo > series.last) return false;
  const weekday = weekdayIndex(dayNo);
  if (!series.weekdays.has(weekday)) return false;
  if ("everyMonths" in series.recurrence) {
    const { everyMonths, ordinal } = series.recurrence;
    return (monthNumber(dayNo) - series.firstMonth) % everyMonths === 0 && isOrdinalWeekday(dayNo, ordinal);
  }
  return ((dayNo - weekday - series.firstMonday) / 7) % series.recurrence.everyWeeks === 0;
}

/** Whether a series (exceptions aside) has an occurrence on a local day: the days one may cancel or move. */
export function occursOn(series: Series, day: string): boolean {
  return seriesOccursOn(seriesDays(series), dayNumber(day));
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
export function openingMillis(rule: EngineRule, from: string, to: string, timezone: string): Array<{ day: string; start: number; end: number }> {
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
export function absenceMillis(absence: EngineAbsence, from: string, to: string, timezone: string): Interval[] {
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
