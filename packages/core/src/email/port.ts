/** The e-mail port (agent invitations). Adapters: `ses.ts` (SES v2, AWS), `outbox.ts` (local). */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Email {
  send(message: EmailMessage): Promise<{ messageId: string }>;
}
