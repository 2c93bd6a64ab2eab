import { randomUUID } from "node:crypto";
import { AuditEntity } from "./audit.entity";

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

export async function list(appointmentId: string) {
  const result = await AuditEntity.query.primary({ appointmentId }).go({ pages: "all" });
  return result.data.map(({ at, agentId, agentName, action, changes }) => ({ at, agentId, agentName, action, changes: changes as Record<string, [unknown, unknown]> }));
}
