import { randomUUID } from "node:crypto";
import type { TransactionEntities } from "../db/transact";
import { AccountAuditEntity, AuditEntity, ConfigAuditEntity } from "./audit.entity";

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

export type AccountAction = "sign_in.failed" | "sign_in.locked" | "password_reset.requested" | "password_reset.done";

/** When an account event written now is removed (TTL, epoch seconds). */
export function accountEventExpiry(now: Date): number {
  return Math.floor(now.getTime() / 1000) + ACCOUNT_EVENT_DAYS * 86400;
}

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
  const expiresAt = accountEventExpiry(now);
  await Promise.all(events.map((event) => AccountAuditEntity.create({ ...event, auditId: randomUUID(), at: now.toISOString(), expiresAt }).go({ response: "none" })));
}

/** An account's (or a client's) security events, oldest first. */
export async function listAccountEvents(subject: string) {
  const result = await AccountAuditEntity.query.primary({ subject }).go({ pages: "all" });
  return result.data.map(({ at, action, agentId, emailHash, client, until }) => ({ at, action: action as AccountAction, agentId, emailHash, client, until }));
}

/** Configuration changes are kept two years, then removed by TTL. */
const CONFIG_EVENT_DAYS = 730;

export type ConfigSubject = "place" | "motif" | "opening_rule" | "absence" | "invitation" | "agent" | "webhook" | "api_key";
export type ConfigAction = "created" | "updated" | "deleted" | "occurrence_edited" | "sent" | "deactivated" | "reactivated" | "removed" | "rotated" | "resent";
export type Changes = Record<string, [unknown, unknown]>;

/** The fields that differ between what was stored (null: nothing) and what is written (null: removed). */
export function changes(before: Record<string, unknown> | null, after: Record<string, unknown> | null, fields: readonly string[]): Changes {
  const result: Changes = {};
  for (const field of fields) {
    const was = before?.[field] ?? null;
    const is = after?.[field] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(is)) result[field] = [was, is];
  }
  return result;
}

export interface ConfigEntry {
  organisationIds: readonly string[];
  actor: Actor;
  subject: ConfigSubject;
  subjectId: string;
  action: ConfigAction;
  changes: Changes;
  now: Date;
}

/**
 * The items recording a configuration change in each organisation it concerns (an agent's
 * absence concerns each of the agent's organisations), to write in the change's transaction.
 */
export function configWrites(e: Pick<TransactionEntities, "configAudit">, entry: ConfigEntry) {
  const auditId = randomUUID();
  const expiresAt = Math.floor(entry.now.getTime() / 1000) + CONFIG_EVENT_DAYS * 86400;
  return [...new Set(entry.organisationIds)].map((organisationId) =>
    e.configAudit
      .create({
        organisationId,
        auditId,
        at: entry.now.toISOString(),
        agentId: entry.actor.agentId,
        agentName: `${entry.actor.firstName} ${entry.actor.lastName}`,
        action: entry.action,
        subjectType: entry.subject,
        subjectId: entry.subjectId,
        changes: entry.changes,
        expiresAt,
      })
      .commit(),
  );
}

export interface ConfigEvent {
  at: string;
  agentId: string;
  agentName: string;
  subject: ConfigSubject;
  subjectId: string;
  action: ConfigAction;
  changes: Changes;
}

/** An organisation's configuration changes, newest first, a page at a time (`cursor` from the previous page). */
export async function listConfigChanges(organisationId: string, options: { limit: number; cursor?: string | null }): Promise<{ events: ConfigEvent[]; cursor: string | null }> {
  const result = await ConfigAuditEntity.query.primary({ organisationId }).go({ order: "desc", limit: options.limit, cursor: options.cursor ?? null });
  return {
    events: result.data.map(({ at, agentId, agentName, action, subjectType, subjectId, changes }) => ({
      at,
      agentId,
      agentName,
      subject: subjectType as ConfigSubject,
      subjectId,
      action: action as ConfigAction,
      changes: (changes ?? {}) as Changes,
    })),
    cursor: result.cursor,
  };
}
