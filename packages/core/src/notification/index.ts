import { DateTime } from "luxon";
import { isConditionFailure } from "../db/condition";
import { AppointmentEntity } from "../appointment/appointment.entity";
import { Db } from "../db/service";
import * as ManageToken from "../manage-token";
import * as Motif from "../motif";
import * as Place from "../place";
import * as Reminder from "../reminder";
import * as Service from "../service";
import * as ServiceUser from "../service-user";
import * as Settings from "../settings";
import * as Sms from "../sms";
import { ReceiptEntity } from "./receipt.entity";
import { messageText, type MessageKind } from "./texts";

export { isGsm7, segmentCount, toGsm7 } from "./gsm";
export { messageText, type MessageContext, type MessageKind } from "./texts";

/** Receipt contents are blanked six months after sending (DESIGN guarantee 7). */
export const ANONYMISE_AFTER_MONTHS = 6;
const IN_REQUEST_ATTEMPTS = 3;
const MAX_ATTEMPTS = 12;
const CLAIM_TIMEOUT_MS = 5 * 60_000;

export type NoSmsReason = "no_mobile" | "opted_out" | "motif_not_notified";

/** Why an usager gets no SMS for a motif, or undefined when they do. */
export function noSmsReason(
  motif: { notification: "normal" | "discreet" | "none" },
  user: { phone?: string; phoneIsMobile: boolean; smsOptOut: boolean },
): NoSmsReason | undefined {
  if (motif.notification === "none") return "motif_not_notified";
  if (!user.phone || !user.phoneIsMobile) return "no_mobile";
  if (user.smsOptOut) return "opted_out";
  return undefined;
}

export interface TextInput {
  kind: MessageKind;
  startsAt: string;
  timezone: string;
  motif: Motif.MotifRecord;
  serviceName: string;
  place: Place.PlaceRecord;
  participationId: string;
  tokenVersion: number;
  relativeFirstName?: string;
}

/** The exact SMS text of a message (stage settings give "[TEST]" and the links). */
export function textFor(input: TextInput): string {
  const settings = Settings.get();
  return messageText(input.kind, {
    service: input.motif.notification === "discreet" ? null : input.serviceName,
    startsAt: input.startsAt,
    timezone: input.timezone,
    placeName: input.place.name,
    locationType: input.motif.locationType,
    relativeFirstName: input.relativeFirstName,
    link: Settings.manageLink(ManageToken.derive(input.participationId, input.tokenVersion)),
    siteUrl: Settings.publicUrl(),
    placePhone: input.place.phone,
    production: settings.production,
  });
}

/** A receipt to create in the transaction of the change that justifies it (status pending, in the work index). */
export function plannedReceipt(input: TextInput & { appointmentId: string; to: string; now: Date; key?: string }) {
  return {
    appointmentId: input.appointmentId,
    receiptId: `${input.participationId}.${input.kind}${input.key ? `.${input.key}` : ""}`,
    participationId: input.participationId,
    kind: input.kind,
    channel: "sms" as const,
    to: input.to,
    text: textFor(input),
    status: "pending" as const,
    attempts: 0,
    workQueue: "work",
    workDueAt: input.now.toISOString(),
    expiresAt: Math.floor(DateTime.fromISO(input.startsAt).plus({ years: 2 }).toSeconds()),
  };
}

/** The reminder moment of an appointment (lead time of the motif, else of the stage). */
export function reminderAt(startsAt: string, timezone: string, motif: { reminderLeadHours?: number }, now: Date): Date | null {
  const settings = Settings.get();
  return Reminder.reminderMoment({
    startsAt,
    leadHours: motif.reminderLeadHours ?? settings.reminderLeadHours,
    quietHours: settings.quietHours,
    timezone,
    now,
  });
}

function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

async function withRetries<T>(fn: () => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= IN_REQUEST_ATTEMPTS; attempt++) {
    try {
      return await fn();
    } catch (error) {
      lastError = error;
      if (attempt < IN_REQUEST_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 100 * 4 ** (attempt - 1)));
    }
  }
  throw lastError;
}

function log(msg: string, fields: Record<string, unknown>): void {
  // ids and error names only: never phone numbers, addresses or texts (DESIGN guarantee 7)
  console.log(JSON.stringify({ level: "info", msg, ...fields }));
}

