import { readTogether, type Read } from "../db/batch-get";
import type { TransactionEntities, TransactionItems } from "../db/transact";
import { dayExpiresAt } from "../retention";
import { AgentDayEntity } from "./agent-day.entity";
import * as Stats from "../stats";
import { localDaysOf, mergeBusy, overlaps, type BusyInterval, type FreedInterval } from "./busy";
import { AgentPlacesEntity } from "./place-time.entity";
import { weekUpdates } from "./place-time";

/** One agent's day as read: its busy list and the version a write conditions on. */
export interface DayState {
  agentId: string;
  day: string;
  busy: BusyInterval[];
  /** time freed on that day, not taken again yet (see AgentDayEntity.freed) */
  freed: FreedInterval[];
  version: number;
  exists: boolean;
}

/** Where an agent's busy time is copied (the places of their rules), with the version a write checks. */
export interface PlacesState {
  agentId: string;
  places: string[];
  version: number;
  exists: boolean;
}

/** What a change of agents' days is decided on: the days as read and each agent's place list. */
export interface TimeState {
  days: DayState[];
  places: PlacesState[];
}

/** A day's new busy list, with the version it was read at (see `reserve` / `release`). */
export interface DayChange {
  agentId: string;
  day: string;
  busy: BusyInterval[];
  /** the day's freed time as read (absent: none) */
  freed?: FreedInterval[];
  version: number;
  /** false when the day had no item yet */
  exists?: boolean;
}

/** Freed time a change adds to an agent's day, or takes again (refills) from it. */
export interface FreedOnDay {
  agentId: string;
  day: string;
  interval: FreedInterval;
}

/** New days of some agents, and the place lists their copies go to (see `writes`). */
export interface Change {
  days: DayChange[];
  places: PlacesState[];
  /** time this change gives back while still to come (a cancellation, a revocation, a move away) */
  freed?: FreedOnDay[];
  /** freed time this change takes again (a booking or move onto it) */
  refilled?: FreedOnDay[];
}

const dayKey = (agentId: string, day: string) => AgentDayEntity.get({ agentId, day }).params<{ Key: Record<string, unknown> }>().Key;
const placesKey = (agentId: string) => AgentPlacesEntity.get({ agentId }).params<{ Key: Record<string, unknown> }>().Key;

export function dayOf(item: Record<string, unknown> | null, agentId: string, day: string): DayState {
  const data = item ? AgentDayEntity.parse({ Item: item }).data : null;
  return data
    ? { agentId, day, busy: data.busy, freed: data.freed ?? [], version: data.version, exists: true }
    : { agentId, day, busy: [], freed: [], version: 0, exists: false };
}

export function placesOf(item: Record<string, unknown> | null, agentId: string): PlacesState {
  const data = item ? AgentPlacesEntity.parse({ Item: item }).data : null;
  return data ? { agentId, places: data.places, version: data.version, exists: true } : { agentId, places: [], version: 0, exists: false };
}

/** The days of agents and their place lists, as one read (of a BatchGetItem; read it consistently). */
export function stateRead(agentIds: readonly string[], days: readonly string[]): Read<TimeState> {
  const pairs = agentIds.flatMap((agentId) => days.map((day) => ({ agentId, day })));
  return {
    keys: [...pairs.map((p) => dayKey(p.agentId, p.day)), ...agentIds.map(placesKey)],
    parse: (items) => ({
      days: pairs.map((p, i) => dayOf(items[i] ?? null, p.agentId, p.day)),
      places: agentIds.map((agentId, i) => placesOf(items[pairs.length + i] ?? null, agentId)),
    }),
  };
}

/** Reads agents' days and place lists in one consistent BatchGetItem. */
export async function readState(agentIds: readonly string[], days: readonly string[]): Promise<TimeState> {
  const [state] = await readTogether([stateRead(agentIds, days)], { consistent: true });
  return state;
}

const placesFor = (state: TimeState, agentIds: readonly string[]) =>
  agentIds.map((agentId) => state.places.find((p) => p.agentId === agentId) ?? { agentId, places: [], version: 0, exists: false });

