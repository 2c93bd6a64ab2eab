import * as ServiceUser from "@rdv/core/service-user";
import { agentRoute } from "./agent-middleware";

// The organisation's usagers: search, creation, merge.
// One Lambda per route; these routes share a module (so a bundle) because they need the same part of core.

/** GET /v1/agent/service-users?organisation&q */
export const searchServiceUsers = agentRoute(async ({ query }, ctx) => ({
  body: { serviceUsers: await ServiceUser.search({ organisationId: query.organisation ?? "", q: query.q ?? "" }, ctx) },
}));

/** POST /v1/agent/service-users */
export const createServiceUser = agentRoute(async ({ body }, ctx, now) => ({ statusCode: 201, body: await ServiceUser.create(body, ctx, now) }));

/** POST /v1/agent/service-users/merge {organisationId, keepId, mergeId} */
export const mergeServiceUsers = agentRoute(async ({ body }, ctx, now) => ({ body: await ServiceUser.merge(body, ctx, now) }));
