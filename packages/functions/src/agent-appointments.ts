import * as Appointment from "@rdv/core/appointment";
import * as Waitlist from "@rdv/core/waitlist";
import { agentRoute } from "./agent-middleware";

// Appointments as agents handle them: booking, the detail, marking, revoking, moving, group sessions.
// One Lambda per route; these routes share a module (so a bundle) because they need the same part of core.

/** POST /v1/agent/appointments (Idempotency-Key) {motifId, placeId, startsAt, serviceUserId | serviceUser, relative?, agentIds?, acknowledgeWarnings?} */
export const book = agentRoute(async ({ body, headers }, ctx, now) => ({
  statusCode: 201,
  body: await Appointment.book(body, { idempotencyKey: headers["idempotency-key"], now, actor: Appointment.agentActor(body, ctx) }),
}));

/** GET /v1/agent/appointments/{id} */
export const detail = agentRoute(async ({ params }, ctx) => ({ body: await Appointment.detail(params.id ?? "", ctx) }));

/** POST /v1/agent/appointments/{id}/status {status} */
export const setStatus = agentRoute(async ({ params, body }, ctx, now) => ({ body: await Appointment.setStatus(params.id ?? "", body, ctx, now) }));

/** POST /v1/agent/appointments/{id}/arrival {arrived} — the usager is at the desk (today's appointments), or not after all */
export const arrival = agentRoute(async ({ params, body }, ctx, now) => ({ body: await Appointment.setArrival(params.id ?? "", body, ctx, now) }));

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

/** POST /v1/agent/appointments/{id}/waitlist {latestDate?} → 201 the entry: the usager is told when an earlier slot frees up */
export const joinWaitlist = agentRoute(async ({ params, body }, ctx, now) => ({
  statusCode: 201,
  body: await Waitlist.joinEarlier(await Appointment.manageTokenForAgent(params.id ?? "", ctx), body, now),
}));
