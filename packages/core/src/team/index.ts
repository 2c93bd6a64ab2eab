import * as Agent from "../agent";
import * as Audit from "../audit";
import { transact, type TransactionEntities } from "../db/transact";
import { ConflictError, NotFoundError, ValidationError } from "../error";
import { TeamMemberUpdateInput, TeamOrganisationInput, type TeamInfo, type TeamMemberInfo } from "../schema/team";
import { Id } from "../schema/common";
import * as Service from "../service";
import * as Session from "../session";
import { validate } from "../validate";

/**
 * An organisation's team, as its admins manage it: list the agents, change a role and services,
 * remove from the organisation, deactivate and reactivate an account, resend an invitation.
 *
 * - Every command is for admins of the organisation (403 otherwise); an agent id that is not a
 *   member of it is a 404, whether the account exists elsewhere or not.
 * - An organisation always keeps an active admin: demoting, removing or deactivating its last
 *   one is a 409 `team.last_admin`. The transaction checks that another admin is still an active
 *   admin, so two admins demoting each other at once cannot both succeed.
 * - Deactivation is of the account (every sign-in path checks `Agent.isActive`; every session
 *   ends at once, see `Session.fromToken`). An account also in other organisations can be
 *   deactivated only by an admin of all of them; others remove it from their organisation. An
 *   admin cannot deactivate their own account.
 * - Each change is in the organisation's journal (subject `agent`), in the change's transaction.
 */

const agentUnknown = () => new NotFoundError("agent.unknown", "Cet agent ne fait pas partie de l'organisation.");
const lastAdmin = () => new ConflictError("team.last_admin", "L'organisation doit garder au moins un administrateur actif : nommez-en un autre d'abord.");

/** GET /v1/agent/team?organisation= */
export async function list(organisation: unknown, ctx: Session.AgentContext, now: Date): Promise<TeamInfo> {
  const organisationId = validate(Id, organisation, { prefix: "organisation" });
  Session.assertAdmin(ctx, organisationId);
  const memberships = await Agent.membersOf(organisationId);
  const [agents, invitations, services] = await Promise.all([
    Agent.getMany(memberships.map((m) => m.agentId)),
    Session.pendingInvitationsOf(organisationId, now),
    Service.listAll(),
  ]);
  const members: TeamMemberInfo[] = [];
  for (const membership of memberships) {
    const agent = agents.find((a) => a.agentId === membership.agentId);
    if (!agent) continue;
    members.push({
      id: agent.agentId,
      firstName: agent.firstName,
      lastName: agent.lastName,
      email: agent.email,
      role: membership.role,
      serviceIds: membership.serviceIds,
      state: !Agent.isActive(agent) ? "deactivated" : agent.passwordHash || agent.lastSignInAt ? "active" : "invited",
      lastSignInAt: agent.lastSignInAt,
      otherOrganisations: agent.organisationIds.filter((id) => id !== organisationId).length,
    });
  }
  members.sort((a, b) => `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`, "fr"));
  return {
    organisationId,
    members,
    invitations: invitations.map(({ invitationId, email, firstName, lastName, role, serviceIds, expiresAt }) => ({ id: invitationId, email, firstName, lastName, role, serviceIds, expiresAt })),
    services: services.map((s) => ({ id: s.serviceId, name: s.name })).sort((a, b) => a.name.localeCompare(b.name, "fr")),
  };
}

/** The target's membership and account, read strongly (404 when not a member of the organisation). */
async function member(agentId: string, organisationId: string) {
  const { agent, memberships } = await Agent.withMemberships(agentId, { consistent: true });
  const membership = memberships.find((m) => m.organisationId === organisationId);
  if (!agent || !membership) throw agentUnknown();
  return { agent, membership, memberships };
}

/**
 * Another active admin of the organisation than `agentId` (null when none): the transaction
 * checks they still are one.
 */
async function otherActiveAdmin(organisationId: string, agentId: string): Promise<string | null> {
  const admins = (await Agent.membersOf(organisationId)).filter((m) => m.role === "admin" && m.agentId !== agentId);
  const active = (await Agent.getMany(admins.map((m) => m.agentId))).filter(Agent.isActive);
  return active[0]?.agentId ?? null;
}

