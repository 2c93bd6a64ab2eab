import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { putAll, type PutItem } from "../db/batch";
import { docClient } from "../db/client";
import { isConditionFailure } from "../db/condition";
import type { TransactionEntities } from "../db/transact";
import { dayExpiresAt } from "../retention";
import { AbsenceEntity } from "./absence.entity";
import { AgentDayEntity, decodeBusy, type FreedSlot } from "./agent-day.entity";
import { localDaysOf, mergeBusy, overlaps, type BusyInterval } from "./busy";

/**
 * An agent's time: the days that hold their busy intervals (one item per agent and local day,
 * with a version every booking conditions on) and their absences, side by side in the agent's
 * partition. Slot search reads it, booking, moves and cancellations write it — only through
 * this module, so the no-double-booking guarantee rests on one piece of code.
 */
export { localDaysOf, mergeBusy, overlaps, type BusyInterval } from "./busy";
export type { FreedSlot } from "./agent-day.entity";

export type AbsenceRecord = Awaited<ReturnType<ReturnType<typeof AbsenceEntity.query.primary>["go"]>>["data"][number];

const MAX_ATTEMPTS = 20;

/** A day's new busy list, as read with its version (see `reserve` / `release`). */
export interface DayChange {
  agentId: string;
  day: string;
  busy: BusyInterval[];
  version: number;
  /** false when the day had no item yet */
  exists?: boolean;
  /** the day's freed time, as it will be written */
  freed?: FreedSlot[];
  /** freed time this change takes again (a booking over a cancelled appointment's slot) */
  refilled?: FreedSlot[];
}

/**
 * Reads the agent days an interval touches and returns their new contents, or null when the
 * interval overlaps the agent's busy time (`ignoreAppointmentId`: the appointment being moved).
 * The writes (`dayWrite`) condition on the versions read here.
 */
export async function reserve(agentIds: readonly string[], interval: BusyInterval, timezone: string, ignoreAppointmentId?: string): Promise<DayChange[] | null> {
  const days = localDaysOf(interval.start, interval.end, timezone);
  const writes: DayChange[] = [];
  for (const agentId of agentIds) {
    for (const day of days) {
      const current = (await AgentDayEntity.get({ agentId, day }).go({ consistent: true })).data;
      const busy = (current?.busy ?? []).filter((b) => b.appointmentId !== ignoreAppointmentId);
      if (busy.some((b) => overlaps(b, interval))) return null;
      const freed = current?.freed ?? [];
      const refilled = freed.filter((f) => f.appointmentId !== interval.appointmentId && overlaps(f, interval));
      writes.push({ agentId, day, busy: mergeBusy(busy, [interval]), version: current?.version ?? 0, exists: !!current, freed: freed.filter((f) => !refilled.includes(f)), refilled });
    }
  }
  return writes;
}

/**
 * The days of an appointment without its intervals, as read with their versions. With
 * `cancelledAt` before the start (a cancellation, not a move), the freed interval is kept on the
 * first agent's day (see FreedSlot) for the refill statistics.
 */
export async function release(
  appointment: { appointmentId: string; agentIds: readonly string[]; startsAt: string; endsAt: string; timezone: string; organisationId?: string; serviceId?: string },
  options: { cancelledAt?: Date; month?: string } = {},
): Promise<DayChange[]> {
  const days = localDaysOf(appointment.startsAt, appointment.endsAt, appointment.timezone);
  const writes: DayChange[] = [];
  const freeing = options.cancelledAt && Date.parse(appointment.startsAt) > options.cancelledAt.getTime() && appointment.organisationId && appointment.serviceId && options.month;
  for (const [a, agentId] of appointment.agentIds.entries()) {
    for (const [d, day] of days.entries()) {
      const current = (await AgentDayEntity.get({ agentId, day }).go({ consistent: true })).data;
      if (!current) continue;
      const own = current.busy.find((b) => b.appointmentId === appointment.appointmentId);
      const freed = (current.freed ?? []).filter((f) => f.appointmentId !== appointment.appointmentId);
      // counted once per appointment: on its first agent's first day
      if (freeing && a === 0 && d === 0) {
        freed.push({ appointmentId: appointment.appointmentId, start: own?.start ?? appointment.startsAt, end: own?.end ?? appointment.endsAt, organisationId: appointment.organisationId!, serviceId: appointment.serviceId!, month: options.month! });
      }
      writes.push({ agentId, day, busy: current.busy.filter((b) => b.appointmentId !== appointment.appointmentId), version: current.version, freed });
    }
  }
  return writes;
}

