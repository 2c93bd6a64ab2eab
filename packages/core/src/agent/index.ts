import type { EntityItem } from "electrodb";
import { getAll, putAll, type PutItem } from "../db/batch";
import type { StoredItem } from "../db/batch-get";
import { isConditionFailure } from "../db/condition";
import { partitionOf, queryPartition } from "../db/partition";
import { DomainError, ValidationError } from "../error";
import { AgentEntity, MembershipEntity } from "./agent.entity";

export type AgentRecord = EntityItem<typeof AgentEntity>;
export type MembershipRecord = EntityItem<typeof MembershipEntity>;
export type AgentItem = PutItem<typeof AgentEntity>;
export type MembershipItem = PutItem<typeof MembershipEntity>;

export async function get(agentId: string, options: { consistent?: boolean } = {}): Promise<AgentRecord | null> {
  return (await AgentEntity.get({ agentId }).go({ consistent: options.consistent })).data;
}

/**
 * Whether the account may sign in and keep its sessions: the one flag every sign-in path checks
 * (password, invitation, reset link, and any other provider). `deactivatedAt` is set by an
 * organisation admin (Team.deactivate) and removed on reactivation.
 */
export function isActive(agent: Pick<AgentRecord, "deactivatedAt">): boolean {
  return !agent.deactivatedAt;
}

/** Several agents in batch reads (none asked, none read; keys DynamoDB leaves unprocessed are asked again). */
export async function getMany(agentIds: readonly string[]): Promise<AgentRecord[]> {
  if (agentIds.length === 0) return [];
  return getAll(AgentEntity, agentIds.map((agentId) => ({ agentId })));
}

/** The agent with this address (already lower-cased), if any. */
export async function byEmail(email: string): Promise<AgentRecord | undefined> {
  return (await AgentEntity.query.byEmail({ email }).go()).data[0];
}

/** An agent's memberships, one per organisation. */
export async function memberships(agentId: string): Promise<MembershipRecord[]> {
  return (await MembershipEntity.query.primary({ agentId }).go({ pages: "all" })).data;
}

/** The memberships among items read together (an organisation's gsi1 partition, see Place.organisationPartition). */
export function parseMemberships(items: StoredItem[]): MembershipRecord[] {
  return MembershipEntity.parse({ Items: items }, { ignoreOwnership: false }).data as MembershipRecord[];
}

/**
 * An agent and their memberships in one query: they share the agent's partition, below the
 * agent's days and absences ("time#…").
 */
export async function withMemberships(agentId: string, options: { consistent?: boolean } = {}): Promise<{ agent: AgentRecord | null; memberships: MembershipRecord[] }> {
  const items = await queryPartition(partitionOf(AgentEntity.query.primary({ agentId }).params()), { below: "time#", consistent: options.consistent });
  return {
    agent: (AgentEntity.parse({ Items: items }, { ignoreOwnership: false }).data as AgentRecord[])[0] ?? null,
    memberships: parseMemberships(items),
  };
}

/** The memberships of an organisation's agents. */
export async function membersOf(organisationId: string): Promise<MembershipRecord[]> {
  return (await MembershipEntity.query.byOrganisation({ organisationId }).go({ pages: "all" })).data;
}

/** The agent's last sign-in (the team page shows it). */
export async function recordSignIn(agentId: string, now: Date): Promise<void> {
  await AgentEntity.patch({ agentId }).set({ lastSignInAt: now.toISOString() }).go({ response: "none" });
}

export async function setPasswordHash(agentId: string, passwordHash: string): Promise<void> {
  await AgentEntity.patch({ agentId }).set({ passwordHash }).go();
}

/** Puts of agents in flight at once during an import (each is one request). */
const SAVE_CONCURRENCY = 8;
const SAVE_ATTEMPTS = 3;

/** What an account holds that the département file does not: kept when the file is loaded again. */
type AccountFields = Pick<AgentRecord, "passwordHash" | "deactivatedAt" | "sessionVersion" | "lastSignInAt">;
const accountFields = (agent: AgentRecord | null | undefined): AccountFields => ({
  passwordHash: agent?.passwordHash,
  deactivatedAt: agent?.deactivatedAt,
  sessionVersion: agent?.sessionVersion,
  lastSignInAt: agent?.lastSignInAt,
});

