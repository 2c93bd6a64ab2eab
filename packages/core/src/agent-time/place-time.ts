import { tableName } from "../db/client";
import type { Read, StoredItem } from "../db/batch-get";
import { dayExpiresAt } from "../retention";
import { encodeBusy } from "./agent-day.entity";
import type { BusyInterval, FreedInterval } from "./busy";
import { PlaceAgentsEntity, PlaceWeekEntity } from "./place-time.entity";

/**
 * Busy time by place (docs/data-model.md): each place keeps, per week, a copy of the days of the
 * agents who have rules there, written in the same transaction as the days themselves, so one
 * BatchGetItem of a place's weeks replaces one query per agent in slot search. A copy carries
 * the day's version: a booking can condition on the day without reading it again.
 */

type Key = Record<string, unknown>;
const keyOf = (params: { Key: Key }) => params.Key;

/** Monday (YYYY-MM-DD) of a local day's week. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The weeks (Mondays) that local days [from, to] touch. */
export function weeksOf(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let week = weekOf(from); week <= to; week = addDays(week, 7)) weeks.push(week);
  return weeks;
}

export const weekKey = (placeId: string, week: string) => keyOf(PlaceWeekEntity.get({ placeId, week }).params());
export const agentsKey = (placeId: string) => keyOf(PlaceAgentsEntity.get({ placeId }).params());
const dayAttribute = (agentId: string, day: string) => `d|${agentId}|${day}`;
const agentAttribute = (agentId: string) => `a|${agentId}`;

/** A day of an agent as a place's copy holds it. */
export interface CopiedDay {
  placeId: string;
  agentId: string;
  day: string;
  /** the day's version after the write */
  version: number;
  busy: BusyInterval[];
  /** the day's freed time (see AgentDayEntity.freed), so a booking decided on the copy keeps and refills it */
  freed?: FreedInterval[];
}

/** A raw Update item of a transaction. */
export type RawUpdate = { Update: { TableName: string; Key: Record<string, unknown>; UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> } };

/** Raw Update items (one per place and week) that copy days to their places' weeks. */
export function weekUpdates(copies: readonly CopiedDay[]): RawUpdate[] {
  const byItem = new Map<string, CopiedDay[]>();
  for (const copy of copies) {
    const id = `${copy.placeId}|${weekOf(copy.day)}`;
    byItem.set(id, [...(byItem.get(id) ?? []), copy]);
  }
  return [...byItem.values()].map((group) => {
    const { placeId } = group[0]!;
    const week = weekOf(group[0]!.day);
    const names: Record<string, string> = { "#e": "__edb_e__", "#v": "__edb_v__", "#placeId": "placeId", "#week": "week", "#expiresAt": "expiresAt" };
    const values: Record<string, unknown> = { ":e": "placeWeek", ":v": "1", ":placeId": placeId, ":week": week, ":expiresAt": dayExpiresAt(addDays(week, 6)) };
    const sets = ["#e = :e", "#v = :v", "#placeId = :placeId", "#week = :week", "#expiresAt = :expiresAt"];
    group.forEach((copy, i) => {
      names[`#d${i}`] = dayAttribute(copy.agentId, copy.day);
      // [version, busy] or, on a day with freed time, [version, busy, freed]
      values[`:d${i}`] = copy.freed && copy.freed.length > 0 ? `[${copy.version},${encodeBusy(copy.busy)},${JSON.stringify(copy.freed)}]` : `[${copy.version},${encodeBusy(copy.busy)}]`;
      sets.push(`#d${i} = :d${i}`);
    });
    return {
      Update: { TableName: tableName(), Key: weekKey(placeId, week), UpdateExpression: `SET ${sets.join(", ")}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values },
    };
  });
}

/** The raw Update item that records agents as covered by a place (see `cover`). */
export function coveredUpdate(placeId: string, agents: ReadonlyArray<{ agentId: string; version: number; places: readonly string[] }>): RawUpdate {
  const names: Record<string, string> = { "#e": "__edb_e__", "#v": "__edb_v__", "#placeId": "placeId" };
  const values: Record<string, unknown> = { ":e": "placeAgents", ":v": "1", ":placeId": placeId };
  const sets = ["#e = :e", "#v = :v", "#placeId = :placeId"];
  agents.forEach((agent, i) => {
    names[`#a${i}`] = agentAttribute(agent.agentId);
    values[`:a${i}`] = JSON.stringify([agent.version, agent.places]);
    sets.push(`#a${i} = :a${i}`);
  });
  return { Update: { TableName: tableName(), Key: agentsKey(placeId), UpdateExpression: `SET ${sets.join(", ")}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
}

/** The covered agents of a place: agent → the version and places of their list when covered. */
export type Coverage = Map<string, { version: number; places: string[] }>;

export function coverageOf(item: StoredItem | null): Coverage {
  const coverage: Coverage = new Map();
  for (const [name, value] of Object.entries(item ?? {})) {
    if (!name.startsWith("a|") || typeof value !== "string") continue;
    const [version, places] = JSON.parse(value) as [number, string[]];
    coverage.set(name.slice(2), { version, places });
  }
  return coverage;
}

/** A day as a place's copy holds it. */
export interface CopiedState {
  version: number;
  busy: BusyInterval[];
  freed: FreedInterval[];
}

/** A place's copy of its agents' days over local days [from, to]. */
export interface PlaceBusy {
  placeId: string;
  coverage: Coverage;
  /** agent → day → the day as copied, still encoded (see `decodeCopy`: a place has agents of other motifs too) */
  days: Map<string, Map<string, string>>;
}

export function decodeCopy(value: string): CopiedState {
  const [version, tuples, freed] = JSON.parse(value) as [number, Array<[string, string, string]>, FreedInterval[]?];
  return { version, busy: tuples.map(([appointmentId, start, end]) => ({ appointmentId, start, end })), freed: freed ?? [] };
}

/** The read (one BatchGetItem with others) of a place's covered agents and its weeks over [from, to]. */
export function placeBusy(placeId: string, from: string, to: string): Read<PlaceBusy> {
  const weeks = weeksOf(from, to);
  return {
    keys: [agentsKey(placeId), ...weeks.map((week) => weekKey(placeId, week))],
    parse: ([agents, ...items]) => {
      const days: PlaceBusy["days"] = new Map();
      for (const item of items) {
        for (const [name, value] of Object.entries(item ?? {})) {
          if (!name.startsWith("d|") || typeof value !== "string") continue;
          const cut = name.lastIndexOf("|");
          const day = name.slice(cut + 1);
          if (day < from || day > to) continue;
          const agentId = name.slice(2, cut);
          const byDay = days.get(agentId) ?? new Map<string, string>();
          days.set(agentId, byDay);
          byDay.set(day, value);
        }
      }
      return { placeId, coverage: coverageOf(agents ?? null), days };
    },
  };
}
