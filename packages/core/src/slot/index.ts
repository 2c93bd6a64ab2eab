import { fn } from "../validate";
import { DateTime } from "luxon";
import * as z from "zod";
import * as AgentTime from "../agent-time";
import * as Department from "../department";
import { NotFoundError } from "../error";
import * as Motif from "../motif";
import * as OpeningRule from "../opening-rule";
import * as Place from "../place";
import { Id, LocalDate } from "../schema/common";
import { ForbiddenError, canSee, type AgentContext } from "../session";
import { readTogether } from "../db/batch-get";
import { computeSlots, type BusyInterval, type EngineAbsence, type EngineRule, type MonthlyRecurrence, type Slot, type Weekday } from "./engine";

export type { Slot } from "./engine";

export const MAX_RANGE_DAYS = 92;

export const Info = z.object({ startsAt: z.string(), endsAt: z.string() });
export type Info = z.infer<typeof Info>;

export const ListInput = z
  .object({ motif: Id, place: Id, from: LocalDate, to: LocalDate })
  .superRefine((input, ctx) => {
    if (input.to < input.from) ctx.addIssue({ code: "custom", path: ["to"], message: "doit être le même jour que « from » ou après" });
    else if (daysBetween(input.from, input.to) >= MAX_RANGE_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `${MAX_RANGE_DAYS} jours au plus` });
    }
  });
export type ListInput = z.infer<typeof ListInput>;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

type StoredRecurrence = { everyWeeks?: number; weekdays?: string[]; everyMonths?: number; ordinal?: number | string; weekday?: string };
type Recurring = { recurrence?: StoredRecurrence | null; exceptions?: unknown };

/** A stored recurrence as the engine reads it: weekly, or monthly when it carries `everyMonths`. */
export function recurrenceOf(item: Recurring): EngineRule["recurrence"] {
  const recurrence = item.recurrence;
  if (!recurrence) return null;
  if (recurrence.everyMonths !== undefined) {
    return { everyMonths: recurrence.everyMonths, ordinal: recurrence.ordinal as MonthlyRecurrence["ordinal"], weekday: recurrence.weekday as Weekday };
  }
  return { everyWeeks: recurrence.everyWeeks ?? 1, weekdays: (recurrence.weekdays ?? []) as Weekday[] };
}

function exceptionsOf(item: Recurring): EngineRule["exceptions"] {
  return (item.exceptions ?? []) as EngineRule["exceptions"];
}

type RuleRecord = OpeningRule.OpeningRuleRecord;

export function toEngineRule(rule: RuleRecord): EngineRule {
  return {
    id: rule.ruleId,
    agentId: rule.agentId,
    placeId: rule.placeId,
    motifIds: rule.motifIds,
    firstDay: rule.firstDay,
    until: rule.until,
    start: rule.start,
    end: rule.end,
    recurrence: recurrenceOf(rule),
    exceptions: exceptionsOf(rule),
  };
}

export function toEngineAbsence(absence: AgentTime.RunningAbsence): EngineAbsence {
  return {
    id: absence.absenceId,
    agentId: absence.agentId,
    start: absence.start,
    end: absence.end,
    recurrence: recurrenceOf(absence),
    until: absence.until,
    exceptions: exceptionsOf(absence),
  };
}

/** Opening rules, absences and busy time of the agents concerned. */
export interface Availability {
  rules: EngineRule[];
  absences: EngineAbsence[];
  /** by agent; each interval keeps the id of the appointment that made it */
  busy: Record<string, Array<BusyInterval & { appointmentId: string }>>;
}

function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Reads what slot maths need for a motif over local days [from, to]: the rules (of one place, or
 * of the whole organisation) with, for one place, its copy of its agents' busy time; then the
 * rules' agents' running absences and (for an organisation) its places' copies (one
 * BatchGetItem, see `loadBusy`): 3 requests whatever the range, the number of agents and of
 * appointments.
 */
export async function loadAvailability(options: {
  motifId: string;
  placeId?: string;
  organisationId: string;
  from: string;
  to: string;
  /** also these agents (an agent booking for a colleague) */
  agentIds?: string[];
}): Promise<Availability> {
  const { from, to, placeId } = options;
  // one place: its copy is read with the rules; every place of an organisation: once the rules name them
  const [rules, copy] = await Promise.all([
    loadRules(options),
    placeId ? readTogether([AgentTime.placeBusy(placeId, shiftDay(from, -1), shiftDay(to, 1))]) : undefined,
  ]);
  const agents = [...new Set([...rules.map((rule) => rule.agentId), ...(options.agentIds ?? [])])].sort();
  const [absences, time] = await Promise.all([
    AgentTime.absencesFrom(shiftDay(from, -1), agents),
    copy ? busyFrom(copy, agents, from, to) : loadBusy([...new Set(rules.map((rule) => rule.placeId))].sort(), agents, from, to),
  ]);
  return { rules, absences: withOwnAbsences(engineAbsences(absences, agents), time.ownAbsences), busy: time.busy };
}

