import { putAll, type PutItem } from "../db/batch";
import type { TransactionEntities } from "../db/transact";
import { AbsenceEntity } from "./absence.entity";
import { AgentDayEntity } from "./agent-day.entity";
import type { AbsenceRecord } from "./read";

/**
 * An agent's time: the days that hold their busy intervals (one item per agent and local day,
 * with a version every booking conditions on), their absences, and the copies of their days
 * kept by the places where they work (busy time by place, for slot search). Slot search reads
 * it, booking, moves and cancellations write it — only through this module, so the
 * no-double-booking guarantee rests on one piece of code (days.ts).
 */
export { localDaysOf, mergeBusy, overlaps, type BusyInterval } from "./busy";
export { readState, release, reserve, reserveIn, stateRead, writes, type Change, type DayChange, type DayState, type PlacesState, type TimeState } from "./days";
export { absencesFrom, read, type AbsenceRecord, type RunningAbsence } from "./read";
export { placeBusy, weeksOf, type PlaceBusy } from "./place-time";
export { cover, coverAll, recopy } from "./cover";
export { busyFrom, joinStates, stateFrom } from "./known";
export { mergeAll } from "./merge";
export { adoptAbsence, adoptDay, indexAbsence, type RawPut, type RawTransactItem } from "./adopt";

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
