import { Db } from "../db/service";
import { CLAIM_TIMEOUT_MS, deliver, sendClaimed } from "./delivery";
import { applyReport } from "./reports";
import { log } from "./log";
import type { PlannedReceipt } from "./planning";
import { ReceiptEntity } from "./receipt.entity";
import { errorName } from "./retry";
import { schedule, syncSchedule, unchangedSince, type ScheduledAppointment } from "./scheduling";

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

/**
 * A receipt to create already claimed by the request that creates it (a booking), which sends it
 * right after the commit (`afterBooking`) without claiming it first. If that request dies, the
 * reconciler takes it back once the claim is stale, as any claimed receipt.
 */
export function claimedReceipt(receipt: PlannedReceipt, now: Date) {
  return { ...receipt, status: "sending" as const, claimedAt: now.toISOString(), attempts: 1, workQueue: "work", workDueAt: new Date(now.getTime() + CLAIM_TIMEOUT_MS).toISOString() };
}

export type ClaimedReceipt = ReturnType<typeof claimedReceipt>;

/**
 * Right after a booking commits, with what it wrote at hand (nothing read again): sends its
 * claimed messages and creates the new appointment's reminder schedule at the same time, then
 * records both outcomes in one transaction (the schedule's on the condition that the appointment
 * did not change meanwhile; if it did, the messages' alone). Failures stay for the reconciler.
 */
export async function afterBooking(
  known: { receipts: Array<ClaimedReceipt | PlannedReceipt>; appointment?: ScheduledAppointment; counter?: { organisationId: string; serviceId: string; month: string; shard: string } },
  now: Date,
): Promise<void> {
  const { appointment } = known;
  const claimed = known.receipts.filter((r): r is ClaimedReceipt => r.status === "sending");
  // receipts created pending (e-mails) are delivered as any: claimed, limited, then recorded
  const pending = known.receipts.filter((r) => r.status === "pending");
  try {
    const [sent, scheduled] = await Promise.all([
      Promise.all(claimed.filter((r) => r.to && r.text).map((r) => sendClaimed(r, now))),
      appointment?.scheduleStatus === "pending" ? schedule(appointment, now) : undefined,
      Promise.all(pending.map((r) => deliver(r.appointmentId, r.receiptId, now))),
    ]);
    // the SMS sent count in the month's statistics, in the same write (the booking's counter item: no request of its own)
    const smsSent = sent.filter((s) => s.outcome === "sent").length;
    const receipts = (e: Parameters<Parameters<typeof Db.transaction.write>[0]>[0]) => [
      ...sent.map((s) => {
        const patch = e.receipt.patch({ appointmentId: s.appointmentId, receiptId: s.receiptId }).set(s.set);
        return (s.remove.length > 0 ? patch.remove(s.remove) : patch).commit();
      }),
      ...(known.counter && smsSent > 0 ? [e.stats.update(known.counter).add({ smsSent }).commit()] : []),
    ];
    const written = await Db.transaction
      .write((e) => {
        if (!scheduled || !appointment) return receipts(e);
        const { appointmentId } = appointment;
        const item = scheduled.conditioned
          ? e.appointment.patch({ appointmentId }).set(scheduled.set).add({ version: 1 }).remove(["workQueue", "workDueAt"]).where(unchangedSince(appointment)).commit()
          : e.appointment.patch({ appointmentId }).set(scheduled.set).add({ version: 1 }).commit();
        return [...receipts(e), item] as unknown as ReturnType<typeof receipts>;
      })
      .go();
    if (written.canceled && scheduled) await Db.transaction.write(receipts).go(); // the appointment changed: its own sync takes over
    // the local outbox's immediate reports, through SNS's path (nothing on AWS: SNS reports later)
    for (const s of sent) {
      if (s.outcome === "sent" && s.report && known.counter) {
        const { organisationId, serviceId, month } = known.counter;
        await applyReport(s.report, now, { receipt: { appointmentId: s.appointmentId, receiptId: s.receiptId, status: "sent" }, counter: { organisationId, serviceId, month } });
      }
    }
  } catch (error) {
    log("side effects deferred to the reconciler", { appointmentId: appointment?.appointmentId ?? known.receipts[0]?.appointmentId, error: errorName(error) });
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
