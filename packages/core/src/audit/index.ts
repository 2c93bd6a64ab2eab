import { randomUUID } from "node:crypto";
import { AccountAuditEntity, AuditEntity } from "./audit.entity";

export interface Actor {
  agentId: string;
  firstName: string;
  lastName: string;
}

/** An audit entry to write in the same transaction as the action it records. */
export function entry(appointmentId: string, actor: Actor, action: string, changes: Record<string, [unknown, unknown]>, now: Date, expiresAt?: number) {
  return {
    appointmentId,
    auditId: randomUUID(),
    at: now.toISOString(),
    agentId: actor.agentId,
    agentName: `${actor.firstName} ${actor.lastName}`,
    action,
    changes,
    expiresAt,
  };
}

/** Writes an audit entry on its own (an action done outside a transaction). */
export async function record(item: ReturnType<typeof entry>): Promise<void> {
  await AuditEntity.create(item).go();
}

export async function list(appointmentId: string) {
  const result = await AuditEntity.query.primary({ appointmentId }).go({ pages: "all" });
  return result.data.map(({ at, agentId, agentName, action, changes }) => ({ at, agentId, agentName, action, changes: changes as Record<string, [unknown, unknown]> }));
}

/** Security events (sign-in failures and locks) are kept a year, then removed by TTL. */
const ACCOUNT_EVENT_DAYS = 365;

export type AccountAction = "sign_in.failed" | "sign_in.locked";

export interface AccountEvent {
  /** `agent#<agentId>`, `email#<sha-256 of the address>` or `client#<address>` */
  subject: string;
  action: AccountAction;
  agentId?: string;
  emailHash?: string;
  client?: string;
  until?: string;
}

export async function recordAccountEvents(events: AccountEvent[], now: Date): Promise<void> {
  const expiresAt = Math.floor(now.getTime() / 1000) + ACCOUNT_EVENT_DAYS * 86400;
  await Promise.all(events.map((event) => AccountAuditEntity.create({ ...event, auditId: randomUUID(), at: now.toISOString(), expiresAt }).go({ response: "none" })));
}

/** An account's (or a client's) security events, oldest first. */
export async function listAccountEvents(subject: string) {
  const result = await AccountAuditEntity.query.primary({ subject }).go({ pages: "all" });
  return result.data.map(({ at, action, agentId, emailHash, client, until }) => ({ at, action: action as AccountAction, agentId, emailHash, client, until }));
}
