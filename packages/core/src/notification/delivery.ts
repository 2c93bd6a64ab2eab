import { Db } from "../db/service";
import { DateTime } from "luxon";
import { isConditionFailure } from "../db/condition";
import * as Email from "../email";
import * as Limits from "../limits";
import * as ReminderTrial from "../reminder-trial";
import * as Settings from "../settings";
import * as Sms from "../sms";
import { log } from "./log";
import { ReceiptEntity } from "./receipt.entity";
import type { DeliveryReport } from "./delivery-log";
import { applyReport } from "./reports";
import * as Stats from "../stats";
import { errorName, isTransient, retryDelayMs, withRetries } from "./retry";

/** Delivery: sending one planned receipt's SMS or e-mail, at most once at a time, and recording the outcome. */

/** Receipt contents are blanked six months after sending (guarantee 7 in docs/architecture.md). */
export const ANONYMISE_AFTER_MONTHS = 6;
/** Attempts after which a transient failure is given up too. */
export const MAX_ATTEMPTS = 12;
export const CLAIM_TIMEOUT_MS = 5 * 60_000;

export type DeliveryOutcome = "sent" | "failed" | "skipped";

/**
 * Sends one receipt's SMS at most once at a time: a conditional claim (pending, failed and still
 * queued for a retry, or a claim gone stale) moves it to "sending"; then the outcome is written.
 * A duplicate call finds it claimed or sent and sends nothing. A transient failure stays queued
 * for the reconciler (with backoff, until MAX_ATTEMPTS); any other failure is final at once.
 */
export async function deliver(appointmentId: string, receiptId: string, now: Date): Promise<DeliveryOutcome> {
  let claimed;
  try {
    claimed = await ReceiptEntity.patch({ appointmentId, receiptId })
      .set({ status: "sending", claimedAt: now.toISOString(), workQueue: "work", workDueAt: new Date(now.getTime() + CLAIM_TIMEOUT_MS).toISOString() })
      .add({ attempts: 1 })
      .where(
        (attr, op) =>
          `${op.eq(attr.status, "pending")} OR (${op.eq(attr.status, "failed")} AND ${op.eq(attr.workQueue, "work")}) OR (${op.eq(attr.status, "sending")} AND ${op.lt(attr.claimedAt, new Date(now.getTime() - CLAIM_TIMEOUT_MS).toISOString())})`,
      )
      .go({ response: "all_new" });
  } catch (error) {
    if (isConditionFailure(error)) return "skipped";
    throw error;
  }
  const receipt = claimed.data;
  // an offer or a booking invitation is not about an appointment (its receipts sit under the
  // waitlist entry, the invitation): it expires with its slot, or the invitation's last day
  const standalone = receipt.kind === "offer" || receipt.kind === "invitation";
  const appointment = standalone ? null : (await Db.entities.appointment.get({ appointmentId }).go()).data;
  const expired =
    standalone
      ? !receipt.validUntil || Date.parse(receipt.validUntil) <= now.getTime()
      : !appointment || (receipt.kind === "reminder" && Date.parse(appointment.startsAt) <= now.getTime());
  if (expired || !receipt.to || !receipt.text) {
    await ReceiptEntity.patch({ appointmentId, receiptId }).set({ status: "failed", lastError: "expired" }).remove(["workQueue", "workDueAt"]).go();
    log(`${receipt.channel} expired`, { appointmentId, receiptId });
    return "failed";
  }
  // e-mails the public asked for (not reminders) count against the address's daily allowance, once per receipt
  if (receipt.channel === "email" && receipt.kind !== "reminder" && receipt.attempts === 1 && !(await Limits.takeEmail(receipt.to, now))) {
    await ReceiptEntity.patch({ appointmentId, receiptId }).set({ status: "failed", lastError: "limit.email_per_address" }).remove(["workQueue", "workDueAt"]).go();
    log("email over the daily limit", { appointmentId, receiptId });
    return "failed";
  }
  const sent = await sendClaimed({ ...receipt, to: receipt.to, text: receipt.text }, now);
  // a reminder in a trial's wording counts for its text, in the same write
  if (sent.outcome === "sent" && receipt.variant && receipt.kind === "reminder" && receipt.channel === "sms") {
    await ReminderTrial.markSentCounting({ appointmentId, receiptId, participationId: receipt.participationId, variant: receipt.variant }, appointment!, sent.set as Record<string, string | number>);
    await afterSent([sent], now);
    return "sent";
  }
  const patch = ReceiptEntity.patch({ appointmentId, receiptId }).set(sent.set);
  await (sent.remove.length > 0 ? patch.remove(sent.remove).go() : patch.go());
  if (receipt.channel !== "email") await afterSent([sent], now);
  return sent.outcome;
}

