/** The SMS port: what the domain needs from an SMS provider. Adapters: `sns.ts` (AWS), `outbox.ts` (local). */
export interface SmsMessage {
  /** E.164 */
  to: string;
  text: string;
  senderName: string;
  appointmentId?: string;
}

export interface Sms {
  send(message: SmsMessage): Promise<{ messageId: string }>;
}
