import * as ApiKey from "@rdv/core/api-key";
import { agentRoute } from "./agent-middleware";

// API keys of an organisation, for its admins: create (the key shown once), list, revoke.

/** POST /v1/agent/api-keys {name, organisationId, scopes} → 201 {id, key} */
export const create = agentRoute(async ({ body }, ctx, now) => ({ statusCode: 201, body: await ApiKey.create(body, ctx, now) }));

/** GET /v1/agent/api-keys?organisationId */
export const list = agentRoute(async ({ query }, ctx) => ({ body: { apiKeys: await ApiKey.list(query.organisationId, ctx) } }));

/** DELETE /v1/agent/api-keys/{id} → {id, revoked: true}: the key stops working at once */
export const revoke = agentRoute(async ({ params }, ctx, now) => {
  await ApiKey.revoke(params.id ?? "", ctx, now);
  return { body: { id: params.id, revoked: true } };
});
