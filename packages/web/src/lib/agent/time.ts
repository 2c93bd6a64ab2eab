// Dates and times of the back office, in the agenda's timezone (the département's), whatever the
// browser's own timezone. Pure functions: used by server and client components alike.

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A real calendar date written YYYY-MM-DD, or undefined. */
export function parseLocalDate(value: string | null | undefined): string | undefined {
  if (!value || !LOCAL_DATE.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : undefined;
}

export function parseLocalTime(value: string | null | undefined): string | undefined {
  return value && LOCAL_TIME.test(value) ? value : undefined;
}

export function parseMonth(value: string | null | undefined): string | undefined {
  return value && MONTH.test(value) ? value : undefined;
}

export function addDays(localDate: string, days: number): string {
  const date = new Date(`${localDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Monday of the week (Monday–Sunday) holding this day. */
export function mondayOf(localDate: string): string {
  const weekday = new Date(`${localDate}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(localDate, -((weekday + 6) % 7));
}

export function addMonths(month: string, months: number): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The last day of a month, YYYY-MM-DD. */
export function lastDayOf(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

interface WallClock {
  date: string;
  time: string;
  seconds: string;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of an instant in a timezone. */
export function wallClock(instant: string | Date, timeZone: string): WallClock {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
    });
    partsFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(typeof instant === "string" ? new Date(instant) : instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, seconds: parts.second ?? "00" };
}

/** Minutes to add to UTC to get the wall clock of `timeZone` at that instant. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const asUtc = Date.parse(`${wall.date}T${wall.time}:${wall.seconds}Z`);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** An instant written with the timezone's offset: "2026-12-01T08:00:00+01:00". */
export function localIso(instant: Date, timeZone: string): string {
  const wall = wallClock(instant, timeZone);
  return `${wall.date}T${wall.time}:${wall.seconds}${formatOffset(offsetMinutes(instant, timeZone))}`;
}

/** The instant of a wall-clock date and time in a timezone, written with its offset. */
export function instantOf(localDate: string, localTime: string, timeZone: string): string {
  const asUtc = Date.parse(`${localDate}T${localTime}:00Z`);
  let guess = new Date(asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000);
  guess = new Date(asUtc - offsetMinutes(guess, timeZone) * 60_000);
  return localIso(guess, timeZone);
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat("fr-FR", { timeZone, ...options });
    formats.set(key, found);
  }
  return found;
}

/** "mardi 1 décembre 2026" */
export function formatDate(instant: string, timeZone: string): string {
  return format(timeZone, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(new Date(instant));
}

/** "13:30" */
export function formatTime(instant: string, timeZone: string): string {
  return format(timeZone, { hour: "2-digit", minute: "2-digit" }).format(new Date(instant));
}

/** "mardi 1 décembre 2026 à 13:30" */
export function formatDateTime(instant: string, timeZone: string): string {
  return `${formatDate(instant, timeZone)} à ${formatTime(instant, timeZone)}`;
}

/** "01/12/2026 13:30" */
export function formatShortDateTime(instant: string, timeZone: string): string {
  return format(timeZone, { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(new Date(instant));
}

// A local date is displayed at noon UTC so that the weekday is the same in every timezone.
/** "lundi 7 décembre" */
export function formatDay(localDate: string): string {
  return format("UTC", { weekday: "long", day: "numeric", month: "long" }).format(new Date(`${localDate}T12:00:00Z`));
}

/** "lundi 7 décembre 2026" */
export function formatLocalDate(localDate: string): string {
  return format("UTC", { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(new Date(`${localDate}T12:00:00Z`));
}

/** "décembre 2026" */
export function formatMonth(month: string): string {
  return format("UTC", { month: "long", year: "numeric" }).format(new Date(`${month}-15T12:00:00Z`));
}

/** "2026-12-03T10:00" (a wall-clock date-time, as absences store them) → "jeudi 3 décembre 2026 à 10:00" */
export function formatLocalDateTime(value: string): string {
  return `${formatLocalDate(value.slice(0, 10))} à ${value.slice(11, 16)}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase("fr-FR") + text.slice(1);
}
