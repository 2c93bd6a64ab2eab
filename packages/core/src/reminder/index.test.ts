import { afterEach, describe, expect, it } from "vitest";
import { EventBridgeScheduler } from "./eventbridge";
import * as Reminder from "./index";
import { LocalScheduler } from "./local";

const EVENTBRIDGE_ENV = {
  RDV_SCHEDULER: "eventbridge",
  RDV_SCHEDULE_GROUP: "rdv-pas-de-calais",
  RDV_REMINDER_FUNCTION_ARN: "arn:aws:lambda:eu-west-3:123456789012:function:reminder",
  RDV_SCHEDULER_ROLE_ARN: "arn:aws:iam::123456789012:role/scheduler",
};

afterEach(() => {
  for (const name of Object.keys(EVENTBRIDGE_ENV)) delete process.env[name];
  Reminder.use(undefined);
});

describe("the reminder scheduler chosen at start-up", () => {
  it("EventBridge Scheduler with RDV_SCHEDULER=eventbridge, the table's schedules otherwise", async () => {
    Object.assign(process.env, EVENTBRIDGE_ENV);
    expect(await Reminder.current()).toBeInstanceOf(EventBridgeScheduler);
    Reminder.use(undefined);
    delete process.env.RDV_SCHEDULER;
    expect(await Reminder.current()).toBeInstanceOf(LocalScheduler);
  });

  it("EventBridge without its settings fails at start-up, naming the one missing", async () => {
    Object.assign(process.env, { ...EVENTBRIDGE_ENV, RDV_SCHEDULER_ROLE_ARN: "" });
    await expect(Reminder.current()).rejects.toThrow("RDV_SCHEDULER_ROLE_ARN is not set");
  });
});
