import { listSlots, type ApiResult, type Interval } from "./api";
import { addDays, localDateOf, mondayOf } from "@/lib/time";

/** The slots API answers at most 92 days per request (both ends included). */
export const MAX_RANGE_DAYS = 92;

export interface WeekOfSlots {
  monday: string;
  slots: Interval[];
  /** When this week has no slot: the first one after it, if any within the next 92 days. */
  nextAfter: Interval | undefined;
}

/** The slots of the week starting on `monday` and, when it is empty, the next slot after it. */
export async function loadWeek(motif: string, place: string, monday: string): Promise<ApiResult<WeekOfSlots>> {
  const sunday = addDays(monday, 6);
  const week = await listSlots(motif, place, monday, sunday);
  if (!week.ok) return week;
  if (week.data.length > 0) return { ok: true, data: { monday, slots: week.data, nextAfter: undefined } };
  const later = await listSlots(motif, place, addDays(sunday, 1), addDays(sunday, MAX_RANGE_DAYS));
  if (!later.ok) return later;
  return { ok: true, data: { monday, slots: [], nextAfter: later.data[0] } };
}

/**
 * The free slots nearest to `startsAt`: those of the same day first, then the rest of its week,
 * each by distance in time. Used when the chosen slot was just taken.
 */
export async function nearestSlots(motif: string, place: string, startsAt: string, count: number): Promise<Interval[]> {
  const day = localDateOf(startsAt);
  const monday = mondayOf(day);
  const target = Date.parse(startsAt);
  const week = await listSlots(motif, place, monday, addDays(monday, 6));
  if (!week.ok) return [];
  const others = week.data.filter((slot) => Date.parse(slot.startsAt) !== target);
  if (others.length === 0) {
    // Nothing left that week: the first slots of the following weeks.
    const later = await listSlots(motif, place, addDays(monday, 7), addDays(monday, 6 + MAX_RANGE_DAYS));
    return later.ok ? later.data.slice(0, count) : [];
  }
  const sameDayFirst = (slot: Interval) => (localDateOf(slot.startsAt) === day ? 0 : 1);
  const distance = (slot: Interval) => Math.abs(Date.parse(slot.startsAt) - target);
  return others
    .sort((a, b) => sameDayFirst(a) - sameDayFirst(b) || distance(a) - distance(b))
    .slice(0, count)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}
