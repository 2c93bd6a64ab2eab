import * as Outbox from "../outbox";
import type { Sms, SmsMessage } from "./port";

/** Local adapter: the message goes to the outbox in the table instead of a phone. */
export class OutboxSms implements Sms {
  async send(message: SmsMessage): Promise<{ messageId: string }> {
    const messageId = await Outbox.add({ channel: "sms", to: message.to, text: message.text, senderName: message.senderName, appointmentId: message.appointmentId });
    return { messageId };
  }
}
