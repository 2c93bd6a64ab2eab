import * as Webhook from "@rdv/core/webhook";
import { agentRoute } from "./agent-middleware";

// Webhook subscriptions of an organisation (its admins): create (the secret shown once), list with
// the latest deliveries, rotate the secret, resend a delivery, delete.

/** POST /v1/agent/webhooks {organisationId, url, events} → 201 {id, secret} */
export const create = agentRoute(async ({ body }, ctx, now) => ({ statusCode: 201, body: await Webhook.create(body, ctx, now) }));

/** GET /v1/agent/webhooks?organisationId */
export const list = agentRoute(async ({ query }, ctx) => ({ body: await Webhook.list({ organisationId: query.organisationId ?? "" }, ctx) }));

export const rotate = agentRoute(async ({ params }, ctx, now) => ({ body: await Webhook.rotate(params.id ?? "", ctx, now) }));

export const remove = agentRoute(async ({ params }, ctx, now) => {
  await Webhook.remove(params.id ?? "", ctx, now);
  return { body: { ok: true } };
});

export const resend = agentRoute(async ({ params }, ctx, now) => ({ body: await Webhook.resend(params.id ?? "", params.deliveryId ?? "", ctx, now) }));
