import { DomainError, ValidationError } from "../error";
import { AgentEntity, MembershipEntity } from "./agent.entity";

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