/** The opening rules offering a motif: of one place, or of the whole organisation (one query). */
export async function loadRules(options: { motifId: string; placeId?: string; organisationId?: string }): Promise<EngineRule[]> {
  const ruleRecords = options.placeId
    ? await OpeningRule.listByPlace(options.placeId)
    : await OpeningRule.listByOrganisation(options.organisationId!);
  return ruleRecords.filter((rule) => rule.motifIds.includes(options.motifId)).map(toEngineRule);
}

/**
 * The agents of a place's rules for a motif at the last search or booking of it in this process
 * ("place|motif"): their absences are asked for in the same round as the rules (DynamoDB
 * filtering the département's running absences down to them). Only a guess: agents the fresh
 * rules add are asked for after. Bounded.
 */
const agentsSeen = new Map<string, string[]>();
const SEEN_LIMIT = 5_000;

export interface EarlyAbsences {
  agents: string[];
  absences: Promise<AgentTime.RunningAbsence[]>;
}

/** Starts reading the running absences of the agents last seen at a place for a motif, if any (see `absencesOfAgents`). */
export function absencesEarly(placeId: string, motifId: string, from: string): EarlyAbsences | undefined {
  const agents = agentsSeen.get(`${placeId}|${motifId}`);
  if (!agents) return undefined;
  const absences = AgentTime.absencesFrom(from, agents);
  absences.catch(() => undefined); // awaited by absencesOfAgents, unless a check fails first
  return { agents, absences };
}

/** The running absences of the rules' agents: those read early, and those of agents the early read missed. */
export async function absencesOfAgents(placeId: string, motifId: string, agents: string[], from: string, early?: EarlyAbsences): Promise<EngineAbsence[]> {
  if (agentsSeen.size >= SEEN_LIMIT) agentsSeen.clear();
  agentsSeen.set(`${placeId}|${motifId}`, agents);
  const missed = agents.filter((agentId) => !early?.agents.includes(agentId));
  const [first, rest] = await Promise.all([early?.absences ?? [], missed.length > 0 ? AgentTime.absencesFrom(from, missed) : []]);
  return engineAbsences([...first, ...rest], agents);
}

/** Absences of some agents, as the engine takes them. */
export function engineAbsences(absences: readonly AgentTime.RunningAbsence[], agentIds: readonly string[]): EngineAbsence[] {
  return absences.filter((absence) => agentIds.includes(absence.agentId)).map(toEngineAbsence);
}

/** Busy time of agents over local days [from, to] from the places' copies (see `busyFrom`), read in one BatchGetItem. */
export async function loadBusy(placeIds: readonly string[], agentIds: readonly string[], from: string, to: string): Promise<AgentTimeRead> {
  const copies = await readTogether(placeIds.map((placeId) => AgentTime.placeBusy(placeId, shiftDay(from, -1), shiftDay(to, 1))));
  return busyFrom(copies, agentIds, from, to);
}

/**
 * What agents' busy time was read: by agent, and the absences of the agents read from their own
 * partitions (`ownAbsences`: add them to those of the index, see `withOwnAbsences`).
 */
export interface AgentTimeRead {
  busy: Availability["busy"];
  ownAbsences: EngineAbsence[];
}

/**
 * Busy time of agents from places' copies; agents none of them covers yet are read from their
 * own days (one query each), which also holds their absences: those are kept, since data written
 * before absences were indexed by last day (data migration 0002) has absences the index lacks —
 * an agent no place covers yet is exactly one whose absences may not be indexed yet.
 */
export async function busyFrom(copies: readonly AgentTime.PlaceBusy[], agentIds: readonly string[], from: string, to: string): Promise<AgentTimeRead> {
  const known = AgentTime.busyFrom(copies, agentIds);
  if (known.uncovered.length === 0) return { busy: known.busy, ownAbsences: [] };
  const own = await loadAgentTime(known.uncovered, from, to);
  return { busy: { ...known.busy, ...own.busy }, ownAbsences: own.absences };
}

