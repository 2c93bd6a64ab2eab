// Dates and times of the whole site, in the département's timezone whatever the server's or the
// browser's own: calendar maths on local dates (YYYY-MM-DD), wall clocks of the API's instants,
// and their French display. Pure functions, for server and client components alike.

/**
 * The département's timezone on the server (RDV_TIMEZONE). Client components are given the
 * agenda's timezone by the page instead: the browser does not see the server's environment.
 */
export const DEPARTMENT_TIMEZONE = process.env.RDV_TIMEZONE ?? "Europe/Paris";

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

// --- Parsing what visitors send --------------------------------------------------------------

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

/** A valid ISO 8601 instant with its offset, as the API returns them. */
export function parseInstant(value: string | undefined): string | undefined {
  if (!value || value.length > 40 || !INSTANT.test(value)) return undefined;
  return Number.isNaN(Date.parse(value)) ? undefined : value;
}

// --- Calendar maths on local dates -----------------------------------------------------------

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

/** The seven days of the week starting on `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
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

// --- Instants and wall clocks ----------------------------------------------------------------

interface WallClock {
  date: string;
  time: string;
  seconds: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formats.set(key, found);
  }
  return found;
}

/** The wall-clock date and time of an instant in a timezone. */
export function wallClock(instant: string | Date, timeZone: string = DEPARTMENT_TIMEZONE): WallClock {
  const parts = Object.fromEntries(
    format("en-GB", timeZone, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
      .formatToParts(typeof instant === "string" ? new Date(instant) : instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, seconds: parts.second ?? "00" };
}

/** The local calendar day of an instant. */
export function localDateOf(instant: string | Date, timeZone: string = DEPARTMENT_TIMEZONE): string {
  return wallClock(instant, timeZone).date;
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
export function localIso(instant: Date, timeZone: string = DEPARTMENT_TIMEZONE): string {
  const wall = wallClock(instant, timeZone);
  return `${wall.date}T${wall.time}:${wall.seconds}${formatOffset(offsetMinutes(instant, timeZone))}`;
}

/** The instant of a wall-clock date and time in a timezone, written with its offset. */
export function instantOf(localDate: string, localTime: string, timeZone: string = DEPARTMENT_TIMEZONE): string {
  const asUtc = Date.parse(`${localDate}T${localTime}:00Z`);
  let guess = new Date(asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000);
  guess = new Date(asUtc - offsetMinutes(guess, timeZone) * 60_000);
  return localIso(guess, timeZone);
}

/** Groups items by the local day of their start, keeping order. */
export function groupByDay<T extends { startsAt: string }>(items: T[], timeZone: string = DEPARTMENT_TIMEZONE): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const day = localDateOf(item.startsAt, timeZone);
    const group = groups.get(day);
    if (group) group.push(item);
    else groups.set(day, [item]);
  }
  return groups;
}

// --- French display --------------------------------------------------------------------------

const fr = (timeZone: string, options: Intl.DateTimeFormatOptions) => format("fr-FR", timeZone, options);

/** "mardi 1 décembre 2026" */
export function formatDate(instant: string, timeZone: string = DEPARTMENT_TIMEZONE): string {
  return fr(timeZone, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(new Date(instant));
}

/** "13:30" */
export function formatTime(instant: string, timeZone: string = DEPARTMENT_TIMEZONE): string {
  return fr(timeZone, { hour: "2-digit", minute: "2-digit" }).format(new Date(instant));
}

/** "mardi 1 décembre 2026 à 13:30" */
export function formatDateTime(instant: string, timeZone: string = DEPARTMENT_TIMEZONE): string {
  return `${formatDate(instant, timeZone)} à ${formatTime(instant, timeZone)}`;
}

/** "01/12/2026 13:30" */
export function formatShortDateTime(instant: string, timeZone: string = DEPARTMENT_TIMEZONE): string {
  return fr(timeZone, { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(new Date(instant));
}

// A local date is displayed at noon UTC so that the weekday is the same in every timezone.
const atNoon = (localDate: string) => new Date(`${localDate}T12:00:00Z`);

/** "lundi 7 décembre" */
export function formatDay(localDate: string): string {
  return fr("UTC", { weekday: "long", day: "numeric", month: "long" }).format(atNoon(localDate));
}

/** "lundi 7 décembre 2026" */
export function formatLocalDate(localDate: string): string {
  return fr("UTC", { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(atNoon(localDate));
}

/** "Semaine du 30 novembre au 6 décembre 2026" */
export function formatWeek(monday: string): string {
  const start = fr("UTC", { day: "numeric", month: "long" }).format(atNoon(monday));
  const end = fr("UTC", { day: "numeric", month: "long", year: "numeric" }).format(atNoon(addDays(monday, 6)));
  return `Semaine du ${start} au ${end}`;
}

/** "décembre 2026" */
export function formatMonth(month: string): string {
  return fr("UTC", { month: "long", year: "numeric" }).format(new Date(`${month}-15T12:00:00Z`));
}

/** "2026-12-03T10:00" (a wall-clock date-time, as absences store them) → "jeudi 3 décembre 2026 à 10:00" */
export function formatLocalDateTime(value: string): string {
  return `${formatLocalDate(value.slice(0, 10))} à ${value.slice(11, 16)}`;
}

/** Capitalises the first letter: "Mardi 1 décembre". */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase("fr-FR") + text.slice(1);
}
