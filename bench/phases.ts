/**
 * Where the time of the two searches goes, measured in this process against the stack's
 * database with the domain functions the handlers call, phase by phase (medians): reading
 * (DynamoDB) and computing (the slot engine). The HTTP figure minus these is the server's share.
 */
import { DateTime } from "luxon";
import { percentile } from "./stats";

const med = (samples: number[]) => Math.round(percentile(samples, 50) * 10) / 10;

export interface Phases {
  slots: {
    readMs: number;
    computeMs: number;
    totalMs: number;
    /** the reads one by one: the place's rules, the département's running absences, the place's copy of its agents' busy time (one BatchGetItem) */
    rulesQueryMs: number;
    absencesQueryMs: number;
    absences: number;
    copyReadMs: number;
    agents: number;
    /** the same agents' time read from their own partitions (one query each, in parallel): what the copy replaces */
    perAgentParallelMs: number;
  };
  places: {
    /** Availability.listForMotif itself, in process */
    totalMs: number;
    places: number;
    /** its ingredients, read and computed over the whole booking window and over its first 14 days */
    windowDays: number;
    readWindowMs: number;
    read14dMs: number;
    computeWindowMs: number;
    compute14dMs: number;
    /** places with a slot within 14 days */
    placesWithSlotIn14d: number;
  };
}

export async function measurePhases(options: { motifId: string; placeId: string; commune: string; from: string; to: string; now: () => Date; iterations: number }): Promise<Phases> {
  const Slot = await import("@rdv/core/slot");
  const AgentTime = await import("@rdv/core/agent-time");
  const { readTogether } = await import("../packages/core/src/db/batch-get");
  const Availability = await import("@rdv/core/availability");
  const Motif = await import("@rdv/core/motif");
  const Department = await import("@rdv/core/department");
  const { motifId, placeId, from, to } = options;

  const slotRead: number[] = [];
  const slotCompute: number[] = [];
  const motif = await Motif.fromIdOnline(motifId);
  const department = await Department.get();
  for (let i = -3; i < options.iterations; i++) {
    const t0 = performance.now();
    const availability = await Slot.loadAvailability({ motifId, placeId, organisationId: motif.organisationId, from, to });
    const t1 = performance.now();
    Slot.compute(department, motif, placeId, availability, { from, to, now: options.now(), bookingWindow: true });
    const t2 = performance.now();
    if (i >= 0) {
      slotRead.push(t1 - t0);
      slotCompute.push(t2 - t1);
    }
  }

  // the reads of loadAvailability, one by one
  const rulesQuery: number[] = [];
  const absencesQuery: number[] = [];
  const copyRead: number[] = [];
  const parallel: number[] = [];
  let agentIds: string[] = [];
  let absences = 0;
  const dayBefore = DateTime.fromISO(from).minus({ days: 1 }).toISODate()!;
  const dayAfter = DateTime.fromISO(to).plus({ days: 1 }).toISODate()!;
  for (let i = -3; i < options.iterations; i++) {
    const t0 = performance.now();
    const rules = await Slot.loadRules({ motifId, placeId });
    const t1 = performance.now();
    absences = (await AgentTime.absencesFrom(dayBefore)).length;
    const t2 = performance.now();
    await readTogether([AgentTime.placeBusy(placeId, dayBefore, dayAfter)]);
    const t3 = performance.now();
    agentIds = [...new Set(rules.map((r) => r.agentId))];
    await Slot.loadAgentTime(agentIds, from, to);
    const t4 = performance.now();
    if (i >= 0) {
      rulesQuery.push(t1 - t0);
      absencesQuery.push(t2 - t1);
      copyRead.push(t3 - t2);
      parallel.push(t4 - t3);
    }
  }

  const total: number[] = [];
  const readWindow: number[] = [];
  const read14d: number[] = [];
  const computeWindow: number[] = [];
  const compute14d: number[] = [];
  let places = 0;
  let windowDays = 0;
  let placesWithSlotIn14d = 0;
  for (let i = -3; i < options.iterations; i++) {
    const now = options.now();
    const t0 = performance.now();
    const list = await Availability.listForMotif({ motif: motifId, commune: options.commune }, now);
    const t1 = performance.now();
    const windowFrom = DateTime.fromJSDate(now).setZone(department.timezone).toISODate()!;
    const windowTo = DateTime.fromJSDate(now).setZone(department.timezone).plus({ days: motif.maxDelayDays }).toISODate()!;
    const to14d = DateTime.fromISO(windowFrom).plus({ days: 13 }).toISODate()!;
    const whole = await Slot.loadAvailability({ motifId, organisationId: motif.organisationId, from: windowFrom, to: windowTo });
    const t2 = performance.now();
    const short = await Slot.loadAvailability({ motifId, organisationId: motif.organisationId, from: windowFrom, to: to14d });
    const t3 = performance.now();
    const placeIds = [...new Set(whole.rules.map((rule) => rule.placeId))];
    for (const id of placeIds) Slot.compute(department, motif, id, whole, { from: windowFrom, to: windowTo, now, bookingWindow: true, limit: 1 });
    const t4 = performance.now();
    let found = 0;
    for (const id of placeIds) found += Slot.compute(department, motif, id, short, { from: windowFrom, to: to14d, now, bookingWindow: true, limit: 1 }).length;
    const t5 = performance.now();
    if (i >= 0) {
      total.push(t1 - t0);
      readWindow.push(t2 - t1);
      read14d.push(t3 - t2);
      computeWindow.push(t4 - t3);
      compute14d.push(t5 - t4);
      places = list.length;
      windowDays = Math.round((Date.parse(windowTo) - Date.parse(windowFrom)) / 86_400_000) + 1;
      placesWithSlotIn14d = found;
    }
  }
  return {
    slots: {
      readMs: med(slotRead),
      computeMs: med(slotCompute),
      totalMs: med(slotRead.map((r, i) => r + slotCompute[i]!)),
      rulesQueryMs: med(rulesQuery),
      absencesQueryMs: med(absencesQuery),
      absences,
      copyReadMs: med(copyRead),
      agents: agentIds.length,
      perAgentParallelMs: med(parallel),
    },
    places: {
      totalMs: med(total),
      places,
      windowDays,
      readWindowMs: med(readWindow),
      read14dMs: med(read14d),
      computeWindowMs: med(computeWindow),
      compute14dMs: med(compute14d),
      placesWithSlotIn14d,
    },
  };
}
