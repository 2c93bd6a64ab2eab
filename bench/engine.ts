/**
 * The pure slot engine on the large file's data, in process, no database: every (motif, place)
 * pair that has opening rules, over 8 weeks from the benchmark's clock, as `Slot.list` would ask
 * it (rules of the place, absences and busy time of their agents, usager booking window).
 */
import { DateTime } from "luxon";
import type { DepartmentFileInput } from "@rdv/core/schema";
import { computeSlots, type BusyInterval, type EngineAbsence, type EngineRule, type SlotQuery } from "../packages/core/src/slot/engine";
import { summarise, type Timing } from "./stats";

const BLOCKING = new Set(["booked", "seen", "noshow"]);

export function engineQueries(file: DepartmentFileInput, now: Date, days: number): SlotQuery[] {
  const { department } = file;
  const zone = department.timezone;
  const from = DateTime.fromJSDate(now).setZone(zone).toISODate()!;
  const to = DateTime.fromJSDate(now).setZone(zone).plus({ days: days - 1 }).toISODate()!;
  const rangeStart = DateTime.fromISO(from, { zone }).minus({ days: 1 }).toUTC().toISO()!;
  const rangeEnd = DateTime.fromISO(to, { zone }).plus({ days: 2 }).toUTC().toISO()!;
  const motifs = new Map((file.motifs ?? []).map((m) => [m.id, m]));
  const rules: EngineRule[] = (file.openingRules ?? []).map((r) => ({
    id: r.id,
    agentId: r.agentId,
    placeId: r.placeId,
    motifIds: r.motifIds,
    firstDay: r.firstDay,
    until: r.until,
    start: r.start,
    end: r.end,
    recurrence: r.recurrence ?? null,
    exceptions: (r.exceptions ?? []) as EngineRule["exceptions"],
  }));
  const absences: EngineAbsence[] = (file.absences ?? []).map((a) => ({
    id: a.id,
    agentId: a.agentId,
    start: a.start,
    end: a.end,
    recurrence: a.recurrence ?? null,
    until: a.until,
    exceptions: (a.exceptions ?? []) as EngineAbsence["exceptions"],
  }));
  const busy: Record<string, BusyInterval[]> = {};
  for (const a of file.appointments ?? []) {
    if (!BLOCKING.has(a.status ?? "booked")) continue;
    const motif = motifs.get(a.motifId)!;
    const start = DateTime.fromISO(a.start, { zone }).toUTC();
    const end = (a.end ? DateTime.fromISO(a.end, { zone }).toUTC() : start.plus({ minutes: motif.durationMinutes })).plus({ minutes: motif.bufferMinutes ?? 0 });
    const interval = { start: start.toISO()!, end: end.toISO()! };
    if (interval.end <= rangeStart || interval.start >= rangeEnd) continue; // as loadAvailability reads agent days of the range
    for (const agentId of a.agentIds) (busy[agentId] ??= []).push(interval);
  }
  const queries: SlotQuery[] = [];
  for (const motif of file.motifs ?? []) {
    const placeIds = [...new Set(rules.filter((r) => r.motifIds.includes(motif.id)).map((r) => r.placeId))].sort();
    for (const placeId of placeIds) {
      const placeRules = rules.filter((r) => r.placeId === placeId && r.motifIds.includes(motif.id));
      const agentIds = new Set(placeRules.map((r) => r.agentId));
      queries.push({
        timezone: zone,
        departmentCode: department.code,
        whitMondayWorked: department.whitMondayWorked ?? false,
        now,
        from,
        to,
        motif: {
          id: motif.id,
          durationMinutes: motif.durationMinutes,
          bufferMinutes: motif.bufferMinutes ?? 0,
          minDelayMinutes: motif.minDelayMinutes ?? 30,
          maxDelayDays: motif.maxDelayDays ?? 90,
        },
        placeId,
        rules: placeRules,
        absences: absences.filter((a) => agentIds.has(a.agentId)),
        busy: Object.fromEntries([...agentIds].map((id) => [id, busy[id] ?? []])),
        bookingWindow: true,
      });
    }
  }
  return queries;
}

export interface EngineResult extends Timing {
  slotsPerSec: number;
  queries: number;
  slotsPerPass: number;
  passes: number;
}

/** One untimed pass, then passes until `minMs` have been spent computing. */
export function measureEngine(file: DepartmentFileInput, now: Date, options: { days?: number; minMs?: number } = {}): EngineResult {
  const queries = engineQueries(file, now, options.days ?? 56);
  let slotsPerPass = 0;
  for (const query of queries) slotsPerPass += computeSlots(query).length;
  const samples: number[] = [];
  let slots = 0;
  let spent = 0;
  let passes = 0;
  while (spent < (options.minMs ?? 4000)) {
    for (const query of queries) {
      const started = performance.now();
      slots += computeSlots(query).length;
      const ms = performance.now() - started;
      samples.push(ms);
      spent += ms;
    }
    passes += 1;
  }
  return { ...summarise(samples), slotsPerSec: Math.round(slots / (spent / 1000)), queries: queries.length, slotsPerPass, passes };
}
