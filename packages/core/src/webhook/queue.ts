import type { DeliveryQueue } from "./queue-port";

export type { DeliveryQueue, DeliveryRef } from "./queue-port";

let adapter: DeliveryQueue | undefined;

/** Tests put their own queue in (undefined: chosen from the environment again). */
export function use(queue: DeliveryQueue | undefined): void {
  adapter = queue;
}

/** Chosen once, at start-up: SQS on AWS (`RDV_WEBHOOK_QUEUE=sqs`), the reconciler's loop locally. */
export async function current(): Promise<DeliveryQueue> {
  if (adapter) return adapter;
  if (process.env.RDV_WEBHOOK_QUEUE === "sqs") {
    const { SqsQueue } = await import("./sqs-queue");
    adapter = new SqsQueue(process.env.RDV_WEBHOOK_QUEUE_URL ?? "");
  } else {
    const { LoopQueue } = await import("./loop-queue");
    adapter = new LoopQueue();
  }
  return adapter;
}
