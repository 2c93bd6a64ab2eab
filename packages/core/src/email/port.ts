/** The e-mail port (agent invitations, usagers' messages). Adapters: `ses.ts` (SES v2, AWS), `outbox.ts` (local). */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: EmailAttachment[];
  appointmentId?: string;
}

export interface Email {
  send(message: EmailMessage): Promise<{ messageId: string }>;
}
