import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { validate } from "../validate";
import * as z from "zod";
import * as AgentTime from "../agent-time";
import * as Audit from "../audit";
import { transact, type TransactionEntities, type TransactionItems } from "../db/transact";
import * as Department from "../department";
import { absenceItem, motifItem, openingRuleItem, placeItem } from "../department-file/items";
import * as Agent from "../agent";
import { DomainError, NotFoundError, ValidationError } from "../error";
import * as FreedTime from "../freed-time";
import * as Motif from "../motif";
import * as OpeningRule from "../opening-rule";
import * as Place from "../place";
import { Id, LocalDate } from "../schema/common";
import { AbsenceInput, MotifInput, OccurrenceException, OpeningRuleInput, PlaceInput } from "../schema/department-file";
import { parsePhone } from "../schema/phone";
import * as Service from "../service";
import { recurrenceOf } from "../slot";
import { occursOn } from "../slot/occurrences";
import { ForbiddenError, assertAdmin, type AgentContext } from "../session";

/**
 * Organisation configuration by its agents: places, motifs, opening rules (with single
 * occurrence edits) and absences. The same schemas and item mappings as the département file;
 * admins configure their organisation; every agent manages their own absences and occurrences.
 */
const withOptionalId = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value && typeof value === "object" && !("id" in value) ? { ...value, id: randomUUID() } : value), schema);

const parse = validate;

/** Fields that are bookkeeping, not configuration: never listed as changes. */
const NOT_CHANGES = new Set(["createdAt", "updatedAt", "expiresAt", "placeId", "motifId", "ruleId", "absenceId", "organisationId", "agentId", "departmentCode"]);

function diff(before: object | null, after: object | null): Audit.Changes {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((f) => !NOT_CHANGES.has(f)).sort();
  return Audit.changes(before as Record<string, unknown> | null, after as Record<string, unknown> | null, fields);
}

/**
 * Writes a configuration change and its audit entry (one per organisation concerned) in one
 * transaction: a change is never saved without the record of who made it.
 */
async function audited(change: (e: TransactionEntities) => TransactionItems[number], entry: Omit<Audit.ConfigEntry, "actor"> & { actor: AgentContext }, freed: FreedTime.Freed[] = []) {
  await transact(async () => ({
    write: (e) => ({ items: [change(e), ...Audit.configWrites(e, entry), ...freed.map((f) => FreedTime.item(e, f, entry.now))] as TransactionItems }),
    committed: () => undefined,
  }));
}

/** What is stored under that id, if it belongs to the organisation (another organisation's is a 403). */
async function existingOf<T extends { organisationId: string }>(record: T | null, organisationId: string): Promise<T | null> {
  if (record && record.organisationId !== organisationId) throw new ForbiddenError();
  return record;
}

const actionOf = (existing: unknown): Audit.ConfigAction => (existing ? "updated" : "created");

export async function savePlace(input: unknown, ctx: AgentContext, now: Date) {
  const place = parse(withOptionalId(PlaceInput), input);
  assertAdmin(ctx, place.organisationId);
  const existing = await existingOf(await Place.get(place.id), place.organisationId);
  const department = await Department.get();
  if (place.phone && !parsePhone(place.phone, department.code)) throw new ValidationError({ phone: "numéro de téléphone invalide" });
  const item = placeItem(place, department.code);
  const changes = diff(existing, item);
  await audited((e) => Place.saveWrite(e, item), { organisationIds: [place.organisationId], actor: ctx, subject: "place", subjectId: place.id, action: actionOf(existing), changes, now });
  return { id: place.id };
}

export async function saveMotif(input: unknown, ctx: AgentContext, now: Date) {
  const motif = parse(withOptionalId(MotifInput), input);
  assertAdmin(ctx, motif.organisationId);
  const existing = await existingOf(await Motif.get(motif.id), motif.organisationId);
  if (!(await Service.fromId(motif.serviceId))) throw new ValidationError({ serviceId: `service inconnu : ${motif.serviceId}` });
  const item = motifItem(motif);
  const changes = diff(existing, item);
  await audited((e) => Motif.saveWrite(e, item), { organisationIds: [motif.organisationId], actor: ctx, subject: "motif", subjectId: motif.id, action: actionOf(existing), changes, now });
  return { id: motif.id };
}

