import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";
import type { DeliveryQueue, DeliveryRef } from "./queue-port";

/** SQS holds a message back 15 minutes at most: a later attempt is asked again when the message comes (see `attempt`). */
export const MAX_DELAY_SECONDS = 900;

/**
 * The stage's webhook queue (`RDV_WEBHOOK_QUEUE_URL`), consumed by the `webhook-delivery`
 * function; messages that keep failing go to its dead-letter queue (stacks/Webhooks.ts), and the
 * delivery item itself stays in the work index for the reconciler.
 */
export class SqsQueue implements DeliveryQueue {
  readonly sweepAfterMs = 10 * 60_000;
  constructor(
    private readonly queueUrl: string,
    private readonly client: SQSClient = new SQSClient({}),
  ) {}

  async enqueue(ref: DeliveryRef, delaySeconds: number): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify({ subscriptionId: ref.subscriptionId, deliveryId: ref.deliveryId }),
        DelaySeconds: Math.max(0, Math.min(MAX_DELAY_SECONDS, Math.ceil(delaySeconds))),
      }),
    );
  }
}