/** Condition checks that `adminId` is still an active admin of the organisation (both versioned: a failure reads again). */
function stillAdmin(e: TransactionEntities, organisationId: string, adminId: string) {
  return [
    e.membership.check({ agentId: adminId, organisationId }).where((attr, op) => op.eq(attr.role, "admin")).commit(),
    e.agent.check({ agentId: adminId }).where((attr, op) => op.notExists(attr.deactivatedAt)).commit(),
  ];
}

/** For each of these organisations, another active admin than `agentId`; a 409 if one has none. */
async function keepersFor(organisationIds: readonly string[], agentId: string): Promise<Array<[string, string]>> {
  const keepers: Array<[string, string]> = [];
  for (const organisationId of organisationIds) {
    const keeper = await otherActiveAdmin(organisationId, agentId);
    if (!keeper) throw lastAdmin();
    keepers.push([organisationId, keeper]);
  }
  return keepers;
}

const journal = (organisationIds: readonly string[], ctx: Session.AgentContext, agentId: string, now: Date) => ({ organisationIds, actor: ctx, subject: "agent" as const, subjectId: agentId, now });

/** POST /v1/agent/team/{agentId} {organisationId, role, serviceIds} */
export async function update(agentId: string, body: unknown, ctx: Session.AgentContext, now: Date): Promise<TeamInfo> {
  const input = validate(TeamMemberUpdateInput, body);
  Session.assertAdmin(ctx, input.organisationId);
  const known = new Set((await Service.listAll()).map((s) => s.serviceId));
  const unknown = Object.fromEntries(input.serviceIds.flatMap((id, i) => (known.has(id) ? [] : [[`serviceIds[${i}]`, "service inconnu"]])));
  if (Object.keys(unknown).length > 0) throw new ValidationError(unknown);
  await transact(async () => {
    const { membership } = await member(agentId, input.organisationId);
    const after = { role: input.role, serviceIds: [...new Set(input.serviceIds)] };
    const changes = Audit.changes(membership, after, ["role", "serviceIds"]);
    if (Object.keys(changes).length === 0) return { done: undefined };
    const keepers = membership.role === "admin" && after.role !== "admin" ? await keepersFor([input.organisationId], agentId) : [];
    return {
      write: (e) => ({
        items: [
          e.membership
            .patch({ agentId, organisationId: input.organisationId })
            .set(after)
            .where((attr, op) => op.eq(attr.role, membership.role))
            .commit(),
          ...keepers.flatMap(([organisationId, keeper]) => stillAdmin(e, organisationId, keeper)),
          ...Audit.configWrites(e, { ...journal([input.organisationId], ctx, agentId, now), action: "updated", changes }),
        ],
        versioned: [0, ...keepers.flatMap((_, i) => [1 + 2 * i, 2 + 2 * i])],
      }),
      committed: () => undefined,
    };
  });
  return list(input.organisationId, ctx, now);
}

/** POST /v1/agent/team/{agentId}/remove {organisationId}: the agent leaves the organisation (their sessions there end). */
export async function remove(agentId: string, body: unknown, ctx: Session.AgentContext, now: Date): Promise<TeamInfo> {
  const { organisationId } = validate(TeamOrganisationInput, body);
  Session.assertAdmin(ctx, organisationId);
  await transact(async () => {
    const { agent, membership } = await member(agentId, organisationId);
    const keepers = membership.role === "admin" ? await keepersFor([organisationId], agentId) : [];
    const organisationIds = agent.organisationIds.filter((id) => id !== organisationId);
    return {
      write: (e) => ({
        items: [
          e.membership.delete({ agentId, organisationId }).where((attr, op) => op.eq(attr.role, membership.role)).commit(),
          e.agent
            .patch({ agentId })
            .set({ organisationIds })
            .where((attr, op) => op.eq(attr.organisationIds, agent.organisationIds))
            .commit(),
          ...keepers.flatMap(([id, keeper]) => stillAdmin(e, id, keeper)),
          ...Audit.configWrites(e, { ...journal([organisationId], ctx, agentId, now), action: "removed", changes: { role: [membership.role, null], serviceIds: [membership.serviceIds, null] } }),
        ],
        versioned: [0, 1, ...keepers.flatMap((_, i) => [2 + 2 * i, 3 + 2 * i])],
      }),
      committed: () => undefined,
    };
  });
  return list(organisationId, ctx, now);
}

