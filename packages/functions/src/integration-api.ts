import * as Integration from "@rdv/core/integration";
import { apiRoute } from "./api-middleware";

// The integration API (/v1/api/…): a business tool with an API key, as an admin of the key's organisation.

/** GET /v1/api/places */
export const places = apiRoute(async (_request, ctx) => ({ body: { places: (await Integration.catalogue(ctx)).places } }));

/** GET /v1/api/motifs */
export const motifs = apiRoute(async (_request, ctx) => ({ body: { motifs: (await Integration.catalogue(ctx)).motifs } }));

/** GET /v1/api/agents */
export const agents = apiRoute(async (_request, ctx) => ({ body: { agents: (await Integration.catalogue(ctx)).agents } }));

/** GET /v1/api/appointments?from&to&status&updatedSince&cursor&limit */
export const listAppointments = apiRoute(async ({ query }, ctx) => ({ body: await Integration.list(query, ctx) }));

/** GET /v1/api/appointments/{id} */
export const showAppointment = apiRoute(async ({ params }, ctx) => ({ body: await Integration.show(params.id ?? "", ctx) }));

/** POST /v1/api/appointments (Idempotency-Key) */
export const book = apiRoute(async ({ body, headers }, ctx, now) => ({ statusCode: 201, body: await Integration.book(body, headers["idempotency-key"], ctx, now) }));

/** POST /v1/api/appointments/{id}/cancel */
export const cancel = apiRoute(async ({ params }, ctx, now) => ({ body: await Integration.cancel(params.id ?? "", ctx, now) }));

/** POST /v1/api/appointments/{id}/status {status} */
export const setStatus = apiRoute(async ({ params, body }, ctx, now) => ({ body: await Integration.setStatus(params.id ?? "", body, ctx, now) }));

/** PUT /v1/api/service-users/{externalId} → 201 created, 200 updated */
export const upsertServiceUser = apiRoute(async ({ params, body }, ctx, now) => {
  const { created, serviceUser } = await Integration.upsertServiceUser(params.externalId, body, ctx, now);
  return { statusCode: created ? 201 : 200, body: serviceUser };
});

/** POST /v1/api/invitations {serviceUserId | externalId, organisationId?, motifIds | serviceId, referentAgentIds?, expiresOn?, channels} → 201 the invitation */
export const invite = apiRoute(async ({ body }, ctx, now) => ({ statusCode: 201, body: await Integration.invite(body, ctx, now) }));
