import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { PutItem } from "../db/batch";
import { getItems } from "../db/batch-get";
import { docClient, tableName } from "../db/client";
import { isConditionFailure } from "../db/condition";
import { dayExpiresAt } from "../retention";
import { AbsenceEntity } from "./absence.entity";
import { AgentDayEntity, decodeBusy } from "./agent-day.entity";
import { mergeBusy, overlaps } from "./busy";
import { placesOf } from "./days";
import { AgentPlacesEntity } from "./place-time.entity";
import { weekUpdates } from "./place-time";

/** A DynamoDB Put as a transaction takes it: for writes that join a transaction built outside ElectroDB. */
export interface RawPut {
  TableName: string;
  Item: Record<string, unknown>;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/** Transaction items (raw) that go with an adopted day: the agent's place list checked, the day copied to those places. */
export type RawTransactItem =
  | { ConditionCheck: { TableName: string; Key: Record<string, unknown>; ConditionExpression: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } }
  | { Update: { TableName: string; Key: Record<string, unknown>; UpdateExpression: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } };

/**
 * The write that files busy intervals kept elsewhere (the items of an older key layout, see
 * migration/0001) into an agent's day as this module keeps it. The day's own intervals win for
 * the same appointment; the write is conditioned on the day being still as read (its version, or
 * still absent), like every other day write. No write when the day already holds every one of
 * those appointments (or none are given). `overlapping`: the merged day holds intervals of different appointments
 * that overlap (both kept: they are appointments that exist; an agent has to sort them out).
 * `copies`: like every write of a day (days.ts, `writes`), the agent's place list checked
 * unchanged and the day copied to those places' weeks, so a place that covers the agent never
 * misses an adopted day; they go in the same transaction as `put`.
 */
export async function adoptDay(agentId: string, day: string, storedBusy: unknown, storedVersion?: number): Promise<{ put?: RawPut; copies: RawTransactItem[]; overlapping: boolean }> {
  const adopted = decodeBusy(storedBusy);
  if (adopted.some((b) => typeof b.appointmentId !== "string" || typeof b.start !== "string" || typeof b.end !== "string")) {
    throw new Error(`agent ${agentId}, day ${day}: busy intervals without appointmentId, start or end`);
  }
  const placesKey = AgentPlacesEntity.get({ agentId }).params<{ Key: Record<string, unknown> }>().Key;
  const [current, [listItem]] = await Promise.all([AgentDayEntity.get({ agentId, day }).go({ consistent: true }).then((r) => r.data), getItems([placesKey], { consistent: true })]);
  const busy = mergeBusy(adopted, current?.busy ?? []);
  const overlapping = busy.some((a, i) => busy.slice(i + 1).some((b) => b.appointmentId !== a.appointmentId && overlaps(a, b)));
  const held = new Set((current?.busy ?? []).map((b) => b.appointmentId));
  if (adopted.every((b) => held.has(b.appointmentId))) return { copies: [], overlapping }; // nothing new (or nothing at all)
  const version = Math.max(current?.version ?? 0, storedVersion ?? 0) + 1;
  const put = AgentDayEntity.put({ agentId, day, busy, version, expiresAt: dayExpiresAt(day) })
    .where((attr, op) => (current ? op.eq(attr.version, current.version) : op.notExists(attr.version)))
    .params<RawPut>();
  const list = placesOf(listItem ?? null, agentId);
  const check: RawTransactItem = {
    ConditionCheck: {
      TableName: tableName(),
      Key: placesKey,
      ConditionExpression: list.exists ? "#v = :v" : "attribute_not_exists(#v)",
      ExpressionAttributeNames: { "#v": "version" },
      ...(list.exists ? { ExpressionAttributeValues: { ":v": list.version } } : {}),
    },
  };
  return { put, copies: [check, ...weekUpdates(list.places.map((placeId) => ({ placeId, agentId, day, version, busy })))], overlapping };
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

/**
 * An absence written before absences were indexed by last day (gsi1, `byLastDay`) is invisible
 * to slot search and agendas, which read the département's running absences from that index:
 * this puts it again through the entity (which computes `lastDay` and the index keys), on the
 * condition that it is still the item read — not indexed, same `updatedAt` — so an absence
 * changed meanwhile is read again, never overwritten. Returns what happened.
 */
export async function indexAbsence(stored: Record<string, unknown>): Promise<"indexed" | "alreadyIndexed" | "gone"> {
  let item: Record<string, unknown> | undefined = stored;
  for (let attempt = 1; attempt <= 10; attempt++) {
    if (!item) return "gone";
    if (item.gsi1pk !== undefined) return "alreadyIndexed";
    const { pk: _pk, sk: _sk, __edb_e__: _e, __edb_v__: _v, updatedAt, ...attributes } = item;
    const put = AbsenceEntity.put(attributes as PutItem<typeof AbsenceEntity>).params<RawPut>();
    try {
      await docClient().send(
        new PutCommand({
          ...put,
          ConditionExpression: `attribute_exists(#pk) AND attribute_not_exists(#g) AND ${updatedAt === undefined ? "attribute_not_exists(#u)" : "#u = :u"}`,
          ExpressionAttributeNames: { "#pk": "pk", "#g": "gsi1pk", "#u": "updatedAt" },
          ...(updatedAt === undefined ? {} : { ExpressionAttributeValues: { ":u": updatedAt } }),
        }),
      );
      return "indexed";
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      item = (await docClient().send(new GetCommand({ TableName: tableName(), Key: { pk: stored.pk, sk: stored.sk }, ConsistentRead: true }))).Item;
    }
  }
  throw new Error(`absence ${String(stored.pk)} ${String(stored.sk)} kept changing`);
}
