// Calendar maths on local dates (YYYY-MM-DD) and display of the API's instants, in the
// département's timezone. Server-side: the timezone comes from RDV_TIMEZONE.

export const TIME_ZONE = process.env.RDV_TIMEZONE ?? "Europe/Paris";

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD, or undefined. */
export function parseLocalDate(value: string | undefined): string | undefined {
  if (!value || !LOCAL_DATE.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : undefined;
}

const localDateFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The local calendar day of an instant, in the département's timezone. */
export function localDateOf(instant: string | Date): string {
  return localDateFormat.format(typeof instant === "string" ? new Date(instant) : instant);
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

/** The seven days of the week starting on `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

// A local date is displayed at noon UTC so that the weekday is the same in every timezone.
const dayFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" });
const dayWithYearFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" });
const shortDayFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

/** "mardi 1 décembre" */
export function formatDay(localDate: string): string {
  return dayFormat.format(new Date(`${localDate}T12:00:00Z`));
}

/** "Semaine du 30 novembre au 6 décembre 2026" */
export function formatWeek(monday: string): string {
  const sunday = addDays(monday, 6);
  const start = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", day: "numeric", month: "long" }).format(new Date(`${monday}T12:00:00Z`));
  return `Semaine du ${start} au ${shortDayFormat.format(new Date(`${sunday}T12:00:00Z`))}`;
}

const timeFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit" });
const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: TIME_ZONE, weekday: "long", day: "numeric", month: "long", year: "numeric" });

/** "13:30" */
export function formatTime(instant: string): string {
  return timeFormat.format(new Date(instant));
}

/** "mardi 1 décembre 2026" */
export function formatDate(instant: string): string {
  return dateTimeFormat.format(new Date(instant));
}

/** "mardi 1 décembre 2026 à 13:30" */
export function formatDateTime(instant: string): string {
  return `${formatDate(instant)} à ${formatTime(instant)}`;
}

/** "mardi 1 décembre 2026" for a local date. */
export function formatLocalDate(localDate: string): string {
  return dayWithYearFormat.format(new Date(`${localDate}T12:00:00Z`));
}

/** Capitalises the first letter: "Mardi 1 décembre". */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase("fr-FR") + text.slice(1);
}

/** Groups instants by their local day, keeping order. */
export function groupByDay<T extends { startsAt: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const day = localDateOf(item.startsAt);
    const group = groups.get(day);
    if (group) group.push(item);
    else groups.set(day, [item]);
  }
  return groups;
}

/** A valid ISO 8601 instant with its offset, as the API returns them. */
export function parseInstant(value: string | undefined): string | undefined {
  if (!value || value.length > 40) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  return Number.isNaN(Date.parse(value)) ? undefined : value;
}
