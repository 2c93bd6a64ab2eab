import * as BookingInvitation from "@rdv/core/booking-invitation";
import { agentRoute } from "./agent-middleware";

// Booking invitations as agents send and follow them (not the agent account invitations of agent-auth.ts).

/** POST /v1/agent/booking-invitations {serviceUserId | externalId, organisationId, motifIds | serviceId, referentAgentIds?, expiresOn?, channels} → 201 the invitation */
export const create = agentRoute(async ({ body }, ctx, now) => ({ statusCode: 201, body: await BookingInvitation.create(body, ctx, now) }));

/** GET /v1/agent/booking-invitations?organisationId= → {invitations: [...]} newest first */
export const list = agentRoute(async ({ query }, ctx, now) => ({ body: { invitations: await BookingInvitation.list({ organisationId: query.organisationId ?? ctx.organisationId }, ctx, now) } }));