/**
 * The organisation of a rule (its place's, which the caller administers), after checking every id it names: an unknown place,
 * agent or motif is a 400 naming the field; an agent or motif of another organisation a 403.
 */
async function ruleContext(rule: { agentId: string; placeId: string; motifIds: string[] }, ctx: AgentContext) {
  const place = await Place.get(rule.placeId);
  if (!place) throw new ValidationError({ placeId: `lieu inconnu : ${rule.placeId}` });
  assertAdmin(ctx, place.organisationId);
  await Agent.assertWorkFor([rule.agentId], { organisationId: place.organisationId }, "agentId");
  const motifs = await Promise.all(rule.motifIds.map((motifId) => Motif.get(motifId)));
  const unknown: Record<string, string> = {};
  const elsewhere: Record<string, string> = {};
  motifs.forEach((m, i) => {
    if (!m) unknown[`motifIds[${i}]`] = "motif inconnu";
    else if (m.organisationId !== place.organisationId) elsewhere[`motifIds[${i}]`] = "ce motif appartient à une autre organisation";
  });
  if (Object.keys(unknown).length > 0) throw new ValidationError(unknown);
  if (Object.keys(elsewhere).length > 0) throw new DomainError("auth.forbidden", "forbidden", "Ce motif appartient à une autre organisation.", elsewhere);
  return place.organisationId;
}

export async function saveOpeningRule(input: unknown, ctx: AgentContext, now: Date) {
  const rule = parse(withOptionalId(OpeningRuleInput), input);
  const organisationId = await ruleContext(rule, ctx);
  const existing = await existingOf(await OpeningRule.get(rule.id), organisationId);
  const item = openingRuleItem(rule, organisationId);
  const changes = diff(existing, item);
  // time opened from the rule's first day to come on: offered to the waitlist (its first free slot that day)
  const department = await Department.get();
  const today = DateTime.fromJSDate(now).setZone(department.timezone).toISODate()!;
  const first = rule.firstDay > today ? rule.firstDay : today;
  const freed = freedAt([{ ...rule, organisationId }], `${first}T${rule.start}`, department.timezone, `rule.${rule.id}`);
  await audited((e) => OpeningRule.saveWrite(e, item), { organisationIds: [organisationId], actor: ctx, subject: "opening_rule", subjectId: rule.id, action: actionOf(existing), changes, now }, freed);
  // the place keeps a copy of the agent's busy time from now on (until it is complete, searches read the agent's own days)
  await AgentTime.cover(rule.agentId, [rule.placeId]);
  return { id: rule.id };
}

export const OccurrenceInput = z.object({ ruleId: Id, exception: OccurrenceException });

/** Cancels or moves one occurrence of a recurring rule without ending the series (admins, or the rule's agent). */
export async function editOccurrence(input: unknown, ctx: AgentContext, now: Date) {
  const { ruleId, exception } = parse(OccurrenceInput, input);
  const rule = await OpeningRule.get(ruleId);
  if (!rule) throw new NotFoundError("opening_rule.not_found", "Cette plage d'ouverture n'existe pas.");
  const admin = ctx.memberships.some((m) => m.organisationId === rule.organisationId && m.role === "admin");
  if (!admin && rule.agentId !== ctx.agentId) throw new ForbiddenError();
  const before = (rule.exceptions ?? []) as Array<{ day: string }>;
  const exceptions = [...before.filter((e) => e.day !== exception.day), exception];
  const changes = { [`exceptions.${exception.day}`]: [before.find((e) => e.day === exception.day) ?? null, exception] as [unknown, unknown] };
  await audited((e) => OpeningRule.setExceptionsWrite(e, ruleId, exceptions), { organisationIds: [rule.organisationId], actor: ctx, subject: "opening_rule", subjectId: ruleId, action: "occurrence_edited", changes, now });
  return { id: ruleId };
}

export async function deleteOpeningRule(ruleId: string, ctx: AgentContext, now: Date) {
  const rule = await OpeningRule.get(ruleId);
  if (!rule) throw new NotFoundError("opening_rule.not_found", "Cette plage d'ouverture n'existe pas.");
  assertAdmin(ctx, rule.organisationId);
  const changes = diff(rule, null);
  await audited((e) => OpeningRule.removeWrite(e, ruleId), { organisationIds: [rule.organisationId], actor: ctx, subject: "opening_rule", subjectId: ruleId, action: "deleted", changes, now });
}

