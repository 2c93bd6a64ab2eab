import { readTogether, type Read } from "../db/batch-get";
import type { TransactionEntities, TransactionItems } from "../db/transact";
import { dayExpiresAt } from "../retention";
import { AgentDayEntity } from "./agent-day.entity";
import { localDaysOf, mergeBusy, overlaps, type BusyInterval } from "./busy";
import { AgentPlacesEntity } from "./place-time.entity";
import { weekUpdates } from "./place-time";

/** One agent's day as read: its busy list and the version a write conditions on. */
export interface DayState {
  agentId: string;
  day: string;
  busy: BusyInterval[];
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
  version: number;
  /** false when the day had no item yet */
  exists?: boolean;
}

/** New days of some agents, and the place lists their copies go to (see `writes`). */
export interface Change {
  days: DayChange[];
  places: PlacesState[];
}

const dayKey = (agentId: string, day: string) => AgentDayEntity.get({ agentId, day }).params<{ Key: Record<string, unknown> }>().Key;
const placesKey = (agentId: string) => AgentPlacesEntity.get({ agentId }).params<{ Key: Record<string, unknown> }>().Key;

export function dayOf(item: Record<string, unknown> | null, agentId: string, day: string): DayState {
  const data = item ? AgentDayEntity.parse({ Item: item }).data : null;
  return data ? { agentId, day, busy: data.busy, version: data.version, exists: true } : { agentId, day, busy: [], version: 0, exists: false };
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
  for (const agentId of agentIds) {
    for (const day of localDaysOf(interval.start, interval.end, timezone)) {
      const current = state.days.find((d) => d.agentId === agentId && d.day === day);
      if (!current) throw new Error(`day ${day} of ${agentId} not read`);
      const busy = current.busy.filter((b) => b.appointmentId !== ignoreAppointmentId);
      if (busy.some((b) => overlaps(b, interval))) return null;
      days.push({ agentId, day, busy: mergeBusy(busy, [interval]), version: current.version, exists: current.exists });
    }
  }
  return { days, places: placesFor(state, agentIds) };
}

/** Reads the days an interval touches, then `reserveIn`. */
export async function reserve(agentIds: readonly string[], interval: BusyInterval, timezone: string, ignoreAppointmentId?: string): Promise<Change | null> {
  const state = await readState(agentIds, localDaysOf(interval.start, interval.end, timezone));
  return reserveIn(state, agentIds, interval, timezone, ignoreAppointmentId);
}

type Released = { appointmentId: string; agentIds: readonly string[]; startsAt: string; endsAt: string; timezone: string };

/** The days of an appointment without its intervals, as read with their versions. */
export async function release(appointment: Released): Promise<Change> {
  const state = await readState(appointment.agentIds, localDaysOf(appointment.startsAt, appointment.endsAt, appointment.timezone));
  return {
    days: state.days.filter((d) => d.exists).map((d) => ({ ...d, busy: d.busy.filter((b) => b.appointmentId !== appointment.appointmentId) })),
    places: placesFor(state, appointment.agentIds),
  };
}

/**
 * The transaction items of changes of agents' days: each day written only if nobody changed it
 * since it was read (same version, or still absent) — the condition every booking guarantee
 * rests on —, each agent's place list checked unchanged, and the days copied to the weeks of
 * those places. A day or agent given twice is written once (the first one). `versioned`: the
 * indexes whose failed condition means "read again".
 */
export function writes(e: Pick<TransactionEntities, "agentDay" | "agentPlaces">, changes: readonly Change[]): { items: TransactionItems; versioned: number[] } {
  const days = [...new Map(changes.flatMap((c) => c.days).reverse().map((d) => [`${d.agentId}|${d.day}`, d])).values()].reverse();
  const agents = new Map(changes.flatMap((c) => c.places).reverse().map((p) => [p.agentId, p]));
  const checked = [...new Set(days.map((d) => d.agentId))].map((agentId) => agents.get(agentId) ?? { agentId, places: [], version: 0, exists: false });
  const items: unknown[] = [
    ...days.map((d) =>
      e.agentDay
        .put({ agentId: d.agentId, day: d.day, busy: d.busy, version: d.version + 1, expiresAt: dayExpiresAt(d.day) })
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
  const copies = days.flatMap((d) => (agents.get(d.agentId)?.places ?? []).map((placeId) => ({ placeId, agentId: d.agentId, day: d.day, version: d.version + 1, busy: d.busy })));
  items.push(...weekUpdates(copies));
  return { items: items as TransactionItems, versioned };
}
