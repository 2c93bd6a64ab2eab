import type { Sms } from "./port";

export type { ImmediateReport, Sms, SmsMessage } from "./port";

let adapter: Sms | undefined;

export function use(sms: Sms | undefined): void {
  adapter = sms;
}

/**
 * Chooses the SMS adapter once, at start-up, from `RDV_SMS_ADAPTER`: `sns` on AWS (SNS Publish,
 * transactional), `outbox` locally (the table's outbox, readable at /v1/dev/outbox).
 */
export async function current(): Promise<Sms> {
  if (adapter) return adapter;
  if (process.env.RDV_SMS_ADAPTER === "sns") {
    const { SnsSms } = await import("./sns");
    adapter = new SnsSms();
  } else {
    const { OutboxSms } = await import("./outbox");
    adapter = new OutboxSms();
  }
  return adapter;
}
