import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { Email } from "./port";

export type { Email, EmailMessage } from "./port";

let adapter: Email | undefined;

export function use(email: Email | undefined): void {
  adapter = email;
}

/** Chooses the e-mail adapter once, at start-up: SES v2 on AWS (`RDV_EMAIL_ADAPTER=ses`), the outbox locally. */
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

/**
 * SES from this address, with this client (region and credentials) or one from the environment:
 * what `npm run import --stage` and `npm run invite --stage` send with, from the operator's machine.
 */
export async function useSes(from: string, client?: SESv2Client): Promise<void> {
  const { SesEmail } = await import("./ses");
  adapter = new SesEmail(from, client);
}
