/**
 * Webhooks (Standard Webhooks), read as a namespace (`Webhook.create(…)`): subscriptions
 * (`subscriptions.ts`), events written with the change they report and fanned out after it
 * commits (`events.ts`), deliveries attempted at least once with retries (`delivery.ts`, `send.ts`),
 * the address rules (`address.ts`), the delivery queue port (`queue.ts`) and the reconciler's part.
 */
export { create, list, remove, resend, rotate, newSecret, LOG_SIZE } from "./subscriptions";
export { event, invitationBooked, item, publish, fanOut, deliveryId, EVENT_QUEUE, type PendingEvent } from "./events";
export { attempt, attemptAndRequeue, backoffMs, disabledMessage, DELIVERY_QUEUE, DISABLE_AFTER_MS, RETRY_FOR_MS, type AttemptOutcome } from "./delivery";
export { sign, send, type Signed } from "./send";
export { check, useResolver, AddressRefused, rangeOf, type Resolver } from "./address";
export { reconcile, type WebhookReconcileResult } from "./reconcile";
export { use as useQueue, current as queue, type DeliveryQueue, type DeliveryRef } from "./queue";
