import type { PutItem } from "../db/batch";
import { dayExpiresAt } from "../retention";
import { AbsenceEntity } from "./absence.entity";
import { AgentDayEntity, decodeBusy } from "./agent-day.entity";
import { mergeBusy, overlaps } from "./busy";

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
export async function adoptAbsence(item: PutItem<typeof AbsenceEntity>): Promise<{ put?: RawPut }> {
  const current = (await AbsenceEntity.get({ agentId: item.agentId, absenceId: item.absenceId }).go({ consistent: true })).data;
  if (current) return {};
  return { put: AbsenceEntity.create(item).params<RawPut>() };
}
