/**
 * French public holidays (jours fériés) as local dates, for any year: the national list, the
 * Easter-based days, Alsace-Moselle's two extra days and each overseas département's abolition
 * of slavery day. Whit Monday (journée de solidarité) is worked or not per stage.
 */

const ALSACE_MOSELLE = new Set(["57", "67", "68"]);

/** Extra days of each overseas département (MM-DD), from the law of 1983 and its decrees. */
const OVERSEAS_DAYS: Record<string, string[]> = {
  "971": ["05-27", "07-21"],
  "972": ["05-22", "07-21"],
  "973": ["06-10"],
  "974": ["12-20"],
  "976": ["04-27"],
};

const NATIONAL_FIXED_DAYS = ["01-01", "05-01", "05-08", "07-14", "08-15", "11-01", "11-11", "12-25"];

function yearPrefix(year: number): string {
  return String(year).padStart(4, "0");
}

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d + days); // not Date.UTC, which maps years 0–99 to 1900–1999
  return `${yearPrefix(date.getUTCFullYear())}-${String(date.getUTCMonth() + 1).padStart(2, "0")}-${String(date.getUTCDate()).padStart(2, "0")}`;
}

/** Easter Sunday of a Gregorian year, by the anonymous (Meeus/Jones/Butcher) algorithm. */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1) throw new RangeError(`invalid year: ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${yearPrefix(year)}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The public holidays of a year in a département, sorted local dates YYYY-MM-DD. */
export function publicHolidays(year: number, departmentCode: string, whitMondayWorked: boolean): string[] {
  const easter = easterSunday(year);
  const prefix = yearPrefix(year);
  const days = new Set(NATIONAL_FIXED_DAYS.map((monthDay) => `${prefix}-${monthDay}`));
  days.add(addDays(easter, 1)); // Easter Monday
  days.add(addDays(easter, 39)); // Ascension
  if (!whitMondayWorked) days.add(addDays(easter, 50));
  if (ALSACE_MOSELLE.has(departmentCode)) {
    days.add(addDays(easter, -2)); // Good Friday
    days.add(`${prefix}-12-26`);
  }
  for (const monthDay of OVERSEAS_DAYS[departmentCode] ?? []) days.add(`${prefix}-${monthDay}`);
  return [...days].sort();
}

const cache = new Map<string, ReadonlySet<string>>();

/** Whether a local date (YYYY-MM-DD) is a public holiday; the year's list is computed once. */
export function isPublicHoliday(day: string, departmentCode: string, whitMondayWorked: boolean): boolean {
  const year = Number(day.slice(0, 4));
  const key = `${year}:${departmentCode}:${whitMondayWorked}`;
  let days = cache.get(key);
  if (!days) {
    days = new Set(publicHolidays(year, departmentCode, whitMondayWorked));
    cache.set(key, days);
  }
  return days.has(day);
}
