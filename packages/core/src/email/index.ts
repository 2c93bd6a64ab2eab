/** The e-mail port (agent invitations): SES v2 on AWS (`RDV_EMAIL_ADAPTER=ses`), the outbox locally. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Email {
  send(message: EmailMessage): Promise<{ messageId: string }>;
}

let adapter: Email | undefined;

export function use(email: Email | undefined): void {
  adapter = email;
}

export async function current(): Promise<Email> {
  if (adapter) return adapter;
  if (process.env.RDV_EMAIL_ADAPTER === "ses") {
    const { SesEmail } = await import("./ses");
    adapter = new SesEmail(process.env.RDV_EMAIL_FROM ?? "");
  } else {
    const { OutboxEmail } = await import("./outbox");
    adapter = new OutboxEmail();
  }
  return adapter;
}
