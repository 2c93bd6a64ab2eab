import { randomBytes, randomUUID } from "node:crypto";
import * as Audit from "../audit";
import { transact, type TransactionEntities, type TransactionItems } from "../db/transact";
import { ConflictError, NotFoundError, ValidationError } from "../error";
import { CreateWebhookInput, WebhookOrganisationInput, type WebhookInfo, type WebhookSecretInfo } from "../schema/webhook";
import { assertAdmin, type AgentContext } from "../session";
import { fn } from "../validate";
import { AddressRefused, check, type Refusal } from "./address";
import { DELIVERY_QUEUE, RETRY_FOR_MS } from "./delivery";
import * as Queue from "./queue";
import { WebhookDeliveryEntity, WebhookSubscriptionEntity } from "./webhook.entity";

/** Deliveries shown per subscription. */
export const LOG_SIZE = 20;

const REFUSALS: Record<Refusal, string> = {
  invalid_url: "adresse invalide (https://…)",
  https_required: "l'adresse doit commencer par https://",
  address_refused: "cette adresse mène à un réseau privé ou local : elle est refusée",
  unresolved: "ce nom de domaine est introuvable",
};

/** `whsec_` and base64 of 32 random bytes, as Standard Webhooks writes secrets. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

async function audited(ctx: AgentContext, organisationId: string, subjectId: string, action: Audit.ConfigAction, changes: Audit.Changes, now: Date, change: (e: TransactionEntities) => TransactionItems[number]) {
  await transact(async () => ({
    write: (e) => ({ items: [change(e), ...Audit.configWrites(e, { organisationIds: [organisationId], actor: ctx, subject: "webhook", subjectId, action, changes, now })] as TransactionItems }),
    committed: () => undefined,
  }));
}

/** The subscription, if the caller administers its organisation (otherwise it does not exist for them). */
async function owned(subscriptionId: string, ctx: AgentContext) {
  const subscription = subscriptionId.length <= 100 ? (await WebhookSubscriptionEntity.get({ subscriptionId }).go({ consistent: true })).data : null;
  if (!subscription || !ctx.memberships.some((m) => m.organisationId === subscription.organisationId && m.role === "admin")) {
    throw new NotFoundError("webhook.not_found", "Cet abonnement n'existe pas.");
  }
  return subscription;
}

/** POST /v1/agent/webhooks (admins): the URL is checked (HTTPS, a public address) before anything is written. */
export const create = fn(CreateWebhookInput, async (input, ctx: AgentContext, now: Date): Promise<WebhookSecretInfo> => {
  assertAdmin(ctx, input.organisationId);
  try {
    await check(input.url);
  } catch (error) {
    if (error instanceof AddressRefused) throw new ValidationError({ url: REFUSALS[error.reason] });
    throw error;
  }
  const subscriptionId = `wh_${randomUUID()}`;
  const secret = newSecret();
  await audited(ctx, input.organisationId, subscriptionId, "created", { url: [null, input.url], events: [null, input.events] }, now, (e) =>
    e.webhookSubscription.create({ subscriptionId, organisationId: input.organisationId, url: input.url, events: input.events, secret, status: "active", createdByAgentId: ctx.agentId }).commit(),
  );
  return { id: subscriptionId, secret };
});

/** GET /v1/agent/webhooks?organisationId (admins): subscriptions, each with its latest deliveries. */
export const list = fn(WebhookOrganisationInput, async ({ organisationId }, ctx: AgentContext): Promise<{ webhooks: WebhookInfo[] }> => {
  assertAdmin(ctx, organisationId);
  const subscriptions = (await WebhookSubscriptionEntity.query.byOrganisation({ organisationId }).go({ pages: "all" })).data;
  const logs = await Promise.all(subscriptions.map((s) => WebhookDeliveryEntity.query.primary({ subscriptionId: s.subscriptionId }).go({ order: "desc", limit: LOG_SIZE })));
  return {
    webhooks: subscriptions.map((s, i) => ({
      id: s.subscriptionId,
      organisationId: s.organisationId,
      url: s.url,
      events: s.events,
      status: s.status,
      createdAt: s.createdAt,
      ...(s.failingSince ? { failingSince: s.failingSince } : {}),
      ...(s.disabledAt ? { disabledAt: s.disabledAt } : {}),
      deliveries: logs[i]!.data.map((d) => ({
        id: d.deliveryId,
        eventType: d.eventType,
        status: d.status,
        attempts: d.attempts,
        createdAt: d.eventAt ?? d.createdAt,
        ...(d.lastAttemptAt ? { lastAttemptAt: d.lastAttemptAt } : {}),
        ...(d.nextAttemptAt ? { nextAttemptAt: d.nextAttemptAt } : {}),
        ...(d.lastStatusCode !== undefined ? { lastStatusCode: d.lastStatusCode } : {}),
        ...(d.lastError ? { lastError: d.lastError } : {}),
      })),
    })),
  };
});

/** POST /v1/agent/webhooks/{id}/rotate: a new secret, shown once; the old one stops signing at once. */
export async function rotate(subscriptionId: string, ctx: AgentContext, now: Date): Promise<WebhookSecretInfo> {
  const subscription = await owned(subscriptionId, ctx);
  const secret = newSecret();
  await audited(ctx, subscription.organisationId, subscriptionId, "rotated", {}, now, (e) => e.webhookSubscription.patch({ subscriptionId }).set({ secret }).commit());
  return { id: subscriptionId, secret };
}

/** DELETE /v1/agent/webhooks/{id}: no delivery is attempted after (an attempt finds no subscription). */
export async function remove(subscriptionId: string, ctx: AgentContext, now: Date): Promise<void> {
  const subscription = await owned(subscriptionId, ctx);
  await audited(ctx, subscription.organisationId, subscriptionId, "deleted", { url: [subscription.url, null] }, now, (e) => e.webhookSubscription.delete({ subscriptionId }).commit());
}

/**
 * POST /v1/agent/webhooks/{id}/deliveries/{deliveryId}/resend: the same body and `webhook-id`
 * (receivers drop a repeat by its id), attempted now and retried for 24 hours again.
 */
export async function resend(subscriptionId: string, deliveryId: string, ctx: AgentContext, now: Date): Promise<{ id: string; status: string }> {
  const subscription = await owned(subscriptionId, ctx);
  if (subscription.status !== "active") throw new ConflictError("webhook.disabled", "Cet abonnement est désactivé : créez-le de nouveau pour recevoir des événements.");
  const ref = { subscriptionId, deliveryId };
  const delivery = deliveryId.length <= 100 ? (await WebhookDeliveryEntity.get(ref).go({ consistent: true })).data : null;
  if (!delivery) throw new NotFoundError("webhook.delivery_not_found", "Cet envoi n'existe pas.");
  if (delivery.status === "pending") throw new ConflictError("webhook.delivery_pending", "Cet envoi est déjà en cours.");
  const at = now.toISOString();
  await audited(ctx, subscription.organisationId, subscriptionId, "resent", { delivery: [delivery.status, deliveryId] }, now, (e) =>
    e.webhookDelivery
      .patch(ref)
      .set({ status: "pending", attempts: 0, nextAttemptAt: at, retryUntil: new Date(now.getTime() + RETRY_FOR_MS).toISOString(), workQueue: DELIVERY_QUEUE, workDueAt: at })
      .where((attr, op) => op.eq(attr.status, delivery.status))
      .commit(),
  );
  await (await Queue.current()).enqueue(ref, 0);
  return { id: deliveryId, status: "pending" };
}
