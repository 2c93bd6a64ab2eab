import { createHash, randomUUID } from "node:crypto";
import { resource } from "../appointment/resource";
import { isConditionFailure } from "../db/condition";
import type { TransactionEntities } from "../db/transact";
import type { WebhookEventType } from "../schema/webhook";
import { DELIVERY_QUEUE, KEEP_DAYS } from "./delivery";
import { log } from "./log";
import * as Queue from "./queue";
import { WebhookDeliveryEntity, WebhookEventEntity, WebhookSubscriptionEntity } from "./webhook.entity";

/** The work index queue of events not yet fanned out (gsi4). */
export const EVENT_QUEUE = "webhook-event";
/** The request that wrote an event fans it out; the reconciler takes it only after this. */
const EVENT_GRACE_MS = 60_000;
const RETRY_FOR_MS = 24 * 3600_000;

export interface PendingEvent {
  eventId: string;
  type: WebhookEventType;
  organisationId: string;
  appointmentId: string;
  /** UTC instant of the change (the payload's `timestamp`) */
  at: string;
  extra?: { invitationId?: string };
}

/** An event of a change to an appointment, to write with `item` in the change's transaction and `publish` once it commits. */
export function event(type: WebhookEventType, appointment: { appointmentId: string; organisationId: string }, now: Date): PendingEvent {
  return { eventId: randomUUID(), type, organisationId: appointment.organisationId, appointmentId: appointment.appointmentId, at: now.toISOString() };
}

/**
 * `invitation.booked`: an usager booked from a booking invitation. The invitation's booking path
 * writes it (`item`) in its transaction and `publish`es it, like the appointment events; the
 * payload's data is the appointment with `invitationId`.
 */
export function invitationBooked(appointment: { appointmentId: string; organisationId: string }, invitationId: string, now: Date): PendingEvent {
  return { ...event("invitation.booked", appointment, now), extra: { invitationId } };
}

/** The pending event as an item of the change's transaction (a put: never a conflict). */
export function item(e: Pick<TransactionEntities, "webhookEvent">, pending: PendingEvent) {
  const at = Date.parse(pending.at);
  return e.webhookEvent
    .put({ ...pending, workQueue: EVENT_QUEUE, workDueAt: new Date(at + EVENT_GRACE_MS).toISOString(), expiresAt: Math.floor(at / 1000) + 7 * 86_400 })
    .commit();
}

/** The `webhook-id` of one event for one subscription: time-ordered (a log reads newest first), the same whoever fans it out. */
export function deliveryId(pending: Pick<PendingEvent, "eventId" | "at">, subscriptionId: string): string {
  const time = Date.parse(pending.at).toString(36).padStart(9, "0");
  return `msg_${time}${createHash("sha256").update(`${pending.eventId}:${subscriptionId}`).digest("hex").slice(0, 20)}`;
}

/**
 * Fans an event out: one delivery per active subscription of the organisation that wants its
 * type (each written once: its id comes from the event and the subscription), each queued, then
 * the event removed. Run twice (the request, then the reconciler), it writes nothing twice.
 */
export async function fanOut(pending: PendingEvent, now: Date): Promise<number> {
  const subscriptions = (await WebhookSubscriptionEntity.query.byOrganisation({ organisationId: pending.organisationId }).go({ pages: "all" })).data.filter(
    (s) => s.status === "active" && s.events.includes(pending.type),
  );
  const created: Array<{ subscriptionId: string; deliveryId: string }> = [];
  if (subscriptions.length > 0) {
    const data = (await resource(pending.appointmentId)) ?? { id: pending.appointmentId };
    const body = JSON.stringify({ type: pending.type, timestamp: pending.at, data: { ...data, ...(pending.extra ?? {}) } });
    for (const subscription of subscriptions) {
      const ref = { subscriptionId: subscription.subscriptionId, deliveryId: deliveryId(pending, subscription.subscriptionId) };
      try {
        await WebhookDeliveryEntity.create({
          ...ref,
          organisationId: pending.organisationId,
          eventType: pending.type,
          appointmentId: pending.appointmentId,
          eventAt: pending.at,
          body,
          status: "pending",
          attempts: 0,
          retryUntil: new Date(Date.parse(pending.at) + RETRY_FOR_MS).toISOString(),
          workQueue: DELIVERY_QUEUE,
          workDueAt: now.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + KEEP_DAYS * 86_400,
        }).go({ response: "none" });
        created.push(ref);
      } catch (error) {
        if (!isConditionFailure(error)) throw error; // fanned out already
      }
    }
    const queue = await Queue.current();
    await Promise.all(created.map((ref) => queue.enqueue(ref, 0)));
  }
  await WebhookEventEntity.delete({ eventId: pending.eventId }).go({ response: "none" });
  return created.length;
}

/** Right after the change commits: fans its events out. A failure leaves them to the reconciler. */
export async function publish(events: PendingEvent[], now: Date): Promise<void> {
  for (const pending of events) {
    try {
      await fanOut(pending, now);
    } catch (error) {
      log("webhook event deferred to the reconciler", { eventId: pending.eventId, error });
    }
  }
}

/** Events a request left (it stopped after its commit), oldest first, a page at a time. */
export async function dueEvents(now: Date, options: { cursor?: string | null; limit?: number } = {}) {
  return WebhookEventEntity.query
    .pendingWork({ workQueue: EVENT_QUEUE })
    .lte({ workDueAt: now.toISOString() })
    .go({ cursor: options.cursor ?? null, limit: options.limit ?? 50 });
}