/**
 * POST /v1/agent/team/{agentId}/deactivate {organisationId}: the account can no longer sign in,
 * and its sessions end at once (the next request of any of them is a 401).
 */
export async function deactivate(agentId: string, body: unknown, ctx: Session.AgentContext, now: Date): Promise<TeamInfo> {
  const { organisationId } = validate(TeamOrganisationInput, body);
  Session.assertAdmin(ctx, organisationId);
  if (agentId === ctx.agentId) throw new ConflictError("team.self", "Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.");
  await transact(async () => {
    const { agent, memberships } = await member(agentId, organisationId);
    if (!Agent.isActive(agent)) return { done: undefined };
    assertAdminOfAll(ctx, memberships);
    const keepers = await keepersFor(memberships.filter((m) => m.role === "admin").map((m) => m.organisationId), agentId);
    const version = agent.sessionVersion ?? 0;
    return {
      write: (e) => ({
        items: [
          e.agent
            .patch({ agentId })
            .set({ deactivatedAt: now.toISOString(), sessionVersion: version + 1 })
            .where((attr, op) => `${op.notExists(attr.deactivatedAt)} AND ${version === 0 ? `(${op.notExists(attr.sessionVersion)} OR ${op.eq(attr.sessionVersion, 0)})` : op.eq(attr.sessionVersion, version)}`)
            .commit(),
          ...keepers.flatMap(([id, keeper]) => stillAdmin(e, id, keeper)),
          ...Audit.configWrites(e, { ...journal(memberships.map((m) => m.organisationId), ctx, agentId, now), action: "deactivated", changes: { state: ["active", "deactivated"] } }),
        ],
        versioned: [0, ...keepers.flatMap((_, i) => [1 + 2 * i, 2 + 2 * i])],
      }),
      committed: () => undefined,
    };
  });
  return list(organisationId, ctx, now);
}

/** POST /v1/agent/team/{agentId}/reactivate {organisationId}: the account may sign in again (its old sessions stay over). */
export async function reactivate(agentId: string, body: unknown, ctx: Session.AgentContext, now: Date): Promise<TeamInfo> {
  const { organisationId } = validate(TeamOrganisationInput, body);
  Session.assertAdmin(ctx, organisationId);
  await transact(async () => {
    const { agent, memberships } = await member(agentId, organisationId);
    if (Agent.isActive(agent)) return { done: undefined };
    assertAdminOfAll(ctx, memberships);
    return {
      write: (e) => ({
        items: [
          e.agent.patch({ agentId }).remove(["deactivatedAt"]).where((attr, op) => op.eq(attr.deactivatedAt, agent.deactivatedAt!)).commit(),
          ...Audit.configWrites(e, { ...journal(memberships.map((m) => m.organisationId), ctx, agentId, now), action: "reactivated", changes: { state: ["deactivated", "active"] } }),
        ],
        versioned: [0],
      }),
      committed: () => undefined,
    };
  });
  return list(organisationId, ctx, now);
}

function assertAdminOfAll(ctx: Session.AgentContext, memberships: ReadonlyArray<{ organisationId: string }>): void {
  for (const { organisationId } of memberships) {
    if (!ctx.memberships.some((m) => m.organisationId === organisationId && m.role === "admin")) {
      throw new Session.ForbiddenError("Cet agent travaille aussi pour une autre organisation : retirez-le de la vôtre, ou demandez à ses administrateurs de désactiver son compte.");
    }
  }
}

/** POST /v1/agent/team/invitations/{invitationId}/resend {organisationId}: a new link (valid 7 days) replaces the pending one. */
export async function resendInvitation(invitationId: string, body: unknown, ctx: Session.AgentContext, now: Date): Promise<TeamInfo> {
  const { organisationId } = validate(TeamOrganisationInput, body);
  Session.assertAdmin(ctx, organisationId);
  await Session.resendInvitation(organisationId, invitationId, ctx, now);
  return list(organisationId, ctx, now);
}
