import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import * as Clock from "@rdv/core/clock";
import * as Webhook from "@rdv/core/webhook";

/**
 * The webhook queue's consumer (stacks/Webhooks.ts): one attempt per message, and a new message
 * for a retry or an attempt not due yet. A message whose attempt throws (the database) is
 * reported failed alone and comes back; after five receipts SQS moves it to the dead-letter
 * queue, and the reconciler attempts the delivery from the work index.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    let ref: Webhook.DeliveryRef;
    try {
      const parsed = JSON.parse(record.body) as Partial<Webhook.DeliveryRef>;
      if (typeof parsed.subscriptionId !== "string" || typeof parsed.deliveryId !== "string") throw new TypeError("not a delivery");
      ref = { subscriptionId: parsed.subscriptionId, deliveryId: parsed.deliveryId };
    } catch (error) {
      if (!(error instanceof SyntaxError || error instanceof TypeError)) throw error;
      console.log(JSON.stringify({ level: "warn", msg: "webhook message dropped", messageId: record.messageId }));
      continue;
    }
    try {
      await Webhook.attemptAndRequeue(ref, Clock.now());
    } catch (error) {
      console.log(JSON.stringify({ level: "warn", msg: "webhook attempt failed", deliveryId: ref.deliveryId, error: (error as Error)?.name }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

/** Locally the work index is the queue: the loop (packages/local/src/loops.ts) attempts what is due. */
export async function sweep(): Promise<Webhook.WebhookReconcileResult> {
  return Webhook.reconcile(Clock.now(), { deadline: Date.now() + 5_000 });
}
