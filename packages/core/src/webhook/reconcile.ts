import { attempt, due } from "./delivery";
import { dueEvents, fanOut, type PendingEvent } from "./events";
import * as Queue from "./queue";

export interface WebhookReconcileResult {
  fannedOut: number;
  attempted: number;
  complete: boolean;
}

/**
 * The reconciler's part: events a request committed but did not fan out, then deliveries due
 * that no queue message attempted (locally, every due delivery: the loop is the queue; on AWS,
 * those overdue by the queue's `sweepAfterMs`, a message lost or dead-lettered).
 */
export async function reconcile(now: Date, options: { deadline?: number; pageSize?: number } = {}): Promise<WebhookReconcileResult> {
  const timeLeft = () => options.deadline === undefined || Date.now() < options.deadline;
  const limit = options.pageSize ?? 50;
  let fannedOut = 0;
  let attempted = 0;
  let cursor: string | null = null;
  do {
    if (!timeLeft()) return { fannedOut, attempted, complete: false };
    const page = await dueEvents(now, { cursor, limit });
    for (const pending of page.data) {
      if (!timeLeft()) return { fannedOut, attempted, complete: false };
      await fanOut(pending as PendingEvent, now);
      fannedOut++;
    }
    cursor = page.cursor;
  } while (cursor);
  const before = new Date(now.getTime() - (await Queue.current()).sweepAfterMs);
  do {
    if (!timeLeft()) return { fannedOut, attempted, complete: false };
    const page = await due(before, { cursor, limit });
    for (const delivery of page.data) {
      if (!timeLeft()) return { fannedOut, attempted, complete: false };
      const result = await attempt({ subscriptionId: delivery.subscriptionId, deliveryId: delivery.deliveryId }, now);
      if (result.outcome !== "skipped" && result.outcome !== "not_due") attempted++;
    }
    cursor = page.cursor;
  } while (cursor);
  return { fannedOut, attempted, complete: true };
}
