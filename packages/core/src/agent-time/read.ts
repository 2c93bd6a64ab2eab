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

/** What slot maths and agendas need of an absence. */
export type RunningAbsence = Pick<AbsenceRecord, "agentId" | "absenceId" | "title" | "start" | "end" | "recurrence" | "until" | "exceptions">;
const RUNNING_FIELDS = ["agentId", "absenceId", "title", "start", "end", "recurrence", "until", "exceptions"] as const;

/**
 * The absences of some agents (of the whole département when none are named) that run on or
 * after a local day: one query on the absences' index, ordered by last day, DynamoDB keeping
 * only the agents named (up to 100) and only the fields named above — a département has hundreds
 * of absences to come, and parsing them all cost more than the rest of a slot search.
 */
export async function absencesFrom(day: string, agentIds?: readonly string[]): Promise<RunningAbsence[]> {
  if (agentIds && agentIds.length === 0) return [];
  const params = AbsenceEntity.query.byLastDay({}).gte({ lastDay: day }).params<QueryCommandInput>();
  const filtered = agentIds && agentIds.length <= 100 ? agentIds : undefined;
  const names: Record<string, string> = { ...params.ExpressionAttributeNames, ...Object.fromEntries(RUNNING_FIELDS.map((f) => [`#f_${f}`, f])) };
  const values: Record<string, unknown> = { ...params.ExpressionAttributeValues, ...Object.fromEntries((filtered ?? []).map((agentId, i) => [`:agent${i}`, agentId])) };
  const items: Array<Record<string, unknown>> = [];
  let exclusiveStartKey: QueryCommandInput["ExclusiveStartKey"];
  do {
    const page = await docClient().send(
      new QueryCommand({
        ...params,
        ProjectionExpression: RUNNING_FIELDS.map((f) => `#f_${f}`).join(", "),
        ...(filtered ? { FilterExpression: `#f_agentId IN (${filtered.map((_, i) => `:agent${i}`).join(", ")})` } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ExclusiveStartKey: exclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey);
  const absences = items.map((item) => ({ ...item, exceptions: item.exceptions ?? [] }) as RunningAbsence);
  return agentIds ? absences.filter((a) => agentIds.includes(a.agentId)) : absences;
}
