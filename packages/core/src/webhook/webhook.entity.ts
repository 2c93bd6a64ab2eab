import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";

/** An organisation's webhook subscription: a URL, the event types it wants, its signing secret. */
export const WebhookSubscriptionEntity = new Entity(
  {
    model: { entity: "webhookSubscription", version: "1", service: SERVICE },
    attributes: {
      subscriptionId: { type: "string", required: true },
      organisationId: { type: "string", required: true },
      url: { type: "string", required: true },
      events: { type: "list", items: { type: "string" }, required: true },
      /** `whsec_` and base64 of 32 random bytes (Standard Webhooks); shown once, to the admin who creates or rotates it */
      secret: { type: "string", required: true },
      status: { type: ["active", "disabled"] as const, required: true, default: "active" },
      createdByAgentId: { type: "string", required: true },
      /** the first failed attempt since the last delivered one: three days of failures disable the subscription */
      failingSince: { type: "string" },
      disabledAt: { type: "string" },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["subscriptionId"] }, sk: { field: "sk", composite: [] } },
      byOrganisation: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["organisationId"] },
        sk: { field: "gsi1sk", composite: ["subscriptionId"] },
      },
    },
  },
  entityConfig(),
);

/**
 * One event for one subscription: its signed body, attempts and state. `deliveryId` is the
 * `webhook-id` (the same for every attempt), time-ordered so a subscription's log reads newest
 * first. While due, it waits in the work index (gsi4, queue "webhook").
 */
export const WebhookDeliveryEntity = new Entity(
  {
    model: { entity: "webhookDelivery", version: "1", service: SERVICE },
    attributes: {
      subscriptionId: { type: "string", required: true },
      deliveryId: { type: "string", required: true },
      organisationId: { type: "string", required: true },
      eventType: { type: "string", required: true },
      appointmentId: { type: "string" },
      /** the exact JSON body signed and sent */
      body: { type: "string", required: true },
      status: { type: ["pending", "delivered", "failed"] as const, required: true, default: "pending" },
      attempts: { type: "number", required: true, default: 0 },
      /** the event's instant, by the domain's clock (what the log shows) */
      eventAt: { type: "string" },
      /** attempts stop then (24 hours after the event, or after a resend) */
      retryUntil: { type: "string", required: true },
      nextAttemptAt: { type: "string" },
      /** an attempt in progress until then (another worker leaves it alone) */
      claimedUntil: { type: "string" },
      lastAttemptAt: { type: "string" },
      lastStatusCode: { type: "number" },
      /** an error name (`timeout`, `address_refused`, `http_500`…), never a response body */
      lastError: { type: "string" },
      workQueue: { type: "string" },
      workDueAt: { type: "string" },
      expiresAt: { type: "number", required: true },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["subscriptionId"] }, sk: { field: "sk", composite: ["deliveryId"] } },
      pendingWork: {
        index: "gsi4",
        pk: { field: "gsi4pk", composite: ["workQueue"] },
        sk: { field: "gsi4sk", composite: ["workDueAt"] },
      },
    },
  },
  entityConfig(),
);

/**
 * An event still to fan out to the organisation's subscriptions, written in the transaction of
 * the change it reports (so a crash right after the commit loses nothing); removed once every
 * delivery is written. The reconciler drains what a request left (gsi4, queue "webhook-event").
 */
export const WebhookEventEntity = new Entity(
  {
    model: { entity: "webhookEvent", version: "1", service: SERVICE },
    attributes: {
      eventId: { type: "string", required: true },
      type: { type: "string", required: true },
      organisationId: { type: "string", required: true },
      appointmentId: { type: "string", required: true },
      at: { type: "string", required: true },
      /** extra fields of the payload's data (an invitation's id for `invitation.booked`) */
      extra: { type: "map", properties: { invitationId: { type: "string" } } },
      workQueue: { type: "string" },
      workDueAt: { type: "string" },
      expiresAt: { type: "number", required: true },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["eventId"] }, sk: { field: "sk", composite: [] } },
      pendingWork: {
        index: "gsi4",
        pk: { field: "gsi4pk", composite: ["workQueue"] },
        sk: { field: "gsi4sk", composite: ["workDueAt"] },
      },
    },
  },
  entityConfig(),
);
