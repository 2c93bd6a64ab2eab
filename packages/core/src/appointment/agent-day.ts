import { isConditionFailure } from "../db/condition";
import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { AbsenceEntity } from "../absence/absence.entity";
import { docClient } from "../db/client";
import { Db } from "../db/service";
import { AgentDayEntity } from "./agent-day.entity";
import { mergeBusy, type BusyInterval } from "./busy";

const MAX_ATTEMPTS = 20;

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
      await AgentDayEntity.put({ agentId, day, busy, version: version + 1 })
        .where((attr, op) => (current.data ? op.eq(attr.version, version) : op.notExists(attr.version)))
        .go();
      return;
    } catch (error) {
      if (!isConditionFailure(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}


/** A day's new busy list, as read with its version (see `reserveDays` / `releaseDays`). */
export interface DayChange {
  agentId: string;
  day: string;
  busy: Array<{ appointmentId: string; start: string; end: string }>;
  version: number;
  /** false when the day had no item yet */
  exists?: boolean;
}

type TransactionEntities = Parameters<Parameters<typeof Db.transaction.write>[0]>[0];

/**
 * The transaction item that writes a day's new busy list only if nobody changed the day since
 * it was read (same version, or still absent): the condition every booking guarantee rests on.
 */
export function conditionalDayWrite(agentDay: TransactionEntities["agentDay"], change: DayChange, expiresAt: number) {
  return agentDay
    .put({ agentId: change.agentId, day: change.day, busy: change.busy, version: change.version + 1, expiresAt })
    .where((attr, op) => (change.exists === false ? op.notExists(attr.version) : op.eq(attr.version, change.version)))
    .commit();
}

/**
 * One agent's days [dayBefore, dayAfter] and all their absences, in one query: in the agent's
 * partition absences sort after the days ("time#<day>" < "time#~absence#<id>"), so the key range
 * from `dayBefore` on holds both. Days after `dayAfter` are in that range too; DynamoDB filters
 * them out (they are read, but only as far ahead as the agent has appointments).
 */
export async function readAgentTime(agentId: string, dayBefore: string, dayAfter: string) {
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