/**
 * Saves the département file's agents (import). An agent keeps the password they chose, and a
 * deactivated account stays deactivated: each put carries the stored account fields over, on
 * condition that they are still the ones read, so an invitation accepted (or a deactivation)
 * while the import runs makes that put read again and retry rather than erase it.
 */
export async function saveAll(items: AgentItem[]): Promise<void> {
  const stored = new Map((await getMany(items.map((item) => item.agentId))).map((agent) => [agent.agentId, accountFields(agent)]));
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await putKeepingAccount(item, stored.get(item.agentId) ?? accountFields(null));
    }
  };
  await Promise.all(Array.from({ length: Math.min(SAVE_CONCURRENCY, items.length) }, worker));
}

async function putKeepingAccount(item: AgentItem, account: AccountFields): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const expected = account;
    try {
      await AgentEntity.put({ ...item, ...expected })
        .where((attr, op) =>
          [
            expected.passwordHash ? op.eq(attr.passwordHash, expected.passwordHash) : op.notExists(attr.passwordHash),
            expected.deactivatedAt ? op.eq(attr.deactivatedAt, expected.deactivatedAt) : op.notExists(attr.deactivatedAt),
            expected.sessionVersion !== undefined ? op.eq(attr.sessionVersion, expected.sessionVersion) : op.notExists(attr.sessionVersion),
          ].join(" AND "),
        )
        .go();
      return;
    } catch (error) {
      if (!isConditionFailure(error) || attempt >= SAVE_ATTEMPTS) throw error;
      account = accountFields((await AgentEntity.get({ agentId: item.agentId }).go({ consistent: true })).data);
    }
  }
}

/** Saves many memberships in batches (département import). */
export async function saveMemberships(items: MembershipItem[]): Promise<void> {
  await putAll(MembershipEntity, items);
}

/**
 * Agents named in a request (booked, put on a session, given a rule): each must exist and work
 * in the organisation — and, for an agent role, for the service — of what they are named for.
 * An unknown id is a 400 naming the field; an agent of another organisation or service is a
 * 403 naming it; nothing is written in either case (callers check before any write).
 */
export async function assertWorkFor(
  agentIds: readonly string[],
  scope: { organisationId: string; serviceId?: string },
  field = "agentIds",
): Promise<void> {
  if (agentIds.length === 0) return;
  const keys = agentIds.map((agentId) => ({ agentId, organisationId: scope.organisationId }));
  const memberships = (await MembershipEntity.get(keys).go()).data;
  const unknown: Record<string, string> = {};
  const elsewhere: Record<string, string> = {};
  const outsiders: number[] = [];
  agentIds.forEach((agentId, i) => {
    const membership = memberships.find((m) => m.agentId === agentId);
    if (!membership) outsiders.push(i);
    else if (scope.serviceId && membership.role === "agent" && !membership.serviceIds.includes(scope.serviceId)) {
      elsewhere[fieldOf(field, agentIds, i)] = "cet agent ne travaille pas pour ce service";
    }
  });
  if (outsiders.length > 0) {
    const agents = (await AgentEntity.get(outsiders.map((i) => ({ agentId: agentIds[i]! }))).go()).data;
    for (const i of outsiders) {
      if (agents.some((a) => a.agentId === agentIds[i])) elsewhere[fieldOf(field, agentIds, i)] = "cet agent ne fait pas partie de cette organisation";
      else unknown[fieldOf(field, agentIds, i)] = "agent inconnu";
    }
  }
  if (Object.keys(unknown).length > 0) throw new ValidationError(unknown);
  if (Object.keys(elsewhere).length > 0) {
    throw new DomainError("auth.forbidden", "forbidden", "Vous ne pouvez pas engager un agent d'une autre organisation ou d'un autre service.", elsewhere);
  }
}

function fieldOf(field: string, agentIds: readonly string[], i: number): string {
  return field.endsWith("Ids") && agentIds.length > 0 ? `${field}[${i}]` : field;
}
