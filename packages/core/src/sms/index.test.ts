import { afterEach, describe, expect, it } from "vitest";
import * as Sms from "./index";
import { OutboxSms } from "./outbox";
import { SnsSms } from "./sns";

afterEach(() => {
  delete process.env.RDV_SMS_ADAPTER;
  Sms.use(undefined);
});

describe("the SMS adapter chosen at start-up", () => {
  it("SNS with RDV_SMS_ADAPTER=sns, the outbox otherwise, then the same one every time", async () => {
    process.env.RDV_SMS_ADAPTER = "sns";
    const sns = await Sms.current();
    expect(sns).toBeInstanceOf(SnsSms);
    delete process.env.RDV_SMS_ADAPTER;
    expect(await Sms.current()).toBe(sns);
    Sms.use(undefined);
    expect(await Sms.current()).toBeInstanceOf(OutboxSms);
  });

  it("one given explicitly wins", async () => {
    const given: Sms.Sms = { send: async () => ({ messageId: "m" }) };
    Sms.use(given);
    expect(await Sms.current()).toBe(given);
  });
});
