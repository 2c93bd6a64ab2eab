import * as Outbox from "../outbox";
import type { Email, EmailMessage } from "./port";

export class OutboxEmail implements Email {
  async send(message: EmailMessage): Promise<{ messageId: string }> {
    return { messageId: await Outbox.add({ channel: "email", to: message.to, subject: message.subject, text: message.text }) };
  }
}