/**
 * The refill counters of a set of day changes, one per organisation, service and month (one
 * "refill" shard: refills are rare, and a booking's own counter is on a numbered shard, so the
 * transaction never names the same item twice).
 */
export function refillCounts(changes: readonly DayChange[]): Array<{ key: { organisationId: string; month: string; serviceId: string; shard: string }; add: { refilled: number } }> {
  const counts = new Map<string, { key: { organisationId: string; month: string; serviceId: string; shard: string }; add: { refilled: number } }>();
  for (const slot of changes.flatMap((c) => c.refilled ?? [])) {
    const id = `${slot.organisationId}|${slot.month}|${slot.serviceId}`;
    const entry = counts.get(id) ?? { key: { organisationId: slot.organisationId, month: slot.month, serviceId: slot.serviceId, shard: "refill" }, add: { refilled: 0 } };
    entry.add.refilled++;
    counts.set(id, entry);
  }
  return [...counts.values()];
}

/**
 * The transaction item that writes a day's new busy list only if nobody changed the day since
 * it was read (same version, or still absent): the condition every booking guarantee rests on.
 */
export function dayWrite(agentDay: TransactionEntities["agentDay"], change: DayChange) {
  return agentDay
    .put({ agentId: change.agentId, day: change.day, busy: change.busy, ...(change.freed?.length ? { freed: change.freed } : {}), version: change.version + 1, expiresAt: dayExpiresAt(change.day) })
    .where((attr, op) => (change.exists === false ? op.notExists(attr.version) : op.eq(attr.version, change.version)))
    .commit();
}

/**
 * Adds intervals to an agent's day, replacing those of the same appointments, with optimistic
 * concurrency on `version`: the write only commits if nobody changed the day since it was read.
 * Used by the bulk import; bookings go through a transaction that conditions on the same version.
 */
