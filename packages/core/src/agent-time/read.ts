import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { docClient } from "../db/client";
import { AbsenceEntity } from "./absence.entity";
import { AgentDayEntity } from "./agent-day.entity";
import type { BusyInterval } from "./busy";

export type AbsenceRecord = Awaited<ReturnType<ReturnType<typeof AbsenceEntity.query.primary>["go"]>>["data"][number];

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

export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Absences and busy time of agents over local days [from, to] from their own partitions: one
 * query per agent, in parallel (see `readOne`); a day either side, since intervals are filed
 * under local days and an appointment may cross midnight. Slot search reads places' copies
 * instead (see place-time.ts) and comes here only for agents a place does not cover yet.
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

/**
 * Every absence of the département that runs on or after a local day (one query on the
 * absences' index, ordered by last day), or only those of some agents (filtered by DynamoDB).
 */
export async function absencesFrom(day: string, agentIds?: readonly string[]): Promise<AbsenceRecord[]> {
  if (agentIds && agentIds.length === 0) return [];
  const query = AbsenceEntity.query.byLastDay({}).gte({ lastDay: day });
  const filtered =
    agentIds && agentIds.length <= 100 ? query.where((attr, op) => agentIds.map((agentId) => op.eq(attr.agentId, agentId)).join(" OR ")) : query;
  const result = await filtered.go({ pages: "all" });
  return agentIds ? result.data.filter((a) => agentIds.includes(a.agentId)) : result.data;
}
