import { isConditionFailure } from "../db/condition";
import { LocalScheduleEntity } from "./local-schedule.entity";
import { scheduleName, type ReminderPayload, type ReminderScheduler } from "./port";

/** Local adapter: schedules in the table; `due()` lists those whose moment has come, for the local loop. */
export class LocalScheduler implements ReminderScheduler {
  async upsert(payload: ReminderPayload, timezone: string): Promise<void> {
    await LocalScheduleEntity.put({ name: scheduleName(payload.appointmentId), appointmentId: payload.appointmentId, at: payload.at, timezone }).go();
  }

  async remove(appointmentId: string): Promise<void> {
    await LocalScheduleEntity.delete({ name: scheduleName(appointmentId) }).go();
  }
}

export async function all(): Promise<Array<ReminderPayload & { name: string }>> {
  const result = await LocalScheduleEntity.query.primary({}).go({ pages: "all" });
  return result.data.map(({ name, appointmentId, at }) => ({ name, appointmentId, at }));
}

export async function due(now: Date): Promise<Array<ReminderPayload & { name: string }>> {
  return (await all()).filter((schedule) => Date.parse(schedule.at) <= now.getTime());
}

/** After a fired schedule ran (EventBridge's ActionAfterCompletion: DELETE). */
export async function completed(name: string, at: string): Promise<void> {
  await LocalScheduleEntity.delete({ name })
    .where((attr, op) => op.eq(attr.at, at))
    .go()
    .catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error; // moved meanwhile: the new schedule stays
    });
}
