import type { Context } from "aws-lambda";
import * as Clock from "@rdv/core/clock";
import * as Notification from "@rdv/core/notification";
import * as Reminder from "@rdv/core/reminder";
import { prepare } from "./runtime";

/**
 * Fired by the appointment's schedule (EventBridge Scheduler on AWS, the local loop locally)
 * with {appointmentId, at}. At-least-once delivery: a duplicate sends nothing.
 */
export async function handler(event: unknown, _context?: Context): Promise<{ sent: number; skipped: number }> {
  await prepare();
  const payload = Reminder.ReminderPayload.parse(event);
  const result = await Notification.fireReminder(payload, Clock.now());
  console.log(JSON.stringify({ level: "info", msg: "reminder fired", appointmentId: payload.appointmentId, ...result }));
  return result;
}
