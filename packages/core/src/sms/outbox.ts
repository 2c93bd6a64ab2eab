import * as Outbox from "../outbox";
import type { ImmediateReport, Sms, SmsMessage } from "./port";

/**
 * Test numbers: locally every message is delivered, except to numbers ending in 99, which fail
 * as a carrier would say it (README, "Test numbers").
 */
export function localReport(to: string): ImmediateReport {
  return to.endsWith("99")
    ? { status: "failed", reason: "Phone is currently unreachable/unavailable" }
    : { status: "delivered", reason: "Message has been accepted by phone carrier" };
}

/** Local adapter: the message goes to the outbox in the table instead of a phone, and its delivery report comes at once. */
export class OutboxSms implements Sms {
  async send(message: SmsMessage): Promise<{ messageId: string; report: ImmediateReport }> {
    const messageId = await Outbox.add({ channel: "sms", to: message.to, text: message.text, senderName: message.senderName, appointmentId: message.appointmentId });
    return { messageId, report: localReport(message.to) };
  }
}
