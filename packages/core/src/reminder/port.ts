import { createHash } from "node:crypto";
import * as z from "zod";

/**
 * The reminder-scheduler port: one one-time schedule per appointment, named after it, firing
 * the reminder handler with the appointment id. Adapters: `eventbridge.ts` (EventBridge
 * Scheduler, AWS), `local.ts` (schedules kept in the table, fired by a loop).
 */
export const ReminderPayload = z.object({
  appointmentId: z.string().min(1),
  /** the reminder moment this schedule was made for (UTC ISO); a moved appointment's old schedule is ignored */
  at: z.string().min(1),
});
export type ReminderPayload = z.output<typeof ReminderPayload>;

export interface ReminderScheduler {
  /** creates or moves the appointment's schedule */
  upsert(payload: ReminderPayload, timezone: string): Promise<void>;
  /** deletes it; a missing schedule is not an error */
  remove(appointmentId: string): Promise<void>;
}

/** Deterministic schedule name (EventBridge: 64 characters at most, [0-9a-zA-Z-_.]). */
export function scheduleName(appointmentId: string): string {
  const name = `rdv-${appointmentId}`;
  if (name.length <= 64 && /^[0-9A-Za-z._-]+$/.test(name)) return name;
  return `rdv-${createHash("sha256").update(appointmentId).digest("hex").slice(0, 40)}`;
}
