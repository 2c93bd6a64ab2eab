import { fn } from "../validate";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import * as Clock from "../clock";
import { OutboxEntity } from "./outbox.entity";

export const Info = z.object({
  channel: z.enum(["sms", "email"]),
  to: z.string(),
  subject: z.string().optional(),
  text: z.string(),
  at: z.string(),
  appointmentId: z.string().optional(),
});
export type Info = z.infer<typeof Info>;

export async function add(message: Omit<Info, "at"> & { senderName?: string }): Promise<string> {
  const messageId = randomUUID();
  const at = Clock.now().toISOString();
  await OutboxEntity.create({ messageId, at, ...message, expiresAt: Math.floor(Date.now() / 1000) + 30 * 86400 }).go();
  return messageId;
}

export const ListInput = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

/** Newest first. */
export const list = fn(ListInput, async (input): Promise<Info[]> => {
  const result = await OutboxEntity.query.primary({}).go({ order: "desc", limit: input.limit });
  return result.data.map(({ channel, to, subject, text, at, appointmentId }) => ({ channel, to, subject, text, at, appointmentId }));
});
