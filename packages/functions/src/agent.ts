import * as Agenda from "@rdv/core/agenda";
import * as Appointment from "@rdv/core/appointment";
import * as Configuration from "@rdv/core/configuration";
import * as ServiceUser from "@rdv/core/service-user";
import * as Slot from "@rdv/core/slot";
import * as Stats from "@rdv/core/stats";
import { agentRoute, list } from "./agent-middleware";

/** GET /v1/agent/agenda?organisation&from&to&agents=a,b */
export const agenda = agentRoute(async ({ query }, ctx) => ({
  body: await Agenda.get({ organisationId: query.organisation ?? "", from: query.from ?? "", to: query.to ?? "", agentIds: list(query.agents) }, ctx),
}));

/** GET /v1/agent/slots?motif&place&from&to — every free slot of the organisation's agents (no booking window) */
export const slots = agentRoute(async ({ query }, ctx, now) => ({
  body: { slots: await Slot.list({ motif: query.motif ?? "", place: query.place ?? "", from: query.from ?? "", to: query.to ?? "" }, now, { bookingWindow: false, agent: ctx }) },
}));

/** POST /v1/agent/appointments (Idempotency-Key) {motifId, placeId, startsAt, serviceUserId | serviceUser, relative?, agentIds?, acknowledgeWarnings?} */
export const book = agentRoute(async ({ body, headers }, ctx, now) => ({
  statusCode: 201,
  body: await Appointment.book(body, { idempotencyKey: headers["idempotency-key"], now, actor: Appointment.agentActor(body, ctx) }),
}));

/** GET /v1/agent/appointments/{id} */
export const detail = agentRoute(async ({ params }, ctx) => ({ body: await Appointment.detail(params.id ?? "", ctx) }));

/** POST /v1/agent/appointments/{id}/status {status} */
export const setStatus = agentRoute(async ({ params, body }, ctx, now) => ({ body: await Appointment.setStatus(params.id ?? "", body, ctx, now) }));

/** POST /v1/agent/appointments/{id}/revoke — cancelled by the service, the usager is told by SMS */
export const revoke = agentRoute(async ({ params }, ctx, now) => ({ body: await Appointment.revoke(params.id ?? "", ctx, now) }));

/** POST /v1/agent/appointments/{id}/move {startsAt} */
export const move = agentRoute(async ({ params, body }, ctx, now) => ({ body: await Appointment.moveByAgent(params.id ?? "", body, ctx, now) }));

/** GET /v1/agent/appointments/to-mark?organisation */
export const toMark = agentRoute(async ({ query }, ctx, now) => ({
  body: { appointments: await Appointment.toMark({ organisationId: query.organisation ?? "", days: query.days }, ctx, now) },
}));

/** POST /v1/agent/sessions {motifId, placeId, startsAt, agentIds, capacity?} */
export const createSession = agentRoute(async ({ body }, ctx, now) => ({ statusCode: 201, body: await Appointment.createSession(body, ctx, now) }));

/** GET /v1/agent/service-users?organisation&q */
export const searchServiceUsers = agentRoute(async ({ query }, ctx) => ({
  body: { serviceUsers: await ServiceUser.search({ organisationId: query.organisation ?? "", q: query.q ?? "" }, ctx) },
}));

/** POST /v1/agent/service-users */
export const createServiceUser = agentRoute(async ({ body }, ctx, now) => ({ statusCode: 201, body: await ServiceUser.create(body, ctx, now) }));

/** GET /v1/agent/stats?organisation&from=YYYY-MM&to=YYYY-MM */
export const stats = agentRoute(async ({ query }, ctx) => ({
  body: { rows: await Stats.forOrganisation({ organisationId: query.organisation ?? "", from: query.from ?? "", to: query.to ?? "" }, ctx) },
}));

/** GET /v1/agent/configuration?organisation */
export const configuration = agentRoute(async ({ query }, ctx) => ({ body: await Configuration.list({ organisationId: query.organisation ?? "" }, ctx) }));

/** GET /v1/agent/configuration/changes?organisation&limit&cursor — the organisation's configuration changes, newest first (admins) */
export const configurationChanges = agentRoute(async ({ query }, ctx) => ({
  body: await Configuration.changes({ organisationId: query.organisation ?? "", limit: query.limit, cursor: query.cursor }, ctx),
}));

export const savePlace = agentRoute(async ({ body }, ctx, now) => ({ body: await Configuration.savePlace(body, ctx, now) }));
export const saveMotif = agentRoute(async ({ body }, ctx, now) => ({ body: await Configuration.saveMotif(body, ctx, now) }));
export const saveOpeningRule = agentRoute(async ({ body }, ctx, now) => ({ body: await Configuration.saveOpeningRule(body, ctx, now) }));
export const editOccurrence = agentRoute(async ({ body }, ctx, now) => ({ body: await Configuration.editOccurrence(body, ctx, now) }));
export const deleteOpeningRule = agentRoute(async ({ params }, ctx, now) => {
  await Configuration.deleteOpeningRule(params.ruleId ?? "", ctx, now);
  return { body: { ok: true } };
});
export const saveAbsence = agentRoute(async ({ body }, ctx, now) => ({ body: await Configuration.saveAbsence(body, ctx, now) }));
export const deleteAbsence = agentRoute(async ({ body }, ctx, now) => {
  await Configuration.deleteAbsence(body, ctx, now);
  return { body: { ok: true } };
});

/** POST /v1/agent/service-users/merge {organisationId, keepId, mergeId} */
export const mergeServiceUsers = agentRoute(async ({ body }, ctx, now) => ({ body: await ServiceUser.merge(body, ctx, now) }));