export async function mergeIntervals(agentId: string, day: string, added: BusyInterval[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const current = await AgentDayEntity.get({ agentId, day }).go({ consistent: true });
    const version = current.data?.version ?? 0;
    const busy = mergeBusy(current.data?.busy ?? [], added);
    if (current.data && JSON.stringify(busy) === JSON.stringify(current.data.busy)) return; // nothing new
    try {
      await AgentDayEntity.put({ agentId, day, busy, version: version + 1, expiresAt: dayExpiresAt(day) })
        .where((attr, op) => (current.data ? op.eq(attr.version, version) : op.notExists(attr.version)))
        .go();
      return;
    } catch (error) {
      if (!isConditionFailure(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/**
 * One agent's days [dayBefore, dayAfter] and all their absences, in one query: in the agent's
 * partition absences sort after the days ("time#<day>" < "time#~absence#<id>"), so the key range
 * from `dayBefore` on holds both. Days after `dayAfter` are in that range too; DynamoDB filters
 * them out (they are read, but only as far ahead as the agent has appointments).
 */
async function readOne(agentId: string, dayBefore: string, dayAfter: string) {
  const params = AgentDayEntity.query.primary({ agentId }).gte({ day: dayBefore }).params<QueryCommandInput>();
  const items: Array<Record<string, unknown>> = [];
  let exclusiveStartKey: QueryCommandInput["ExclusiveStartKey"];
  do {
    const page = await docClient().send(
      new QueryCommand({
        ...params,
        FilterExpression: "attribute_not_exists(#day) OR #day <= :dayAfter",
        ExpressionAttributeNames: { ...params.ExpressionAttributeNames, "#day": "day" },
        ExpressionAttributeValues: { ...params.ExpressionAttributeValues, ":dayAfter": dayAfter },
        ExclusiveStartKey: exclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey);
  // each entity keeps only its own items (parse ignores ownership unless told)
  return {
    days: AgentDayEntity.parse({ Items: items }, { ignoreOwnership: false }).data,
    absences: AbsenceEntity.parse({ Items: items }, { ignoreOwnership: false }).data,
  };
}

function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Absences and busy time of agents over local days [from, to]: one query per agent, in parallel
 * (see `readOne`); a day either side, since intervals are filed under local days and an
 * appointment may cross midnight.
 */
export async function read(agentIds: readonly string[], from: string, to: string): Promise<{ absences: AbsenceRecord[]; busy: Record<string, BusyInterval[]> }> {
  const perAgent = await Promise.all(agentIds.map((agentId) => readOne(agentId, shiftDay(from, -1), shiftDay(to, 1))));
  const absences: AbsenceRecord[] = [];
  const busy: Record<string, BusyInterval[]> = {};
  agentIds.forEach((agentId, i) => {
    absences.push(...perAgent[i]!.absences);
    busy[agentId] = perAgent[i]!.days.flatMap((day) => day.busy);
  });
  return { absences, busy };
}

/** An agent's days between two local days (inclusive), for the agenda. */
export async function daysOf(agentId: string, from: string, to: string) {
  return (await AgentDayEntity.query.primary({ agentId }).between({ day: from }, { day: to }).go({ pages: "all" })).data;
}

/** An agent's absences (every one: recurring ones have no end). */
export async function absencesOf(agentId: string): Promise<AbsenceRecord[]> {
  return (await AbsenceEntity.query.primary({ agentId }).go({ pages: "all" })).data;
}

export type AbsenceItem = PutItem<typeof AbsenceEntity>;

/** An absence, or null. */
export async function absence(agentId: string, absenceId: string): Promise<AbsenceRecord | null> {
  return (await AbsenceEntity.get({ agentId, absenceId }).go()).data;
}

/** Transaction items that change absences (configuration writes them with their audit entry). */
export function saveAbsenceWrite(e: Pick<TransactionEntities, "absence">, item: AbsenceItem) {
  return e.absence.put(item).commit();
}

export function removeAbsenceWrite(e: Pick<TransactionEntities, "absence">, agentId: string, absenceId: string) {
  return e.absence.delete({ agentId, absenceId }).commit();
}

/** Saves many absences in batches (département import). */
export async function saveAbsences(items: AbsenceItem[]): Promise<void> {
  await putAll(AbsenceEntity, items);
}

/** A DynamoDB Put as a transaction takes it: for writes that join a transaction built outside ElectroDB. */
export interface RawPut {
  TableName: string;
  Item: Record<string, unknown>;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * The write that files busy intervals kept elsewhere (the items of an older key layout, see
 * migration/0001) into an agent's day as this module keeps it. The day's own intervals win for
 * the same appointment; the write is conditioned on the day being still as read (its version, or
 * still absent), like every other day write. No write when the day already holds every one of
 * those appointments (or none are given). `overlapping`: the merged day holds intervals of different appointments
 * that overlap (both kept: they are appointments that exist; an agent has to sort them out).
 */
export async function adoptDay(agentId: string, day: string, storedBusy: unknown, storedVersion?: number): Promise<{ put?: RawPut; overlapping: boolean }> {
  const adopted = decodeBusy(storedBusy);
  if (adopted.some((b) => typeof b.appointmentId !== "string" || typeof b.start !== "string" || typeof b.end !== "string")) {
    throw new Error(`agent ${agentId}, day ${day}: busy intervals without appointmentId, start or end`);
  }
  const current = (await AgentDayEntity.get({ agentId, day }).go({ consistent: true })).data;
  const busy = mergeBusy(adopted, current?.busy ?? []);
  const overlapping = busy.some((a, i) => busy.slice(i + 1).some((b) => b.appointmentId !== a.appointmentId && overlaps(a, b)));
  const held = new Set((current?.busy ?? []).map((b) => b.appointmentId));
  if (adopted.every((b) => held.has(b.appointmentId))) return { overlapping }; // nothing new (or nothing at all)
  const version = Math.max(current?.version ?? 0, storedVersion ?? 0) + 1;
  const put = AgentDayEntity.put({ agentId, day, busy, version, expiresAt: dayExpiresAt(day) })
    .where((attr, op) => (current ? op.eq(attr.version, current.version) : op.notExists(attr.version)))
    .params<RawPut>();
  return { put, overlapping };
}

/**
 * The write that files an absence kept elsewhere (an older key layout, see migration/0001) as
 * this module keeps it, on the condition that it is still not there; none when it already is
 * (the absence as kept here is the newer one). The item is validated like any absence.
 */
export async function adoptAbsence(item: AbsenceItem): Promise<{ put?: RawPut }> {
  const current = (await AbsenceEntity.get({ agentId: item.agentId, absenceId: item.absenceId }).go({ consistent: true })).data;
  if (current) return {};
  return { put: AbsenceEntity.create(item).params<RawPut>() };
}
