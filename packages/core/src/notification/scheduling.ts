import { isConditionFailure } from "../db/condition";
import { Db } from "../db/service";
import * as Motif from "../motif";
import * as Place from "../place";
import * as Reminder from "../reminder";
import * as Service from "../service";
import * as ServiceUser from "../service-user";
import { deliver } from "./delivery";
import { log } from "./log";
import { plannedEmail, plannedMessage } from "./planning";
import { ReceiptEntity } from "./receipt.entity";
import { errorName, isTransient, withRetries } from "./retry";

/** Scheduling: the one reminder schedule of each appointment, and what happens when it fires. */

type Appointment = NonNullable<Awaited<ReturnType<ReturnType<typeof Db.entities.appointment.get>["go"]>>["data"]>;

type Condition = Parameters<ReturnType<ReturnType<typeof Db.entities.appointment.patch>["set"]>["where"]>[0];

/** What a schedule's sync depends on: the appointment as read (or as just written). */
export interface ScheduledAppointment {
  appointmentId: string;
  status: Appointment["status"];
  reminderAt?: string;
  startsAt: string;
  timezone: string;
  scheduleStatus?: "pending" | "synced";
}

/** The condition that the appointment did not change since `appointment` was read. */
export function unchangedSince(appointment: ScheduledAppointment): Condition {
  return (attr, op) =>
    [
      op.eq(attr.status, appointment.status),
      appointment.reminderAt ? op.eq(attr.reminderAt, appointment.reminderAt) : op.notExists(attr.reminderAt),
      op.eq(attr.startsAt, appointment.startsAt),
    ].join(" AND ");
}

/**
 * Makes the appointment's one reminder schedule match it: created or moved to `reminderAt` while
 * it is booked and the moment is ahead, deleted otherwise. Marked synced only if the appointment
 * did not change meanwhile. A transient failure stays pending for the reconciler; any other
 * failure leaves the work queue ("failed": trying again would fail the same way), the schedule
 * still pending until the appointment's next change.
 */
export async function syncSchedule(appointmentId: string, now: Date): Promise<"synced" | "pending" | "failed" | "skipped"> {
  const appointment = (await Db.entities.appointment.get({ appointmentId }).go({ consistent: true })).data;
  if (!appointment || appointment.scheduleStatus !== "pending") return "skipped";
  const scheduled = await schedule(appointment, now);
  const patch = Db.entities.appointment.patch({ appointmentId }).set(scheduled.set).add({ version: 1 }).remove(["workQueue", "workDueAt"]);
  try {
    await (scheduled.conditioned ? patch.where(unchangedSince(appointment)).go() : Db.entities.appointment.patch({ appointmentId }).set(scheduled.set).add({ version: 1 }).go());
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return "pending"; // changed meanwhile: the change's own sync (or the reconciler) takes over
  }
  return scheduled.result;
}

/**
 * Creates, moves or deletes the appointment's schedule and says how to record it: synced (and
 * out of the work queue) or failed for good (out of it too) — both on the condition that the
 * appointment did not change meanwhile —, or still pending after a transient failure (queued a
 * minute later, unconditioned: the work stays either way).
 */
export async function schedule(appointment: ScheduledAppointment, now: Date): Promise<{ result: "synced" | "pending" | "failed"; set: { scheduleStatus?: "synced"; workQueue?: string; workDueAt?: string }; conditioned: boolean }> {
  const { appointmentId } = appointment;
  const scheduler = await Reminder.current();
  const wanted = appointment.status === "booked" && appointment.reminderAt && Date.parse(appointment.reminderAt) > now.getTime() ? appointment.reminderAt : null;
  try {
    await withRetries(() => (wanted ? scheduler.upsert({ appointmentId, at: wanted }, appointment.timezone) : scheduler.remove(appointmentId)));
  } catch (error) {
    const name = errorName(error);
    if (isTransient(error)) {
      log("schedule failed", { appointmentId, error: name, transient: true });
      return { result: "pending", set: { workQueue: "work", workDueAt: new Date(now.getTime() + 60_000).toISOString() }, conditioned: false };
    }
    log("schedule failed", { appointmentId, error: name, transient: false, gaveUp: true }, "warn");
    return { result: "failed", set: {}, conditioned: true };
  }
  return { result: "synced", set: { scheduleStatus: "synced" }, conditioned: true };
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
    if (participation.status !== "booked") continue;
    const user = await ServiceUser.fromId(participation.serviceUserId);
    const subject = { appointment, participation, motif, place, service, user };
    // the SMS is the reminder of record; the e-mail goes beside it, each on its own (one failing leaves the other)
    for (const receipt of [participation.noSmsReason ? undefined : plannedMessage("reminder", subject, now), await plannedEmail("reminder", subject, now)]) {
      if (!receipt) continue;
      try {
        await ReceiptEntity.create(receipt).go();
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        if (receipt.channel === "sms") skipped++; // this reminder exists already: a duplicate delivery
        continue;
      }
      const outcome = await deliver(appointment.appointmentId, receipt.receiptId, now);
      if (outcome === "sent" && receipt.channel === "sms") sent++;
    }
  }
  return { sent, skipped };
}
