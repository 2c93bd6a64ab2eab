import * as Agent from "../agent";
import { isConditionFailure } from "../db/condition";
import * as Email from "../email";
import { WebhookDeliveryEntity, WebhookSubscriptionEntity } from "./webhook.entity";
import * as Queue from "./queue";
import { send } from "./send";

/** The work index queue of deliveries due (gsi4). */
export const DELIVERY_QUEUE = "webhook";
/** A delivery is attempted for 24 hours, then failed (shown to admins, who may resend it). */
export const RETRY_FOR_MS = 24 * 3600_000;
/** A subscription whose deliveries fail for three days is disabled and its admins told. */
export const DISABLE_AFTER_MS = 3 * 24 * 3600_000;
/** An attempt's claim: another worker leaves the delivery alone meanwhile (a send times out well before). */
export const CLAIM_MS = 60_000;
/** Delivery logs are kept 30 days. */
export const KEEP_DAYS = 30;

/** The pause after the n-th failed attempt: 30 s, 1 min, 2 min… doubling, at most 4 hours apart. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 4 * 3600_000);
}

export type AttemptOutcome =
  | { outcome: "delivered" }
  | { outcome: "retry"; at: string }
  | { outcome: "failed"; reason: string }
  /** not due yet: ask again then (an SQS message comes back 15 minutes at most later) */
  | { outcome: "not_due"; at: string }
  /** nothing to do: done already, or another worker has it */
  | { outcome: "skipped" };

/**
 * One attempt of one delivery, safe to run twice at once or again later (at least once, never
 * two attempts together): the delivery is claimed by a conditional write on its attempt count,
 * sent, then its outcome written. A failure is tried again after `backoffMs`, until 24 hours have
 * passed; a subscription failing for three days is disabled and its admins get an e-mail.
 */
export async function attempt(ref: { subscriptionId: string; deliveryId: string }, now: Date): Promise<AttemptOutcome> {
  const delivery = (await WebhookDeliveryEntity.get(ref).go({ consistent: true })).data;
  if (!delivery || delivery.status !== "pending") return { outcome: "skipped" };
  if (delivery.nextAttemptAt && Date.parse(delivery.nextAttemptAt) > now.getTime()) return { outcome: "not_due", at: delivery.nextAttemptAt };
  if (delivery.claimedUntil && Date.parse(delivery.claimedUntil) > now.getTime()) return { outcome: "skipped" };
  const attempts = delivery.attempts + 1;
  try {
    await WebhookDeliveryEntity.patch(ref)
      .set({ attempts, claimedUntil: new Date(now.getTime() + CLAIM_MS).toISOString(), lastAttemptAt: now.toISOString(), workDueAt: new Date(now.getTime() + CLAIM_MS).toISOString() })
      .where((attr, op) => `${op.eq(attr.status, "pending")} AND ${op.eq(attr.attempts, delivery.attempts)}`)
      .go({ response: "none" });
  } catch (error) {
    if (isConditionFailure(error)) return { outcome: "skipped" };
    throw error;
  }
  const subscription = (await WebhookSubscriptionEntity.get({ subscriptionId: ref.subscriptionId }).go()).data;
  if (!subscription || subscription.status !== "active") {
    await finish(ref, { status: "failed", lastError: "subscription_disabled" });
    return { outcome: "failed", reason: "subscription_disabled" };
  }
  const result = await send(subscription.url, subscription.secret, delivery.deliveryId, now, delivery.body);
  if (result.ok) {
    await finish(ref, { status: "delivered", lastStatusCode: result.statusCode });
    if (subscription.failingSince) await WebhookSubscriptionEntity.patch({ subscriptionId: subscription.subscriptionId }).remove(["failingSince"]).go({ response: "none" });
    return { outcome: "delivered" };
  }
  const failure = { lastError: result.error, ...(result.statusCode ? { lastStatusCode: result.statusCode } : {}) };
  const retryAt = new Date(now.getTime() + backoffMs(attempts));
  let outcome: AttemptOutcome;
  if (retryAt.getTime() > Date.parse(delivery.retryUntil)) {
    await finish(ref, { status: "failed", ...failure });
    outcome = { outcome: "failed", reason: result.error };
  } else {
    const at = retryAt.toISOString();
    await WebhookDeliveryEntity.patch(ref).set({ ...failure, nextAttemptAt: at, workQueue: DELIVERY_QUEUE, workDueAt: at }).remove(["claimedUntil"]).go({ response: "none" });
    outcome = { outcome: "retry", at };
  }
  await failing(subscription, now);
  return outcome;
}

