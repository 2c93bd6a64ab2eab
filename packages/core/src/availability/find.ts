import { DateTime } from "luxon";
import * as z from "zod";
import * as AgentTime from "../agent-time";
import * as Department from "../department";
import { NotFoundError, ValidationError } from "../error";
import * as OpeningRule from "../opening-rule";
import * as Organisation from "../organisation";
import { Id, LocalDate } from "../schema/common";
import type { AgentAvailabilityInfo } from "../schema/agent";
import { canSee, ForbiddenError, type AgentContext } from "../session";
import * as Slot from "../slot";
import { fn } from "../validate";

/** How far "Trouver un créneau" looks by default, and at most (days, the first included). */
export const FIND_DAYS = 14;
export const FIND_MAX_DAYS = 62;
/** Slots listed per agent, place and motif (the first is the next availability). */
export const FIND_SLOTS_EACH = 6;

export const FindInput = z
  .object({
    organisationId: Id,
    motifId: Id.optional(),
    serviceId: Id.optional(),
    placeId: Id.optional(),
    agentId: Id.optional(),
    from: LocalDate,
    days: z.coerce.number().int("nombre entier attendu").min(1, "1 au moins").max(FIND_MAX_DAYS, `${FIND_MAX_DAYS} au plus`).default(FIND_DAYS),
  })
  .superRefine((input, ctx) => {
    if (!input.motifId && !input.serviceId) ctx.addIssue({ code: "custom", path: ["motifId"], message: "choisissez un motif ou un service" });
  });
export type FindInput = z.input<typeof FindInput>;

/**
 * "Trouver un créneau" (GET /v1/agent/availability): for a motif, or every individual motif of a
 * service, the next free slots of each agent at each place of the organisation that offers it,
 * next availability first; an agent or a place narrows it. No booking window (agents book
 * outside it). Reads in two rounds, whatever the number of places, agents and appointments: the
 * organisation's places, motifs and members (one query) with its opening rules (one query),
 * then the places' copies of their agents' busy time (one BatchGetItem) with the agents'
 * running absences (one query). Ids of another organisation are a 404; services the agent does
 * not work for are a 403.
 */
export const find = fn(FindInput, async (input, ctx: AgentContext, now: Date): Promise<AgentAvailabilityInfo> => {
  if (!ctx.memberships.some((m) => m.organisationId === input.organisationId)) throw new ForbiddenError();
  const [configuration, ruleRecords, department] = await Promise.all([
    Organisation.configuration(input.organisationId),
    OpeningRule.listByOrganisation(input.organisationId),
    Department.get(),
  ]);
  const motif = input.motifId ? configuration.motifs.find((m) => m.motifId === input.motifId) : undefined;
  if (input.motifId && !motif) throw new NotFoundError("motif.not_found", "Ce motif n'existe pas dans cette organisation.");
  if (input.serviceId && motif && motif.serviceId !== input.serviceId) throw new ValidationError({ serviceId: "ne correspond pas au service du motif" });
  if (input.placeId && !configuration.places.some((p) => p.placeId === input.placeId)) throw new NotFoundError("place.not_found", "Ce lieu n'existe pas dans cette organisation.");
  if (input.agentId && !configuration.memberships.some((m) => m.agentId === input.agentId)) throw new NotFoundError("agent.not_found", "Cet agent ne travaille pas dans cette organisation.");
  const serviceId = motif?.serviceId ?? input.serviceId!;
  if (!canSee(ctx, input.organisationId, serviceId)) throw new ForbiddenError();
  const motifs = (motif ? [motif] : configuration.motifs.filter((m) => m.serviceId === serviceId)).filter((m) => !m.collective);
  const motifIds = new Set(motifs.map((m) => m.motifId));
  const rules = ruleRecords
    .filter((rule) => rule.motifIds.some((id) => motifIds.has(id)))
    .filter((rule) => (!input.placeId || rule.placeId === input.placeId) && (!input.agentId || rule.agentId === input.agentId))
    .map(Slot.toEngineRule);

  const from = input.from;
  const to = DateTime.fromISO(from).plus({ days: input.days - 1 }).toISODate()!;
  const agents = [...new Set(rules.map((rule) => rule.agentId))].sort();
  const placeIds = [...new Set(rules.map((rule) => rule.placeId))].sort();
  const [absences, time] = await Promise.all([
    agents.length > 0 ? AgentTime.absencesFrom(DateTime.fromISO(from).minus({ days: 1 }).toISODate()!, agents) : [],
    Slot.loadBusy(placeIds, agents, from, to),
  ]);
  const availability = { rules, absences: Slot.withOwnAbsences(Slot.engineAbsences(absences, agents), time.ownAbsences), busy: time.busy };

  // one search per agent, place and motif, each stopping at its first slots
  const results: AgentAvailabilityInfo["results"] = [];
  const pairs = new Set(rules.flatMap((rule) => rule.motifIds.filter((id) => motifIds.has(id)).map((id) => `${id}|${rule.placeId}|${rule.agentId}`)));
  for (const pair of pairs) {
    const [motifId, placeId, agentId] = pair.split("|") as [string, string, string];
    const own = { ...availability, rules: rules.filter((rule) => rule.agentId === agentId && rule.placeId === placeId) };
    const slots = Slot.compute(department, motifs.find((m) => m.motifId === motifId)!, placeId, own, { from, to, now, bookingWindow: false, limit: FIND_SLOTS_EACH });
    results.push({ motifId, placeId, agentId, slots: slots.map(({ startsAt, endsAt }) => ({ startsAt, endsAt })) });
  }
  const firstStart = (r: (typeof results)[number]) => (r.slots[0] ? Date.parse(r.slots[0].startsAt) : Infinity);
  results.sort((a, b) => firstStart(a) - firstStart(b) || a.placeId.localeCompare(b.placeId) || a.agentId.localeCompare(b.agentId) || a.motifId.localeCompare(b.motifId));
  return { from, to, results };
});