/**
 * Once SMS sends are recorded: each counts in its appointment's month (a separate write: a crash
 * just before it leaves that count one short), and a report the adapter gave at once (the local
 * outbox) goes through the same path as SNS's delivery logs.
 */
export async function afterSent(sent: readonly Sent[], now: Date): Promise<void> {
  for (const s of sent.filter((x) => x.outcome === "sent")) {
    const appointment = (await Db.entities.appointment.get({ appointmentId: s.appointmentId }).go()).data;
    if (appointment) {
      const counted = Stats.increment(appointment.organisationId, appointment.serviceId, Stats.monthOf(appointment.startsAt, appointment.timezone), { smsSent: 1 });
      await Db.entities.stats.update(counted.key).add(counted.add).go();
    }
    if (s.report) await applyReport(s.report, now);
  }
}

type ReceiptChange = Parameters<ReturnType<typeof ReceiptEntity.patch>["set"]>[0];
type ReceiptField = Parameters<ReturnType<typeof ReceiptEntity.patch>["remove"]>[0][number];

/** What sending a claimed receipt came to, and the change of the receipt that records it (the caller writes it). */
export interface Sent {
  appointmentId: string;
  receiptId: string;
  outcome: "sent" | "failed";
  /** an SMS whose delivery the adapter knew at once (the local outbox): applied once the send is recorded */
  report?: DeliveryReport;
  set: ReceiptChange;
  remove: ReceiptField[];
}

/** A claimed receipt as `sendClaimed` sends it: an SMS, or an e-mail with its subject, HTML and calendar file. */
export interface Sendable {
  appointmentId: string;
  receiptId: string;
  kind: string;
  channel?: "sms" | "email";
  to: string;
  text: string;
  subject?: string;
  html?: string;
  ics?: string;
  attempts: number;
}

/**
 * Sends a claimed receipt's SMS or e-mail (transient failures tried again within the call) and
 * says how to record the outcome: sent (then queued for anonymisation), failed and queued for a
 * retry, or failed for good. The caller writes it (`deliver`, or a booking's `afterBooking` in
 * one transaction with the schedule).
 */
export async function sendClaimed(receipt: Sendable, now: Date): Promise<Sent> {
  const { appointmentId, receiptId, to, text } = receipt;
  const channel = receipt.channel ?? "sms";
  try {
    const result = await withRetries(async () => {
      if (channel !== "email") return (await Sms.current()).send({ to, text, senderName: Settings.get().smsSenderName, appointmentId });
      return (await Email.current()).send({
        to,
        subject: receipt.subject ?? "",
        text,
        html: receipt.html,
        attachments: receipt.ics ? [{ filename: "rendez-vous.ics", contentType: "text/calendar; charset=utf-8", content: receipt.ics }] : undefined,
        appointmentId,
      });
    });
    log(`${channel} sent`, { appointmentId, receiptId, kind: receipt.kind });
    // only the SMS port may answer a report (the outbox's, at once)
    const immediate = "report" in result ? (result.report as Sms.ImmediateReport | undefined) : undefined;
    return {
      appointmentId, receiptId, outcome: "sent", remove: [],
      ...(immediate ? { report: { messageId: result.messageId, ...immediate, at: now.toISOString() } } : {}),
      set: { status: "sent", sentAt: now.toISOString(), providerMessageId: result.messageId, workQueue: "anonymise", workDueAt: DateTime.fromJSDate(now).plus({ months: ANONYMISE_AFTER_MONTHS }).toUTC().toISO()! },
    };
  } catch (error) {
    const name = errorName(error);
    const transient = isTransient(error);
    const giveUp = !transient || receipt.attempts >= MAX_ATTEMPTS;
    log(`${channel} failed`, { appointmentId, receiptId, error: name, transient, attempts: receipt.attempts, gaveUp: giveUp }, giveUp ? "warn" : "info");
    return giveUp
      ? { appointmentId, receiptId, outcome: "failed", set: { status: "failed", lastError: name }, remove: ["workQueue", "workDueAt"] }
      : { appointmentId, receiptId, outcome: "failed", set: { status: "failed", lastError: name, workQueue: "work", workDueAt: new Date(now.getTime() + retryDelayMs(receipt.attempts)).toISOString() }, remove: [] };
  }
}

/** Receipts of an appointment, oldest first, for agents. */
export async function listReceipts(appointmentId: string) {
  const result = await ReceiptEntity.query.primary({ appointmentId }).go({ pages: "all" });
  return result.data
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map(({ receiptId, participationId, kind, channel, to, subject, text, status, attempts, lastError, reason, sentAt, reportedAt, createdAt }) => ({
      receiptId, participationId, kind, channel, to, subject, text, status, attempts, lastError, reason, sentAt, reportedAt, createdAt,
    }));
}
