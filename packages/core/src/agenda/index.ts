import { fn } from "../validate";
import { DateTime } from "luxon";
import * as z from "zod";
import * as Agent from "../agent";
import * as AgentTime from "../agent-time";
import { summary } from "../appointment/agent-view";
import { organisationSummaries } from "../appointment/sessions";
import * as Department from "../department";
import * as OpeningRule from "../opening-rule";
import * as Organisation from "../organisation";
import { Id, LocalDate } from "../schema/common";
import { ForbiddenError, canSee, visibleServices, type AgentContext } from "../session";
import { absenceOccurrences, openingOccurrences } from "../slot/engine";
import { daysBetween, toEngineAbsence, toEngineRule } from "../slot";

export const AgendaInput = z
  .object({
    organisationId: Id,
    from: LocalDate,
    to: LocalDate,
    /** some agents only; all the organisation's agents when absent */
    agentIds: z.array(Id).max(300).optional(),
  })
  .refine((input) => input.to >= input.from && daysBetween(input.from, input.to) < 42, { path: ["to"], message: "de 1 à 42 jours" });

/**
 * The agenda of an organisation, of some of its agents, or of one, over local days: appointments
 * (the services the agent may see), opening occurrences and absences, ready for a calendar.
 * Reads, at once: the organisation's places, motifs and members (one query of its gsi1
 * partition), its appointments of the range (one paged query, only what an agenda shows), its
 * rules; then the agents shown (one BatchGetItem) and their absences running from the first day
 * on (one query of the département's absences, filtered to them). 5 requests whatever the number
 * of agents and appointments (a page is 1 MB).
 */
export const get = fn(AgendaInput, async (input, ctx: AgentContext) => {
  const { organisationId, from, to } = input;
  if (!ctx.memberships.some((m) => m.organisationId === organisationId)) throw new ForbiddenError("Vous ne faites pas partie de cette organisation.");
  const visible = visibleServices(ctx, organisationId);
  const department = await Department.get();
  const [{ memberships, motifs, places }, appointments, rules] = await Promise.all([
    Organisation.configuration(organisationId),
    organisationSummaries(organisationId, from, to, department.timezone),
    OpeningRule.listByOrganisation(organisationId),
  ]);
  const memberIds = memberships
    .filter((m) => visible === "all" || m.serviceIds.some((s) => visible.includes(s)) || m.agentId === ctx.agentId)
    .map((m) => m.agentId);
  const shown = input.agentIds ? memberIds.filter((id) => input.agentIds!.includes(id)) : memberIds;
  const [agents, running] = await Promise.all([Agent.getMany(shown), AgentTime.absencesFrom(DateTime.fromISO(from).minus({ days: 1 }).toISODate()!, shown)]);
  // by agent shown, each agent's in id order (as their partition lists them)
  const absences = shown.map((agentId) => running.filter((a) => a.agentId === agentId).sort((a, b) => (a.absenceId.toLowerCase() < b.absenceId.toLowerCase() ? -1 : 1)));
  const inShown = (ids: string[]) => ids.some((id) => shown.includes(id));
  return {
    timezone: department.timezone,
    agents: agents.map((a) => ({ id: a.agentId, firstName: a.firstName, lastName: a.lastName })).sort((a, b) => a.lastName.localeCompare(b.lastName, "fr")),
    motifs: motifs.filter((m) => visible === "all" || visible.includes(m.serviceId)).map((m) => ({ id: m.motifId, name: m.name, serviceId: m.serviceId, durationMinutes: m.durationMinutes, collective: m.collective, locationType: m.locationType })),
    places: places.map((p) => ({ id: p.placeId, name: p.name })),
    appointments: appointments.filter((a) => canSee(ctx, a.organisationId, a.serviceId) && inShown(a.agentIds)).map(summary),
    openings: rules
      .filter((r) => shown.includes(r.agentId))
      .flatMap((r) =>
        openingOccurrences(toEngineRule(r), from, to, department.timezone).map((o) => ({
          ruleId: r.ruleId, agentId: r.agentId, placeId: r.placeId, motifIds: r.motifIds, day: o.day,
          start: DateTime.fromISO(o.start).setZone(department.timezone).toISO({ suppressMilliseconds: true }),
          end: DateTime.fromISO(o.end).setZone(department.timezone).toISO({ suppressMilliseconds: true }),
        })),
      ),
    absences: absences.flatMap((result) =>
      result.flatMap((a) =>
        absenceOccurrences(toEngineAbsence(a), from, to, department.timezone).map((o) => ({
          absenceId: a.absenceId, agentId: a.agentId, title: a.title,
          start: DateTime.fromISO(o.start).setZone(department.timezone).toISO({ suppressMilliseconds: true }),
          end: DateTime.fromISO(o.end).setZone(department.timezone).toISO({ suppressMilliseconds: true }),
        })),
      ),
    ),
  };
});
