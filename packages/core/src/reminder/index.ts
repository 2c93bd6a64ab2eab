import type { ReminderScheduler } from "./port";

export { ReminderPayload, scheduleName, type ReminderScheduler } from "./port";
export { outsideQuietHours, reminderMoment, type QuietHours } from "./timing";

let adapter: ReminderScheduler | undefined;

export function use(scheduler: ReminderScheduler | undefined): void {
  adapter = scheduler;
}

/**
 * Chooses the reminder scheduler once, at start-up: EventBridge Scheduler on AWS
 * (`RDV_SCHEDULER=eventbridge`), schedules kept in the table and fired by a loop locally.
 */
export async function current(): Promise<ReminderScheduler> {
  if (adapter) return adapter;
  if (process.env.RDV_SCHEDULER === "eventbridge") {
    const { EventBridgeScheduler } = await import("./eventbridge");
    adapter = EventBridgeScheduler.fromEnv();
  } else {
    const { LocalScheduler } = await import("./local");
    adapter = new LocalScheduler();
  }
  return adapter;
}
