import { randomUUID } from "node:crypto";
import { validate } from "../validate";
import { z } from "zod";
import * as AgentTime from "../agent-time";
import * as Department from "../department";
import { absenceItem, motifItem, openingRuleItem, placeItem } from "../department-file/items";
import * as Agent from "../agent";
import { DomainError, NotFoundError, ValidationError } from "../error";
import * as Motif from "../motif";
import * as OpeningRule from "../opening-rule";
import * as Place from "../place";
import { Id, LocalDate } from "../schema/common";
import { AbsenceInput, MotifInput, OccurrenceException, OpeningRuleInput, PlaceInput } from "../schema/department-file";
import { parsePhone } from "../schema/phone";
import * as Service from "../service";
import { ForbiddenError, assertAdmin, type AgentContext } from "../session";

/**
 * Organisation configuration by its agents: places, motifs, opening rules (with single
 * occurrence edits) and absences. The same schemas and item mappings as the département file;
 * admins configure their organisation; every agent manages their own absences and occurrences.
 */
const withOptionalId = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value && typeof value === "object" && !("id" in value) ? { ...value, id: randomUUID() } : value), schema);

const parse = validate;

async function assertSameOrganisation(entity: "place" | "motif", organisationId: string, id: string) {
  const existing = entity === "place" ? await Place.get(id) : await Motif.get(id);
  if (existing && existing.organisationId !== organisationId) throw new ForbiddenError();
}

export async function savePlace(input: unknown, ctx: AgentContext) {
  const place = parse(withOptionalId(PlaceInput), input);
  assertAdmin(ctx, place.organisationId);
  await assertSameOrganisation("place", place.organisationId, place.id);
  const department = await Department.get();
  if (place.phone && !parsePhone(place.phone, department.code)) throw new ValidationError({ phone: "numéro de téléphone invalide" });
  const item = placeItem(place, department.code);
  await Place.save(item);
  return { id: place.id };
}

export async function saveMotif(input: unknown, ctx: AgentContext) {
  const motif = parse(withOptionalId(MotifInput), input);
  assertAdmin(ctx, motif.organisationId);
  await assertSameOrganisation("motif", motif.organisationId, motif.id);
  if (!(await Service.fromId(motif.serviceId))) throw new ValidationError({ serviceId: `service inconnu : ${motif.serviceId}` });
  await Motif.save(motifItem(motif));
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

export async function saveOpeningRule(input: unknown, ctx: AgentContext) {
  const rule = parse(withOptionalId(OpeningRuleInput), input);
  const organisationId = await ruleContext(rule, ctx);
  const existing = await OpeningRule.get(rule.id);
  if (existing && existing.organisationId !== organisationId) throw new ForbiddenError();
  await OpeningRule.save(openingRuleItem(rule, organisationId));
  return { id: rule.id };
}

export const OccurrenceInput = z.object({ ruleId: Id, exception: OccurrenceException });

/** Cancels or moves one occurrence of a recurring rule without ending the series (admins, or the rule's agent). */
export async function editOccurrence(input: unknown, ctx: AgentContext) {
  const { ruleId, exception } = parse(OccurrenceInput, input);
  const rule = await OpeningRule.get(ruleId);
  if (!rule) throw new NotFoundError("opening_rule.not_found", "Cette plage d'ouverture n'existe pas.");
  const admin = ctx.memberships.some((m) => m.organisationId === rule.organisationId && m.role === "admin");
  if (!admin && rule.agentId !== ctx.agentId) throw new ForbiddenError();
  const exceptions = ((rule.exceptions ?? []) as Array<{ day: string }>).filter((e) => e.day !== exception.day);
  await OpeningRule.setExceptions(ruleId, [...exceptions, exception]);
  return { id: ruleId };
}

export async function deleteOpeningRule(ruleId: string, ctx: AgentContext) {
  const rule = await OpeningRule.get(ruleId);
  if (!rule) throw new NotFoundError("opening_rule.not_found", "Cette plage d'ouverture n'existe pas.");
  assertAdmin(ctx, rule.organisationId);
  await OpeningRule.remove(ruleId);
}

/** Agents manage their own absences; admins those of their organisations' agents. An unknown agent is a 400. */
async function assertMayManageAgent(ctx: AgentContext, agentId: string) {
  if (agentId === ctx.agentId) return;
  const agent = await Agent.get(agentId);
  if (!agent) throw new ValidationError({ agentId: "agent inconnu" });
  const shared = agent.organisationIds.some((o) => ctx.memberships.some((m) => m.organisationId === o && m.role === "admin"));
  if (!shared) throw new ForbiddenError("Vous ne pouvez gérer que vos absences, ou celles des agents de votre organisation si vous l'administrez.");
}

export async function saveAbsence(input: unknown, ctx: AgentContext) {
  const absence = parse(withOptionalId(AbsenceInput), input);
  await assertMayManageAgent(ctx, absence.agentId);
  await AgentTime.saveAbsence(absenceItem(absence));
  return { id: absence.id };
}

export const DeleteAbsenceInput = z.object({ agentId: Id, absenceId: Id });

export async function deleteAbsence(input: unknown, ctx: AgentContext) {
  const { agentId, absenceId } = parse(DeleteAbsenceInput, input);
  await assertMayManageAgent(ctx, agentId);
  await AgentTime.removeAbsence(agentId, absenceId);
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
    places: places.map(({ placeId, name, address, phone }) => ({ id: placeId, name, address, phone })),
    motifs: motifs.map((m) => ({ ...m, id: m.motifId })),
    openingRules: rules.map((r) => ({ ...r, id: r.ruleId })),
    agents: agents.map((a) => ({ id: a.agentId, firstName: a.firstName, lastName: a.lastName, email: a.email, role: members.find((m) => m.agentId === a.agentId)?.role, serviceIds: members.find((m) => m.agentId === a.agentId)?.serviceIds ?? [] })),
    absences: absences.flatMap((r) => r.map((a) => ({ ...a, id: a.absenceId }))),
  };
}
