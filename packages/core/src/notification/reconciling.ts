import { Db } from "../db/service";
import { deliver } from "./delivery";
import { log } from "./log";
import { ReceiptEntity } from "./receipt.entity";
import { errorName } from "./retry";
import { syncSchedule } from "./scheduling";

/** Reconciling: bringing side effects in line after a change, and periodically over the work index. */

/** After a committed change: send its pending messages and sync the schedule. Failures stay for the reconciler. */
export async function afterChange(appointmentId: string, now: Date): Promise<void> {
  try {
    const receipts = await ReceiptEntity.query.primary({ appointmentId }).go({ pages: "all" });
    for (const receipt of receipts.data.filter((r) => r.status === "pending" || r.status === "failed")) {
      await deliver(appointmentId, receipt.receiptId, now);
    }
    await syncSchedule(appointmentId, now);
  } catch (error) {
    log("side effects deferred to the reconciler", { appointmentId, error: errorName(error) });
  }
}

export interface ReconcileOptions {
  /** epoch ms after which no new item is started (the Lambda's time left, a local loop's turn) */
  deadline?: number;
  /** items read per page of each queue (tests use small pages) */
  pageSize?: number;
}

export interface ReconcileResult {
  delivered: number;
  failed: number;
  synced: number;
  anonymised: number;
  /** false when the deadline stopped the pass: what is left stays queued for the next one */
  complete: boolean;
}

/**
 * The periodic reconciler: one pass over the sparse work index — messages to (re)send, reminder
 * schedules to create or move, receipts to anonymise. Queues are read a page at a time and the pass stops starting new items
 * at the deadline, so a large backlog (after importing a département) is drained over several
 * passes instead of overrunning the function's time limit; every item is idempotent, so an item
 * cut off midway is simply done again.
 */
export async function reconcile(now: Date, options: ReconcileOptions = {}): Promise<ReconcileResult> {
  const due = now.toISOString();
  const limit = options.pageSize ?? 100;
  const counts = { delivered: 0, failed: 0, synced: 0, anonymised: 0 };
  const timeLeft = () => options.deadline === undefined || Date.now() < options.deadline;
  /** runs `each` on every item of a queue, page by page, while there is time; false when stopped early */
  const drain = async <T>(page: (cursor: string | null) => Promise<{ data: T[]; cursor: string | null }>, each: (item: T) => Promise<void>) => {
    let cursor: string | null = null;
    do {
      if (!timeLeft()) return false;
      const result = await page(cursor);
      for (const item of result.data) {
        if (!timeLeft()) return false;
        await each(item);
      }
      cursor = result.cursor;
    } while (cursor);
    return true;
  };
  const complete =
    (await drain(
      (cursor) => ReceiptEntity.query.pendingWork({ workQueue: "work" }).lte({ workDueAt: due }).go({ cursor, limit }),
      async (receipt) => {
        const outcome = await deliver(receipt.appointmentId, receipt.receiptId, now);
        if (outcome === "sent") counts.delivered++;
        if (outcome === "failed") counts.failed++;
      },
    )) &&
    (await drain(
      (cursor) => Db.entities.appointment.query.pendingWork({ workQueue: "work" }).lte({ workDueAt: due }).go({ cursor, limit }),
      async (appointment) => {
        if ((await syncSchedule(appointment.appointmentId, now)) === "synced") counts.synced++;
      },
    )) &&
    (await drain(
      (cursor) => ReceiptEntity.query.pendingWork({ workQueue: "anonymise" }).lte({ workDueAt: due }).go({ cursor, limit }),
      async (receipt) => {
        await ReceiptEntity.patch({ appointmentId: receipt.appointmentId, receiptId: receipt.receiptId })
          .set({ status: "anonymised" })
          .remove(["to", "text", "subject", "html", "ics", "workQueue", "workDueAt"])
          .go();
        counts.anonymised++;
      },
    ));
  return { ...counts, complete };
}
