/** The webhook delivery queue port. Adapters: `sqs-queue.ts` (SQS, AWS), `loop-queue.ts` (the local loop). */
export interface DeliveryRef {
  subscriptionId: string;
  deliveryId: string;
}

export interface DeliveryQueue {
  /** asks for an attempt of the delivery in `delaySeconds` (at least once; the attempt is idempotent) */
  enqueue(ref: DeliveryRef, delaySeconds: number): Promise<void>;
  /**
   * How long a due delivery is left to the queue before the reconciler attempts it itself (a
   * message lost between the commit and the queue): 0 when the reconciler's loop is the queue.
   */
  readonly sweepAfterMs: number;
}
