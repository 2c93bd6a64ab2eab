import * as Outbox from "../outbox";
import type { Email, EmailMessage } from "./port";

/** Local adapter: the e-mail goes to the outbox in the table (with its HTML and attachments) instead of a mailbox. */
export class OutboxEmail implements Email {
  async send(message: EmailMessage): Promise<{ messageId: string }> {
    return {
      messageId: await Outbox.add({
        channel: "email",
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: message.attachments,
        appointmentId: message.appointmentId,
      }),
    };
  }
}
