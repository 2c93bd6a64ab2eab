import * as Agenda from "@rdv/core/agenda";
import * as Availability from "@rdv/core/availability";
import * as Slot from "@rdv/core/slot";
import { agentRoute, list } from "./agent-middleware";

// The agenda and the organisation's free slots (agents' views of the week).
// One Lambda per route; these routes share a module (so a bundle) because they need the same part of core.

/** GET /v1/agent/agenda?organisation&from&to&agents=a,b */
export const agenda = agentRoute(async ({ query }, ctx) => ({
  body: await Agenda.get({ organisationId: query.organisation ?? "", from: query.from ?? "", to: query.to ?? "", agentIds: list(query.agents) }, ctx),
}));

/** GET /v1/agent/slots?motif&place&from&to — every free slot of the organisation's agents (no booking window) */
export const slots = agentRoute(async ({ query }, ctx, now) => ({
  body: { slots: await Slot.list({ motif: query.motif ?? "", place: query.place ?? "", from: query.from ?? "", to: query.to ?? "" }, now, { bookingWindow: false, agent: ctx }) },
}));

/** GET /v1/agent/availability?organisation&motif|service&place&agent&from&days — "Trouver un créneau": each agent's next free slots at each place */
export const availability = agentRoute(async ({ query }, ctx, now) => ({
  body: await Availability.find(
    { organisationId: query.organisation ?? ctx.organisationId, motifId: query.motif, serviceId: query.service, placeId: query.place, agentId: query.agent, from: query.from ?? "", days: query.days },
    ctx,
    now,
  ),
}));