/**
 * Sends one receipt's SMS at most once at a time: a conditional claim (pending or failed, or a
 * claim gone stale) moves it to "sending"; then the outcome is written. A duplicate call finds
 * it claimed or sent and sends nothing.
 */
export async function deliver(appointmentId: string, receiptId: string, now: Date): Promise<"sent" | "failed" | "skipped"> {
  let claimed;
  try {
    claimed = await ReceiptEntity.patch({ appointmentId, receiptId })
      .set({ status: "sending", claimedAt: now.toISOString(), workQueue: "work", workDueAt: new Date(now.getTime() + CLAIM_TIMEOUT_MS).toISOString() })
      .add({ attempts: 1 })
      .where(
        (attr, op) =>
          `${op.eq(attr.status, "pending")} OR ${op.eq(attr.status, "failed")} OR (${op.eq(attr.status, "sending")} AND ${op.lt(attr.claimedAt, new Date(now.getTime() - CLAIM_TIMEOUT_MS).toISOString())})`,
      )
      .go({ response: "all_new" });
  } catch (error) {
    if (isConditionFailure(error)) return "skipped";
    throw error;
  }
  const receipt = claimed.data;
  const appointment = (await AppointmentEntity.get({ appointmentId }).go()).data;
  const expired = !appointment || (receipt.kind === "reminder" && Date.parse(appointment.startsAt) <= now.getTime());
  if (expired || !receipt.to || !receipt.text) {
    await ReceiptEntity.patch({ appointmentId, receiptId }).set({ status: "failed", lastError: "expired" }).remove(["workQueue", "workDueAt"]).go();
    log("sms expired", { appointmentId, receiptId });
    return "failed";
  }
  try {
    const sms = await Sms.current();
    const to = receipt.to;
    const text = receipt.text;
    const result = await withRetries(() => sms.send({ to, text, senderName: Settings.get().smsSenderName, appointmentId }));
    await ReceiptEntity.patch({ appointmentId, receiptId })
      .set({
        status: "sent",
        sentAt: now.toISOString(),
        providerMessageId: result.messageId,
        workQueue: "anonymise",
        workDueAt: DateTime.fromJSDate(now).plus({ months: ANONYMISE_AFTER_MONTHS }).toUTC().toISO()!,
      })
      .go();
    log("sms sent", { appointmentId, receiptId, kind: receipt.kind });
    return "sent";
  } catch (error) {
    const name = (error as Error)?.name ?? "Error";
    const giveUp = receipt.attempts >= MAX_ATTEMPTS;
    const patch = ReceiptEntity.patch({ appointmentId, receiptId }).set({ status: "failed", lastError: name });
    await (giveUp
      ? patch.remove(["workQueue", "workDueAt"]).go()
      : patch.set({ workQueue: "work", workDueAt: new Date(now.getTime() + retryDelayMs(receipt.attempts)).toISOString() }).go());
    log("sms failed", { appointmentId, receiptId, error: name, attempts: receipt.attempts, gaveUp: giveUp });
    return "failed";
  }
}

/**
 * Makes the appointment's one reminder schedule match it: created or moved to `reminderAt` while
 * it is booked and the moment is ahead, deleted otherwise. Marked synced only if the appointment
 * did not change meanwhile; on failure it stays pending for the reconciler.
 */
export async function syncSchedule(appointmentId: string, now: Date): Promise<"synced" | "pending" | "skipped"> {
  const appointment = (await AppointmentEntity.get({ appointmentId }).go({ consistent: true })).data;
  if (!appointment || appointment.scheduleStatus !== "pending") return "skipped";
  const scheduler = await Reminder.current();
  const wanted = appointment.status === "booked" && appointment.reminderAt && Date.parse(appointment.reminderAt) > now.getTime() ? appointment.reminderAt : null;
  try {
    await withRetries(() =>
      wanted ? scheduler.upsert({ appointmentId, at: wanted }, appointment.timezone) : scheduler.remove(appointmentId),
    );
  } catch (error) {
    const name = (error as Error)?.name ?? "Error";
    await AppointmentEntity.patch({ appointmentId })
      .set({ workQueue: "work", workDueAt: new Date(now.getTime() + 60_000).toISOString() })
      .go();
    log("schedule failed", { appointmentId, error: name });
    return "pending";
  }
  try {
    await AppointmentEntity.patch({ appointmentId })
      .set({ scheduleStatus: "synced" })
      .remove(["workQueue", "workDueAt"])
      .where((attr, op) =>
        [op.eq(attr.status, appointment.status), appointment.reminderAt ? op.eq(attr.reminderAt, appointment.reminderAt) : op.notExists(attr.reminderAt), op.eq(attr.startsAt, appointment.startsAt)].join(" AND "),
      )
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return "pending"; // changed meanwhile: the change's own sync (or the reconciler) takes over
  }
  return "synced";
}

