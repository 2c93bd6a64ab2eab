/** The SMS port: what the domain needs from an SMS provider. Adapters: `sns.ts` (AWS), `outbox.ts` (local). */
export interface SmsMessage {
  /** E.164 */
  to: string;
  text: string;
  senderName: string;
  appointmentId?: string;
}

/** What a carrier said of a message, when the adapter knows it at once (the outbox; SNS reports later, through CloudWatch Logs). */
export interface ImmediateReport {
  status: "delivered" | "failed";
  reason?: string;
}

export interface Sms {
  send(message: SmsMessage): Promise<{ messageId: string; report?: ImmediateReport }>;
}
