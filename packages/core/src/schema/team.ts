import * as z from "zod";
import { AgentRole } from "./department-file";

/**
 * The team page (/v1/agent/team…, organisation admins): the organisation's agents and its pending
 * invitations. An agent is `invited` until their first password (or sign-in), `deactivated` while
 * their account is, `active` otherwise.
 */
export const TeamMemberInfo = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  role: AgentRole,
  serviceIds: z.array(z.string()),
  state: z.enum(["invited", "active", "deactivated"]),
  lastSignInAt: z.string().optional(),
  /** also a member of other organisations (then only an admin of all of them may deactivate the account) */
  otherOrganisations: z.number(),
});
export type TeamMemberInfo = z.infer<typeof TeamMemberInfo>;

export const TeamInvitationInfo = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: AgentRole,
  serviceIds: z.array(z.string()),
  expiresAt: z.string(),
});
export type TeamInvitationInfo = z.infer<typeof TeamInvitationInfo>;

/** GET /v1/agent/team?organisation= ; also the answer of every team command. */
export const TeamInfo = z.object({
  organisationId: z.string(),
  members: z.array(TeamMemberInfo),
  invitations: z.array(TeamInvitationInfo),
  services: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type TeamInfo = z.infer<typeof TeamInfo>;

/** POST /v1/agent/team/{agentId}: the agent's role and services in the organisation. */
export const TeamMemberUpdateInput = z.object({
  organisationId: z.string().min(1).max(80),
  role: AgentRole,
  serviceIds: z.array(z.string().min(1).max(80)).max(50),
});

/** The organisation a team command acts in (remove, deactivate, reactivate, resend). */
export const TeamOrganisationInput = z.object({ organisationId: z.string().min(1).max(80) });
