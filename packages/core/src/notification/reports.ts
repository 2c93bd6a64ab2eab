import { Db } from "../db/service";
import { transact } from "../db/transact";
import * as Stats from "../stats";
import type { DeliveryReport } from "./delivery-log";
import { log } from "./log";
import { ReceiptEntity } from "./receipt.entity";

export type ReportOutcome = "applied" | "unknown" | "ignored";

/**
 * What the caller already holds when the report comes with the send (the outbox): the receipt it
 * just recorded as sent and its appointment, so the report needs no look-up.
 */
export interface KnownReceipt {
  receipt: { appointmentId: string; receiptId: string; status: "sent" };
  /** where the appointment's statistics are counted */
  counter: { organisationId: string; serviceId: string; month: string };
}

/**
 * Records a carrier's delivery report on the receipt of that message (found by the provider's
 * message id): sent → delivered or failed, with the carrier's words, and the month's SMS counter
 * in the same transaction. Only a "sent" receipt moves, so a late or repeated report never
 * brings a state back (delivered never becomes sent or failed again). A report for a message
 * this stage does not know (sent before the receipt recorded its id, or by another tool of the
 * account) is logged and ignored: never an error, which would make the log subscription retry.
 * The same path serves the outbox's immediate reports and SNS's through CloudWatch Logs.
 */
export async function applyReport(report: DeliveryReport, now: Date, known?: KnownReceipt): Promise<ReportOutcome> {
  let receipt: { appointmentId: string; receiptId: string; status: string } | undefined = known?.receipt;
  if (!receipt) {
    receipt = (await ReceiptEntity.query.byProviderMessage({ providerMessageId: report.messageId }).go({ limit: 2 })).data[0];
    if (!receipt) {
      log("delivery report for an unknown message", { messageId: report.messageId, status: report.status });
      return "unknown";
    }
  }
  const { appointmentId, receiptId } = receipt;
  const counter = known?.counter ?? (await counterOf(appointmentId));
  const counted = counter && Stats.increment(counter.organisationId, counter.serviceId, counter.month, { [report.status === "delivered" ? "smsDelivered" : "smsFailed"]: 1 });
  const outcome = await transact<ReportOutcome>(async (n) => {
    const current = n === 1 ? receipt : (await ReceiptEntity.get({ appointmentId, receiptId }).go()).data;
    // another report got there first (or the contents were anonymised): the state it left stands
    if (current?.status !== "sent") return { done: "ignored" };
    return {
      write: (e) => ({
        items: [
          e.receipt
            .patch({ appointmentId, receiptId })
            .set({ status: report.status, reportedAt: report.at || now.toISOString(), ...(report.reason ? { reason: report.reason } : {}) })
            .where((attr, op) => op.eq(attr.status, "sent"))
            .commit(),
          ...(counted ? [e.stats.update(counted.key).add(counted.add).commit()] : []),
        ],
        versioned: [0],
      }),
      committed: () => "applied",
    };
  });
  log(outcome === "applied" ? "delivery report" : "delivery report ignored", { appointmentId, receiptId, status: report.status, ...(outcome === "applied" ? {} : { was: "changed" }) });
  return outcome;
}

/** Every report of a subscription payload, one after the other. */
export async function applyReports(reports: DeliveryReport[], now: Date): Promise<Record<ReportOutcome, number>> {
  const counts: Record<ReportOutcome, number> = { applied: 0, unknown: 0, ignored: 0 };
  for (const report of reports) counts[await applyReport(report, now)]++;
  return counts;
}

async function counterOf(appointmentId: string): Promise<KnownReceipt["counter"] | undefined> {
  const appointment = (await Db.entities.appointment.get({ appointmentId }).go()).data;
  return appointment ? { organisationId: appointment.organisationId, serviceId: appointment.serviceId, month: Stats.monthOf(appointment.startsAt, appointment.timezone) } : undefined;
}
