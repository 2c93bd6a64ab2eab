import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { Email, EmailMessage } from "./port";

/**
 * SES v2 `SendEmail` with simple content: subject, text and HTML bodies, and attachments (the
 * usager's .ics), which simple content carries since SES added attachments to it — SES builds
 * the MIME message, so no raw MIME is written here.
 */
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
            Body: {
              Text: { Data: message.text, Charset: "UTF-8" },
              ...(message.html ? { Html: { Data: message.html, Charset: "UTF-8" } } : {}),
            },
            ...(message.attachments?.length
              ? {
                  Attachments: message.attachments.map((a) => ({
                    FileName: a.filename,
                    ContentType: a.contentType,
                    ContentDisposition: "ATTACHMENT" as const,
                    ContentTransferEncoding: "BASE64" as const,
                    RawContent: new TextEncoder().encode(a.content),
                  })),
                }
              : {}),
          },
        },
      }),
    );
    return { messageId: result.MessageId ?? "" };
  }
}
