import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { Email, EmailMessage } from "./port";

export class SesEmail implements Email {
  constructor(
    private readonly from: string,
    private readonly client: SESv2Client = new SESv2Client({}),
  ) {}

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    const result = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: "UTF-8" },
            Body: { Text: { Data: message.text, Charset: "UTF-8" } },
          },
        },
      }),
    );
    return { messageId: result.MessageId ?? "" };
  }
}