/** After a committed change: send its pending messages and sync the schedule. Failures stay for the reconciler. */
export async function afterChange(appointmentId: string, now: Date): Promise<void> {
  try {
    const receipts = await ReceiptEntity.query.primary({ appointmentId }).go({ pages: "all" });
    for (const receipt of receipts.data.filter((r) => r.status === "pending" || r.status === "failed")) {
      await deliver(appointmentId, receipt.receiptId, now);
    }
    await syncSchedule(appointmentId, now);
  } catch (error) {
    log("side effects deferred to the reconciler", { appointmentId, error: (error as Error)?.name });
  }
}

/**
 * The reminder handler's work: re-read the appointment; if the schedule is current, one
 * reminder receipt per participation still booked that may get SMS, created once (the
 * condition makes a duplicate delivery a no-op), then sent.
 */
export async function fireReminder(payload: Reminder.ReminderPayload, now: Date): Promise<{ sent: number; skipped: number }> {
  const collection = await Db.collections.appointment({ appointmentId: payload.appointmentId }).go({ pages: "all" });
  const appointment = collection.data.appointment[0];
  if (!appointment || appointment.status !== "booked" || appointment.reminderAt !== payload.at) return { sent: 0, skipped: 0 };
  const [motif, place, service] = await Promise.all([Motif.fromId(appointment.motifId), Place.fromId(appointment.placeId), Service.fromId(appointment.serviceId)]);
  let sent = 0;
  let skipped = 0;
  for (const participation of collection.data.participation) {
    if (participation.status !== "booked" || participation.noSmsReason) continue;
    const user = await ServiceUser.fromId(participation.serviceUserId);
    if (!user?.phone || noSmsReason(motif, user)) continue;
    const receipt = plannedReceipt({
      kind: "reminder",
      appointmentId: appointment.appointmentId,
      startsAt: appointment.startsAt,
      timezone: appointment.timezone,
      motif,
      serviceName: service?.shortName ?? service?.name ?? "",
      place,
      participationId: participation.participationId,
      tokenVersion: participation.tokenVersion,
      relativeFirstName: participation.relative?.firstName,
      to: user.phone,
      now,
      key: appointment.startsAt,
    });
    try {
      await ReceiptEntity.create(receipt).go();
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      skipped++; // this reminder exists already: a duplicate delivery
      continue;
    }
    if ((await deliver(appointment.appointmentId, receipt.receiptId, now)) === "sent") sent++;
  }
  return { sent, skipped };
}

/** Receipts of an appointment, oldest first, for agents. */
export async function listReceipts(appointmentId: string) {
  const result = await ReceiptEntity.query.primary({ appointmentId }).go({ pages: "all" });
  return result.data
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map(({ receiptId, participationId, kind, channel, to, text, status, attempts, lastError, sentAt, createdAt }) => ({
      receiptId, participationId, kind, channel, to, text, status, attempts, lastError, sentAt, createdAt,
    }));
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
      (cursor) => AppointmentEntity.query.pendingWork({ workQueue: "work" }).lte({ workDueAt: due }).go({ cursor, limit }),
      async (appointment) => {
        if ((await syncSchedule(appointment.appointmentId, now)) === "synced") counts.synced++;
      },
    )) &&
    (await drain(
      (cursor) => ReceiptEntity.query.pendingWork({ workQueue: "anonymise" }).lte({ workDueAt: due }).go({ cursor, limit }),
      async (receipt) => {
        await ReceiptEntity.patch({ appointmentId: receipt.appointmentId, receiptId: receipt.receiptId })
          .set({ status: "anonymised" })
          .remove(["to", "text", "workQueue", "workDueAt"])
          .go();
        counts.anonymised++;
      },
    ));
  return { ...counts, complete };
}

