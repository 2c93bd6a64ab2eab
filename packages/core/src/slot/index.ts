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
import { computeSlots, type BusyInterval, type EngineAbsence, type EngineRule, type Slot, type Weekday } from "./engine";

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

type Recurring = { recurrence?: { everyWeeks: number; weekdays: string[] } | null; exceptions?: unknown };

function recurrenceOf(item: Recurring): EngineRule["recurrence"] {
  return item.recurrence ? { everyWeeks: item.recurrence.everyWeeks, weekdays: item.recurrence.weekdays as Weekday[] } : null;
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

export function toEngineAbsence(absence: AgentTime.AbsenceRecord): EngineAbsence {
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

/**
 * Reads what slot maths need for a motif over local days [from, to]: the rules (of one place, or
 * of the whole organisation), then for each agent of those rules one query of their days (a day
 * holds every busy interval) and absences. 1 + agents requests, whatever the range and the
 * number of appointments.
 */
export async function loadAvailability(options: {
  motifId: string;
  placeId?: string;
  organisationId: string;
  from: string;
  to: string;
  /** restrict to these agents (an agent booking for a colleague) */
  agentIds?: string[];
}): Promise<Availability> {
  const rules = await loadRules(options);
  return withAgentTime(rules, options.from, options.to, options.agentIds);
}

/** The rules given, with the absences and busy time of their agents (and of `agentIds`). */
async function withAgentTime(rules: EngineRule[], from: string, to: string, agentIds: string[] = []): Promise<Availability> {
  const agents = [...new Set([...rules.map((rule) => rule.agentId), ...agentIds])].sort();
  return { rules, ...(await loadAgentTime(agents, from, to)) };
}

/** The opening rules offering a motif: of one place, or of the whole organisation (one query). */
export async function loadRules(options: { motifId: string; placeId?: string; organisationId?: string }): Promise<EngineRule[]> {
  const ruleRecords = options.placeId
    ? await OpeningRule.listByPlace(options.placeId)
    : await OpeningRule.listByOrganisation(options.organisationId!);
  return ruleRecords.filter((rule) => rule.motifIds.includes(options.motifId)).map(toEngineRule);
}

/** Absences and busy time of agents over local days [from, to], as the engine takes them (see AgentTime.read). */
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

/** Free slots of a motif at a place over local days [from, to] (GET /v1/public/slots). */
export const list = fn(ListInput, async (input, now: Date, audience: Audience = { bookingWindow: true }): Promise<Slot[]> => {
  const { motif: motifId, place: placeId, from, to } = input;
  // One round in the usual case: the motif, the place, the place's rules and — for the agents who
  // offered the motif there at the last search — their time, all read together. The rules just
  // read decide; agents the guess missed are read after them, and nothing is returned before the
  // motif, the place and the audience are checked.
  const guessKey = `${placeId}|${motifId}`;
  const guessed = agentsGuess.get(guessKey);
  const early = guessed ? loadAgentTime(guessed, from, to) : undefined;
  early?.catch(() => undefined); // awaited below, unless a check fails first
  const [motif, place, department, rules] = await Promise.all([
    audience.bookingWindow ? Motif.fromIdOnline(motifId) : Motif.fromId(motifId),
    Place.fromId(placeId),
    Department.get(),
    loadRules({ motifId, placeId }),
  ]);
  if (place.organisationId !== motif.organisationId) {
    throw new NotFoundError("place.not_found", "Ce lieu ne propose pas ce motif.");
  }
  if (audience.agent && !canSee(audience.agent, motif.organisationId, motif.serviceId)) throw new ForbiddenError();
  if (motif.collective) return [];
  const agents = [...new Set(rules.map((rule) => rule.agentId))].sort();
  if (agentsGuess.size >= GUESS_LIMIT) agentsGuess.clear();
  agentsGuess.set(guessKey, agents);
  const missed = agents.filter((agentId) => !guessed?.includes(agentId));
  const [known, rest] = await Promise.all([early, missed.length > 0 ? loadAgentTime(missed, from, to) : undefined]);
  const availability: Availability = {
    rules,
    absences: [...(known?.absences ?? []), ...(rest?.absences ?? [])],
    busy: { ...known?.busy, ...rest?.busy },
  };
  return compute(department, motif, placeId, availability, { from, to, now, bookingWindow: audience.bookingWindow });
});

/**
 * The agents last seen offering a motif at a place ("place|motif"), so that the next search can
 * read their time in the same round as the rules. Only a guess (see `list`); bounded.
 */
const agentsGuess = new Map<string, string[]>();
const GUESS_LIMIT = 5_000;

/** Local date of an instant in the département's timezone. */
export function localDay(instant: string | Date, timezone: string): string {
  const dt = typeof instant === "string" ? DateTime.fromISO(instant, { setZone: true }) : DateTime.fromJSDate(instant);
  return dt.setZone(timezone).toISODate()!;
}

export function toLocalIso(instant: string, timezone: string): string {
  return DateTime.fromISO(instant, { setZone: true }).setZone(timezone).toISO({ suppressMilliseconds: true })!;
}
