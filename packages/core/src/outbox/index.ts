import { fn } from "../validate";
import { randomUUID } from "node:crypto";
import * as z from "zod";
import * as Clock from "../clock";
import type { OutboxMessageInfo } from "../schema/agent-configuration";
import { OutboxEntity } from "./outbox.entity";

// one shape for what the outbox holds and what GET /v1/dev/outbox answers
export { OutboxMessageInfo as Info } from "../schema/agent-configuration";
type Info = OutboxMessageInfo;

export async function add(message: Omit<Info, "at"> & { senderName?: string }): Promise<string> {
  const messageId = randomUUID();
  const now = Clock.now();
  const at = now.toISOString();
  await OutboxEntity.create({ messageId, at, ...message, expiresAt: Math.floor(now.getTime() / 1000) + 30 * 86400 }).go();
  return messageId;
}

export const ListInput = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

/** Newest first. */
export const list = fn(ListInput, async (input): Promise<Info[]> => {
  const result = await OutboxEntity.query.primary({}).go({ order: "desc", limit: input.limit });
  return result.data.map(({ channel, to, subject, text, html, attachments, at, appointmentId }) => ({ channel, to, subject, text, html, attachments, at, appointmentId }));
});
