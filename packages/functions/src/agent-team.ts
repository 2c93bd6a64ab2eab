import * as Team from "@rdv/core/team";
import { agentRoute } from "./agent-middleware";

// The team page (organisation admins): the organisation's agents and pending invitations, and what admins change.

/** GET /v1/agent/team?organisation= (the organisation the agent works in by default) */
export const list = agentRoute(async ({ query }, ctx, now) => ({ body: await Team.list(query.organisation ?? ctx.organisationId, ctx, now) }));

/** POST /v1/agent/team/{agentId} {organisationId, role, serviceIds} */
export const update = agentRoute(async ({ params, body }, ctx, now) => ({ body: await Team.update(params.agentId ?? "", body, ctx, now) }));

/** POST /v1/agent/team/{agentId}/remove {organisationId} */
export const remove = agentRoute(async ({ params, body }, ctx, now) => ({ body: await Team.remove(params.agentId ?? "", body, ctx, now) }));

/** POST /v1/agent/team/{agentId}/deactivate {organisationId}: every session of the agent ends at once */
export const deactivate = agentRoute(async ({ params, body }, ctx, now) => ({ body: await Team.deactivate(params.agentId ?? "", body, ctx, now) }));

/** POST /v1/agent/team/{agentId}/reactivate {organisationId} */
export const reactivate = agentRoute(async ({ params, body }, ctx, now) => ({ body: await Team.reactivate(params.agentId ?? "", body, ctx, now) }));

/** POST /v1/agent/team/invitations/{invitationId}/resend {organisationId}: a new link replaces the pending one */
export const resendInvitation = agentRoute(async ({ params, body }, ctx, now) => ({ body: await Team.resendInvitation(params.invitationId ?? "", body, ctx, now) }));
