import type { DeliveryQueue } from "./queue-port";

/**
 * Locally the work index is the queue: a delivery waits there with its due time, and the
 * reconciler's loop (packages/local/src/loops.ts) attempts what is due.
 */
export class LoopQueue implements DeliveryQueue {
  readonly sweepAfterMs = 0;
  async enqueue(): Promise<void> {}
}