/** Freed time for each motif of the rules at their place, from a wall-clock moment (the waitlist offers that day's first free slot). */
function freedAt(rules: Array<{ motifIds: string[]; placeId: string; organisationId: string }>, wallClock: string, timezone: string, key: string): FreedTime.Freed[] {
  const startsAt = DateTime.fromISO(wallClock, { zone: timezone }).toUTC().toISO()!;
  const seen = new Set<string>();
  return rules.flatMap((rule) =>
    rule.motifIds.flatMap((motifId) => {
      const id = `${motifId}|${rule.placeId}`;
      if (seen.has(id)) return [];
      seen.add(id);
      return [{ appointmentId: `${key}.${motifId}.${rule.placeId}`, motifId, placeId: rule.placeId, organisationId: rule.organisationId, startsAt, timezone }];
    }),
  ).slice(0, 20); // a transaction holds 100 items: a rule or an agent rarely opens more motifs than this
}

/**
 * Agents manage their own absences; admins those of their organisations' agents. An unknown agent
 * is a 400. Answers the agent's organisations: an absence's change is audited in each of them.
 */
async function mayManageAgent(ctx: AgentContext, agentId: string): Promise<string[]> {
  const agent = await Agent.get(agentId);
  if (agentId === ctx.agentId) return agent?.organisationIds ?? ctx.memberships.map((m) => m.organisationId);
  if (!agent) throw new ValidationError({ agentId: "agent inconnu" });
  const shared = agent.organisationIds.some((o) => ctx.memberships.some((m) => m.organisationId === o && m.role === "admin"));
  if (!shared) throw new ForbiddenError("Vous ne pouvez gérer que vos absences, ou celles des agents de votre organisation si vous l'administrez.");
  return agent.organisationIds;
}

export async function saveAbsence(input: unknown, ctx: AgentContext, now: Date) {
  const absence = parse(withOptionalId(AbsenceInput), input);
  const organisationIds = await mayManageAgent(ctx, absence.agentId);
  const existing = await AgentTime.absence(absence.agentId, absence.id);
  const item = absenceItem(absence);
  const changes = diff(existing, item);
  await audited((e) => AgentTime.saveAbsenceWrite(e, item), { organisationIds, actor: ctx, subject: "absence", subjectId: absence.id, action: actionOf(existing), changes, now });
  return { id: absence.id };
}

export const DeleteAbsenceInput = z.object({ agentId: Id, absenceId: Id });

export async function deleteAbsence(input: unknown, ctx: AgentContext, now: Date) {
  const { agentId, absenceId } = parse(DeleteAbsenceInput, input);
  const organisationIds = await mayManageAgent(ctx, agentId);
  const existing = await AgentTime.absence(agentId, absenceId);
  if (!existing) return; // already gone: nothing to record
  // the agent's time given back: offered to the waitlist for each motif the agent opens (from the absence's first day to come)
  const [department, rules] = await Promise.all([Department.get(), Promise.all(organisationIds.map((o) => OpeningRule.listByOrganisation(o)))]);
  const nowLocal = DateTime.fromJSDate(now).setZone(department.timezone).toFormat("yyyy-MM-dd'T'HH:mm");
  const from = existing.start > nowLocal ? existing.start : nowLocal;
  const freed = freedAt(rules.flat().filter((r) => r.agentId === agentId), from, department.timezone, `absence.${absenceId}`);
  await audited((e) => AgentTime.removeAbsenceWrite(e, agentId, absenceId), { organisationIds, actor: ctx, subject: "absence", subjectId: absenceId, action: "deleted", changes: diff(existing, null), now }, freed);
}

export const AbsenceOccurrenceInput = z.object({ agentId: Id, absenceId: Id, exception: OccurrenceException });

/**
 * Cancels or moves one occurrence of a recurring absence without ending the series (the agent, or
 * an admin of theirs). The occurrence's day must be one of the series'; its time is given back to
 * the waitlist when the day is still to come.
 */