async function finish(ref: { subscriptionId: string; deliveryId: string }, set: { status: "delivered" | "failed"; lastStatusCode?: number; lastError?: string }) {
  await WebhookDeliveryEntity.patch(ref).set(set).remove(["claimedUntil", "nextAttemptAt", "workQueue", "workDueAt"]).go({ response: "none" });
}

type SubscriptionRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof WebhookSubscriptionEntity.get>["go"]>>["data"]>;

/** A failed attempt: the subscription fails since now (if it did not already), or is disabled after three days of it. */
async function failing(subscription: SubscriptionRecord, now: Date): Promise<void> {
  const key = { subscriptionId: subscription.subscriptionId };
  try {
    if (!subscription.failingSince) {
      await WebhookSubscriptionEntity.patch(key).set({ failingSince: now.toISOString() }).where((attr, op) => op.notExists(attr.failingSince)).go({ response: "none" });
      return;
    }
    if (now.getTime() - Date.parse(subscription.failingSince) < DISABLE_AFTER_MS) return;
    // conditioned on "active": of concurrent attempts, one disables it and tells the admins
    await WebhookSubscriptionEntity.patch(key).set({ status: "disabled", disabledAt: now.toISOString() }).where((attr, op) => op.eq(attr.status, "active")).go({ response: "none" });
  } catch (error) {
    if (isConditionFailure(error)) return;
    throw error;
  }
  await tellAdmins(subscription);
}

/** The e-mail to the organisation's admins when their subscription is disabled. */
export function disabledMessage(url: string) {
  return {
    subject: "Un webhook a été désactivé",
    text: [
      "Bonjour,",
      "",
      `Les envois vers ${url} échouent depuis trois jours : cet abonnement aux webhooks a été désactivé et ne reçoit plus d'événements.`,
      "Vérifiez que l'adresse répond, puis créez de nouveau l'abonnement depuis « Webhooks » dans l'espace agent.",
      "",
      "L'équipe RDV",
    ].join("\n"),
  };
}

async function tellAdmins(subscription: SubscriptionRecord): Promise<void> {
  const admins = (await Agent.membersOf(subscription.organisationId)).filter((m) => m.role === "admin");
  const agents = await Agent.getMany(admins.map((m) => m.agentId));
  const email = await Email.current();
  for (const agent of agents) await email.send({ to: agent.email, ...disabledMessage(subscription.url) });
}

/** Deliveries due in the work index, oldest first, a page at a time (the reconciler). */
export async function due(before: Date, options: { cursor?: string | null; limit?: number } = {}) {
  return WebhookDeliveryEntity.query
    .pendingWork({ workQueue: DELIVERY_QUEUE })
    .lte({ workDueAt: before.toISOString() })
    .go({ cursor: options.cursor ?? null, limit: options.limit ?? 50 });
}

/** What an SQS message (or a resend, or a new delivery) asks: an attempt, then another message for a retry. */
export async function attemptAndRequeue(ref: { subscriptionId: string; deliveryId: string }, now: Date): Promise<AttemptOutcome> {
  const result = await attempt(ref, now);
  if (result.outcome === "retry" || result.outcome === "not_due") {
    await (await Queue.current()).enqueue(ref, (Date.parse(result.at) - now.getTime()) / 1000);
  }
  return result;
}