/** Absences from the index and absences read from agents' own partitions, each once. */
export function withOwnAbsences(indexed: readonly EngineAbsence[], own: readonly EngineAbsence[]): EngineAbsence[] {
  const seen = new Set(indexed.map((a) => `${a.agentId}|${a.id}`));
  return [...indexed, ...own.filter((a) => !seen.has(`${a.agentId}|${a.id}`))];
}

/** Absences and busy time of agents over local days [from, to] from their own partitions, one query per agent (see AgentTime.read). */
export async function loadAgentTime(agentIds: string[], from: string, to: string): Promise<Pick<Availability, "absences" | "busy">> {
  const time = await AgentTime.read(agentIds, from, to);
  return { absences: time.absences.map(toEngineAbsence), busy: time.busy };
}

export interface Audience {
  /** usagers see the booking window applied; agents see every free slot */
  bookingWindow: boolean;
  /** an agent may list only the slots of the organisations and services they work for */
  agent?: AgentContext;
}

export type MotifRecord = Motif.MotifRecord;

export function engineMotif(motif: MotifRecord) {
  return {
    id: motif.motifId,
    durationMinutes: motif.durationMinutes,
    bufferMinutes: motif.bufferMinutes,
    minDelayMinutes: motif.minDelayMinutes,
    maxDelayDays: motif.maxDelayDays,
  };
}

/** Slots of a motif at a place over local days, from already loaded motif and availability. */
export function compute(
  department: Department.Info,
  motif: MotifRecord,
  placeId: string,
  availability: Availability,
  range: { from: string; to: string; now: Date; bookingWindow: boolean; limit?: number },
): Slot[] {
  return computeSlots({
    timezone: department.timezone,
    departmentCode: department.code,
    whitMondayWorked: department.whitMondayWorked,
    now: range.now,
    from: range.from,
    to: range.to,
    motif: engineMotif(motif),
    placeId,
    rules: availability.rules,
    absences: availability.absences,
    busy: availability.busy,
    bookingWindow: range.bookingWindow,
    limit: range.limit,
  });
}

/**
 * Free slots of a motif at a place over local days [from, to] (GET /v1/public/slots), in one
 * round of three requests: a BatchGetItem of the motif, the place and the place's copy of its
 * agents' busy time; the place's rules; the running absences of the agents it offered the motif
 * with last time (see `absencesEarly`; the first time, after the rules). Agents of the rules the
 * place does not cover yet are read from their own days after. Nothing is returned before the
 * motif, the place and the audience are checked.
 */
export const list = fn(ListInput, async (input, now: Date, audience: Audience = { bookingWindow: true }): Promise<Slot[]> => {
  const { motif: motifId, place: placeId, from, to } = input;
  const early = absencesEarly(placeId, motifId, shiftDay(from, -1));
  const [[motifRecord, placeRecord, copy], department, rules] = await Promise.all([
    readTogether([Motif.read(motifId), Place.read(placeId), AgentTime.placeBusy(placeId, shiftDay(from, -1), shiftDay(to, 1))]),
    Department.get(),
    loadRules({ motifId, placeId }),
  ]);
  const motif = Motif.found(motifRecord, { online: audience.bookingWindow });
  const place = Place.found(placeRecord);
  if (place.organisationId !== motif.organisationId) {
    throw new NotFoundError("place.not_found", "Ce lieu ne propose pas ce motif.");
  }
  if (audience.agent && !canSee(audience.agent, motif.organisationId, motif.serviceId)) throw new ForbiddenError();
  if (motif.collective) return [];
  const agents = [...new Set(rules.map((rule) => rule.agentId))].sort();
  const [absences, time] = await Promise.all([absencesOfAgents(placeId, motifId, agents, shiftDay(from, -1), early), busyFrom([copy], agents, from, to)]);
  return compute(department, motif, placeId, { rules, absences: withOwnAbsences(absences, time.ownAbsences), busy: time.busy }, { from, to, now, bookingWindow: audience.bookingWindow });
});

/** Local date of an instant in the département's timezone. */
export function localDay(instant: string | Date, timezone: string): string {
  const dt = typeof instant === "string" ? DateTime.fromISO(instant, { setZone: true }) : DateTime.fromJSDate(instant);
  return dt.setZone(timezone).toISODate()!;
}

export function toLocalIso(instant: string, timezone: string): string {
  return DateTime.fromISO(instant, { setZone: true }).setZone(timezone).toISO({ suppressMilliseconds: true })!;
}
