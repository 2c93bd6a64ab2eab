import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import * as AgentTime from "../agent-time";
import { backoff } from "../db/transact";
import { docClient, tableName } from "../db/client";
import { eachLimited, scanPages, type RawItem } from "./scan";
import type { Counts, Migration } from "./types";

/**
 * Agent days and absences to the key layout they have had since November 2026 (git: "Slot search
 * reads each agent's days and absences in one query", e516e77). Before it, in the agent's
 * partition, days had the sort key `$agentday_1#day_<day>` (busy intervals as a list of maps)
 * and absences `$absence_1#absenceid_<id>`; they now share `time#<day>` and
 * `time#~absence#<id>` (the busy list one JSON string), so slot search reads both in one query.
 * Code since then reads only the new keys: an old-layout item is invisible to it — an
 * appointment it holds is offered again, an absence no longer blocks.
 *
 * No entity describes the old items any more, so this module reads and deletes them with plain
 * DynamoDB calls (by the attributes ElectroDB wrote on them: `__edb_e__` and the key prefixes);
 * the new form is written by agent-time itself (`AgentTime.adoptDay` / `adoptAbsence`), which
 * keeps its entities private.
 *
 * Each item moves in one transaction: the new form put (conditioned on the new item being as
 * read; a day with its copies at the places that keep the agent's busy time, see adoptDay) and the old one deleted (conditioned on it being as read). So at every moment an item is
 * whole in one layout or the other, a run that fails half-way leaves the rest for the next run,
 * and a concurrent writer makes the transaction fail and the item be read again.
 */
const OLD_DAY = "$agentday_1#";
const OLD_ABSENCE = "$absence_1#";
const CONCURRENCY = 8;
const MAX_ATTEMPTS = 10;

type Outcome = "daysMoved" | "absencesMoved" | "alreadyThere" | "goneMeanwhile";

export const agentTimeKeys: Migration = {
  number: 1,
  name: "agent-time-keys",
  description: "Agent days and absences from the sort keys $agentday_1#day_… and $absence_1#absenceid_… to time#<day> and time#~absence#<id> in the agent's partition",
  async up(context) {
    const counts: Counts = { scanned: 0, found: 0, daysMoved: 0, absencesMoved: 0, alreadyThere: 0, goneMeanwhile: 0, overlapping: 0 };
    await scanPages(
      {
        FilterExpression: "(#e = :day AND begins_with(#sk, :daySk)) OR (#e = :absence AND begins_with(#sk, :absenceSk))",
        ExpressionAttributeNames: { "#e": "__edb_e__", "#sk": "sk" },
        ExpressionAttributeValues: { ":day": "agentDay", ":daySk": OLD_DAY, ":absence": "absence", ":absenceSk": OLD_ABSENCE },
      },
      async (items, scanned) => {
        counts.scanned! += scanned;
        counts.found! += items.length;
        await eachLimited(items, CONCURRENCY, async (item) => {
          const { outcome, overlapping } = await move(item);
          counts[outcome]! += 1;
          if (overlapping) {
            counts.overlapping! += 1;
            context.warn(`agent ${String(item.agentId)}, day ${String(item.day)}: overlapping appointments once merged (both kept)`);
          }
        });
        context.progress(counts);
      },
    );
    return counts;
  },
};

/** Moves one old-layout item, reading it again after a conflict. */
async function move(scanned: RawItem): Promise<{ outcome: Outcome; overlapping?: boolean }> {
  const key = { pk: scanned.pk, sk: scanned.sk };
  let item: RawItem | undefined = scanned;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (attempt > 1) {
      await backoff(attempt);
      item = (await docClient().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
      if (!item) return { outcome: "goneMeanwhile" }; // moved by another run
    }
    const isDay = item.__edb_e__ === "agentDay";
    const plan = await planFor(item, isDay);
    const transactItems: NonNullable<TransactWriteCommandInput["TransactItems"]> = [{ Delete: deleteAsRead(item) }];
    if (plan.put) transactItems.unshift({ Put: plan.put }, ...(plan.copies ?? []));
    try {
      await docClient().send(new TransactWriteCommand({ TransactItems: transactItems }));
      const outcome: Outcome = !plan.put ? "alreadyThere" : isDay ? "daysMoved" : "absencesMoved";
      return { outcome, overlapping: plan.overlapping };
    } catch (error) {
      if (!isChangedMeanwhile(error)) throw error;
    }
  }
  throw new Error(`migration 0001: ${String(key.pk)} ${String(key.sk)} kept changing over ${MAX_ATTEMPTS} attempts`);
}

/** The write of the item's new form (none when it is already there); an item agent-time refuses stops the migration, named. */
async function planFor(item: RawItem, isDay: boolean): Promise<{ put?: AgentTime.RawPut; copies?: AgentTime.RawTransactItem[]; overlapping?: boolean }> {
  try {
    return isDay
      ? await AgentTime.adoptDay(text(item, "agentId"), text(item, "day"), item.busy, numberOrUndefined(item.version))
      : await AgentTime.adoptAbsence(absenceOf(item));
  } catch (error) {
    throw new Error(`migration 0001: ${String(item.pk)} ${String(item.sk)} cannot be moved (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

/** The old item's deletion, on the condition that nobody changed it since it was read. */
function deleteAsRead(item: RawItem) {
  const [attribute, value] = item.version !== undefined ? ["version", item.version] : item.updatedAt !== undefined ? ["updatedAt", item.updatedAt] : ["sk", item.sk];
  return {
    TableName: tableName(),
    Key: { pk: item.pk, sk: item.sk },
    ConditionExpression: "#a = :a",
    ExpressionAttributeNames: { "#a": attribute as string },
    ExpressionAttributeValues: { ":a": value },
  };
}

/** A cancellation because an item of the transaction changed (a condition, a concurrent transaction): read again. */
function isChangedMeanwhile(error: unknown): boolean {
  if ((error as { name?: string }).name !== "TransactionCanceledException") return false;
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons.some((r) => r.Code === "ConditionalCheckFailed" || r.Code === "TransactionConflict") && reasons.every((r) => ["None", "ConditionalCheckFailed", "TransactionConflict", undefined].includes(r.Code));
}

function text(item: RawItem, attribute: string): string {
  const value = item[attribute];
  if (typeof value !== "string" || value === "") throw new Error(`migration 0001: ${String(item.pk)} ${String(item.sk)} has no ${attribute}`);
  return value;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/** The old absence's attributes (keys and ElectroDB's markers left behind); agent-time validates them. */
function absenceOf(item: RawItem): AgentTime.AbsenceItem {
  const { pk: _pk, sk: _sk, __edb_e__: _e, __edb_v__: _v, updatedAt: _u, ...attributes } = item;
  return attributes as AgentTime.AbsenceItem;
}
