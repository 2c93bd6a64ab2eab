import { DateTime } from "luxon";

/**
 * The slot engine: pure maths from opening rules, absences and busy intervals to bookable
 * slots. Rules and absences are wall-clock in the département's timezone; everything else is
 * epoch milliseconds inside, with luxon used once per occurrence (never per 5-minute step).
 */
import { MINUTE_MS, localIso } from "./calendar";
import { isPublicHoliday } from "./holidays";
import { absenceMillis, openingMillis } from "./occurrences";
import type { Interval, Slot, SlotQuery } from "./types";

export type { BusyInterval, EngineAbsence, EngineException, EngineRule, Interval, Slot, SlotQuery, MonthlyRecurrence, Recurrence, WeeklyRecurrence, Weekday } from "./types";
export { absenceOccurrences, openingOccurrences } from "./occurrences";

/** Re-anchoring step of a free interval that has already begun. */
const STEP_MS = 5 * MINUTE_MS;

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