export async function editAbsenceOccurrence(input: unknown, ctx: AgentContext, now: Date) {
  const { agentId, absenceId, exception } = parse(AbsenceOccurrenceInput, input);
  const organisationIds = await mayManageAgent(ctx, agentId);
  const existing = await AgentTime.absence(agentId, absenceId);
  if (!existing) throw new NotFoundError("absence.not_found", "Cette absence n'existe pas.");
  if (!existing.recurrence) throw new ValidationError({ absenceId: "cette absence ne se répète pas : modifiez-la ou supprimez-la" });
  const startTime = existing.start.slice(11, 16);
  if (!occursOn({ firstDay: existing.start.slice(0, 10), until: existing.until, recurrence: recurrenceOf(existing), exceptions: [] }, exception.day)) {
    throw new ValidationError({ "exception.day": "l'absence n'a pas lieu ce jour-là" });
  }
  const before = (existing.exceptions ?? []) as Array<{ day: string }>;
  const exceptions = [...before.filter((e) => e.day !== exception.day), exception];
  const changes = { [`exceptions.${exception.day}`]: [before.find((e) => e.day === exception.day) ?? null, exception] as [unknown, unknown] };
  const item = { agentId, absenceId, title: existing.title, start: existing.start, end: existing.end, recurrence: existing.recurrence, until: existing.until, exceptions };
  const [department, rules] = await Promise.all([Department.get(), Promise.all(organisationIds.map((o) => OpeningRule.listByOrganisation(o)))]);
  const nowLocal = DateTime.fromJSDate(now).setZone(department.timezone).toFormat("yyyy-MM-dd'T'HH:mm");
  const occurrenceStart = `${exception.day}T${startTime}`;
  const freed = exception.day >= nowLocal.slice(0, 10) ? freedAt(rules.flat().filter((r) => r.agentId === agentId), occurrenceStart > nowLocal ? occurrenceStart : nowLocal, department.timezone, `absence.${absenceId}.${exception.day}`) : [];
  await audited((e) => AgentTime.saveAbsenceWrite(e, item), { organisationIds, actor: ctx, subject: "absence", subjectId: absenceId, action: "occurrence_edited", changes, now }, freed);
  return { id: absenceId };
}

export const ListInput = z.object({ organisationId: Id, from: LocalDate.optional() });

/** What the configuration screens show for an organisation. */
export async function list(input: unknown, ctx: AgentContext) {
  const { organisationId } = parse(ListInput, input);
  if (!ctx.memberships.some((m) => m.organisationId === organisationId)) throw new ForbiddenError();
  const [places, motifs, rules, members, services] = await Promise.all([
    Place.listByOrganisation(organisationId),
    Motif.listByOrganisation(organisationId),
    OpeningRule.listByOrganisation(organisationId),
    Agent.membersOf(organisationId),
    Service.listAll(),
  ]);
  const agents = await Agent.getMany(members.map((m) => m.agentId));
  const absences = await Promise.all(members.map((m) => AgentTime.absencesOf(m.agentId)));
  return {
    services: services.map((s) => ({ id: s.serviceId, name: s.name })),
    places: places.map(({ placeId, name, shortName, address, phone }) => ({ id: placeId, name, shortName, address, phone })),
    motifs: motifs.map((m) => ({ ...m, id: m.motifId })),
    openingRules: rules.map((r) => ({ ...r, id: r.ruleId })),
    agents: agents.map((a) => ({ id: a.agentId, firstName: a.firstName, lastName: a.lastName, email: a.email, role: members.find((m) => m.agentId === a.agentId)?.role, serviceIds: members.find((m) => m.agentId === a.agentId)?.serviceIds ?? [] })),
    absences: absences.flatMap((r) => r.map((a) => ({ ...a, id: a.absenceId }))),
  };
}

export const ChangesInput = z.object({
  organisationId: Id,
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2000).nullish(),
});

/** The organisation's configuration changes, newest first (its admins). */
export async function changes(input: unknown, ctx: AgentContext) {
  const { organisationId, limit, cursor } = parse(ChangesInput, input);
  assertAdmin(ctx, organisationId);
  try {
    return await Audit.listConfigChanges(organisationId, { limit, cursor });
  } catch (error) {
    // a cursor that is not one this list gave (garbage, or another organisation's: DynamoDB refuses the start key)
    const cause = (error as { cause?: { name?: string } }).cause;
    if (cursor && error instanceof Error && error.name === "ElectroError" && (!cause || cause.name === "ValidationException")) throw new ValidationError({ cursor: "curseur invalide" });
    throw error;
  }
}
