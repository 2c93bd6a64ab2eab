import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import type { Sms, SmsMessage } from "./port";

/** SMS through SNS Publish to a phone number, transactional, with the stage's sender name. */
export class SnsSms implements Sms {
  constructor(private readonly client: SNSClient = new SNSClient({})) {}

  async send(message: SmsMessage): Promise<{ messageId: string }> {
    const result = await this.client.send(
      new PublishCommand({
        PhoneNumber: message.to,
        Message: message.text,
        MessageAttributes: {
          "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
          "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: message.senderName },
        },
      }),
    );
    return { messageId: result.MessageId ?? "" };
  }
}