/**
 * The agents' days an interval touches with it added, or null when it overlaps their busy
 * time (`ignoreAppointmentId`: the appointment being moved). Decided on `state` (which must hold
 * those days, read consistently); the writes condition on the versions in it.
 */
export function reserveIn(state: TimeState, agentIds: readonly string[], interval: BusyInterval, timezone: string, ignoreAppointmentId?: string): Change | null {
  const days: DayChange[] = [];
  const refilled: FreedOnDay[] = [];
  for (const agentId of agentIds) {
    for (const day of localDaysOf(interval.start, interval.end, timezone)) {
      const current = state.days.find((d) => d.agentId === agentId && d.day === day);
      if (!current) throw new Error(`day ${day} of ${agentId} not read`);
      const busy = current.busy.filter((b) => b.appointmentId !== ignoreAppointmentId);
      if (busy.some((b) => overlaps(b, interval))) return null;
      days.push({ agentId, day, busy: mergeBusy(busy, [interval]), freed: current.freed, version: current.version, exists: current.exists });
      // time someone else gave back, taken again (at least in part): refilled
      for (const freed of current.freed) {
        if (freed.appointmentId !== interval.appointmentId && freed.appointmentId !== ignoreAppointmentId && overlaps(freed, interval)) refilled.push({ agentId, day, interval: freed });
      }
    }
  }
  return { days, places: placesFor(state, agentIds), refilled };
}

/** Reads the days an interval touches, then `reserveIn`. */
export async function reserve(agentIds: readonly string[], interval: BusyInterval, timezone: string, ignoreAppointmentId?: string): Promise<Change | null> {
  const state = await readState(agentIds, localDaysOf(interval.start, interval.end, timezone));
  return reserveIn(state, agentIds, interval, timezone, ignoreAppointmentId);
}

type Released = { appointmentId: string; agentIds: readonly string[]; startsAt: string; endsAt: string; timezone: string; organisationId: string; serviceId: string };

/**
 * The days of an appointment without its intervals, as read with their versions. Given `now`,
 * an appointment still to come frees its time: it is kept on the days as freed time (counted
 * in the statistics) until another appointment takes it.
 */
export async function release(appointment: Released, now?: Date): Promise<Change> {
  const state = await readState(appointment.agentIds, localDaysOf(appointment.startsAt, appointment.endsAt, appointment.timezone));
  const toCome = now !== undefined && Date.parse(appointment.startsAt) > now.getTime();
  const month = Stats.monthOf(appointment.startsAt, appointment.timezone);
  const days = state.days.filter((d) => d.exists);
  return {
    days: days.map((d) => ({ ...d, busy: d.busy.filter((b) => b.appointmentId !== appointment.appointmentId) })),
    places: placesFor(state, appointment.agentIds),
    freed: toCome
      ? days.flatMap((d) =>
          d.busy
            .filter((b) => b.appointmentId === appointment.appointmentId)
            .map((b) => ({ agentId: d.agentId, day: d.day, interval: { ...b, organisationId: appointment.organisationId, serviceId: appointment.serviceId, month } })),
        )
      : [],
  };
}

/** At most this many freed intervals are kept per day (the oldest go first): the item stays small. */
const FREED_PER_DAY = 40;

const freedKey = (f: FreedOnDay) => `${f.agentId}|${f.day}|${f.interval.appointmentId}|${f.interval.start}`;

/** A day's freed time after the changes: what was read, plus what they free, minus what they take again. */
function freedAfter(day: DayChange, freed: readonly FreedOnDay[], refilled: ReadonlySet<string>): FreedInterval[] {
  const sameDay = (f: FreedOnDay) => f.agentId === day.agentId && f.day === day.day;
  const all = [...(day.freed ?? []).map((interval) => ({ agentId: day.agentId, day: day.day, interval })), ...freed.filter(sameDay)];
  const kept = [...new Map(all.filter((f) => !refilled.has(freedKey(f))).map((f) => [freedKey(f), f.interval])).values()];
  return kept.slice(-FREED_PER_DAY);
}

