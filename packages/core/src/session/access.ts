import { DomainError } from "../error";

/** Who is acting and what they may see: the context every agent route passes to the domain. */
export type Role = "admin" | "secretariat" | "agent";

export interface Membership {
  organisationId: string;
  role: Role;
  serviceIds: string[];
}

/** Who is acting, as the handlers pass it to domain functions. */
export interface AgentContext {
  agentId: string;
  firstName: string;
  lastName: string;
  email: string;
  /** the organisation the agent is working in now */
  organisationId: string;
  memberships: Membership[];
  csrfToken: string;
}

export class UnauthorizedError extends DomainError {
  constructor(message = "Merci de vous connecter.") {
    super("auth.required", "unauthorized", message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = "Vous n'avez pas accès à cette information.") {
    super("auth.forbidden", "forbidden", message);
  }
}

/** The services an agent sees in an organisation: all for admins and secretariat, their own otherwise. */
export function visibleServices(ctx: AgentContext, organisationId: string): "all" | string[] {
  const membership = ctx.memberships.find((m) => m.organisationId === organisationId);
  if (!membership) throw new ForbiddenError();
  return membership.role === "agent" ? membership.serviceIds : "all";
}

export function canSee(ctx: AgentContext, organisationId: string, serviceId: string): boolean {
  const membership = ctx.memberships.find((m) => m.organisationId === organisationId);
  if (!membership) return false;
  return membership.role !== "agent" || membership.serviceIds.includes(serviceId);
}

export function assertAdmin(ctx: AgentContext, organisationId: string): void {
  if (!ctx.memberships.some((m) => m.organisationId === organisationId && m.role === "admin")) {
    throw new ForbiddenError("Réservé aux administrateurs de l'organisation.");
  }
}