/**
 * The statistics of freed and refilled time, counted per agent interval (an appointment held by
 * two agents frees two), one counter update per organisation, service and month. Their shard
 * lane ("t…") differs from the change's own counters, so one transaction never updates one item twice.
 */
function freedCounters(freed: readonly FreedOnDay[], refilled: readonly FreedOnDay[]) {
  const counts = new Map<string, { organisationId: string; serviceId: string; month: string; freed: number; refilled: number }>();
  const count = (f: FreedOnDay, counter: "freed" | "refilled") => {
    const { organisationId, serviceId, month } = f.interval;
    const id = `${organisationId}|${serviceId}|${month}`;
    const entry = counts.get(id) ?? { organisationId, serviceId, month, freed: 0, refilled: 0 };
    entry[counter] += 1;
    counts.set(id, entry);
  };
  freed.forEach((f) => count(f, "freed"));
  refilled.forEach((f) => count(f, "refilled"));
  return [...counts.values()].map((c) => Stats.increment(c.organisationId, c.serviceId, c.month, { freed: c.freed, refilled: c.refilled }, "t"));
}

/**
 * The transaction items of changes of agents' days: each day written only if nobody changed it
 * since it was read (same version, or still absent) — the condition every booking guarantee
 * rests on —, each agent's place list checked unchanged, and the days copied to the weeks of
 * those places. A day or agent given twice is written once (the first one). `versioned`: the
 * indexes whose failed condition means "read again".
 */
export function writes(e: Pick<TransactionEntities, "agentDay" | "agentPlaces" | "stats">, changes: readonly Change[]): { items: TransactionItems; versioned: number[] } {
  const days = [...new Map(changes.flatMap((c) => c.days).reverse().map((d) => [`${d.agentId}|${d.day}`, d])).values()].reverse();
  const written = new Set(days.map((d) => `${d.agentId}|${d.day}`));
  const onWrittenDay = (f: FreedOnDay) => written.has(`${f.agentId}|${f.day}`);
  const refilled = [...new Map(changes.flatMap((c) => c.refilled ?? []).filter(onWrittenDay).map((f) => [freedKey(f), f])).values()];
  const refilledKeys = new Set(refilled.map(freedKey));
  const freed = [...new Map(changes.flatMap((c) => c.freed ?? []).filter(onWrittenDay).map((f) => [freedKey(f), f])).values()];
  const freedOf = new Map(days.map((d) => [d, freedAfter(d, freed, refilledKeys)]));
  const agents = new Map(changes.flatMap((c) => c.places).reverse().map((p) => [p.agentId, p]));
  const checked = [...new Set(days.map((d) => d.agentId))].map((agentId) => agents.get(agentId) ?? { agentId, places: [], version: 0, exists: false });
  const items: unknown[] = [
    ...days.map((d) =>
      e.agentDay
        .put({ agentId: d.agentId, day: d.day, busy: d.busy, freed: freedOf.get(d)!, version: d.version + 1, expiresAt: dayExpiresAt(d.day) })
        .where((attr, op) => (d.exists === false ? op.notExists(attr.version) : op.eq(attr.version, d.version)))
        .commit(),
    ),
    ...checked.map((p) =>
      e.agentPlaces
        .check({ agentId: p.agentId })
        .where((attr, op) => (p.exists ? op.eq(attr.version, p.version) : op.notExists(attr.version)))
        .commit(),
    ),
  ];
  const versioned = items.map((_, i) => i);
  const copies = days.flatMap((d) => (agents.get(d.agentId)?.places ?? []).map((placeId) => ({ placeId, agentId: d.agentId, day: d.day, version: d.version + 1, busy: d.busy, freed: freedOf.get(d)! })));
  items.push(...weekUpdates(copies));
  // unconditioned counter updates: not "versioned"
  items.push(...freedCounters(freed, refilled).map((c) => e.stats.update(c.key).add(c.add).commit()));
  return { items: items as TransactionItems, versioned };
}
