import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { AgentEntity, MembershipEntity } from "../agent/agent.entity";
import { OrganisationEntity } from "../organisation/organisation.entity";
import * as Email from "../email";
import { DomainError, ValidationError } from "../error";
import { Email as EmailSchema, fieldErrors } from "../schema/common";
import * as Settings from "../settings";
import { hashPassword, passwordProblem, verifyPassword } from "./password";
import { InvitationEntity, SessionEntity } from "./session.entity";

export { hashPassword, verifyPassword } from "./password";

export const SESSION_HOURS = 10;
const INVITATION_DAYS = 7;

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

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

export const SignInInput = z.object({ email: EmailSchema, password: z.string().min(1, "obligatoire").max(200) });
export const AcceptInput = z.object({ token: z.string().min(20).max(100), password: z.string().max(200) });
export const InviteInput = z.object({
  email: EmailSchema,
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  organisationId: z.string().min(1).max(80),
  serviceIds: z.array(z.string().min(1).max(80)).max(50),
  role: z.enum(["admin", "secretariat", "agent"]),
});

async function memberships(agentId: string): Promise<Membership[]> {
  const result = await MembershipEntity.query.primary({ agentId }).go({ pages: "all" });
  return result.data.map(({ organisationId, role, serviceIds }) => ({ organisationId, role, serviceIds }));
}

async function openSession(agentId: string, now: Date, organisationId?: string) {
  const list = await memberships(agentId);
  const first = organisationId && list.some((m) => m.organisationId === organisationId) ? organisationId : list[0]?.organisationId;
  if (!first) throw new ForbiddenError("Votre compte n'est rattaché à aucune organisation.");
  const token = newToken();
  const csrfToken = newToken();
  await SessionEntity.create({
    tokenHash: sha256(token),
    agentId,
    csrfToken,
    organisationId: first,
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + SESSION_HOURS * 3600,
  }).go();
  return { sessionToken: token, csrfToken, maxAgeSeconds: SESSION_HOURS * 3600 };
}

const badCredentials = () => new DomainError("auth.invalid_credentials", "unauthorized", "Adresse e-mail ou mot de passe incorrect.");

/** POST /v1/agent/auth/sign-in */
export async function signIn(input: unknown, now: Date) {
  const parsed = SignInInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const found = await AgentEntity.query.byEmail({ email: parsed.data.email.toLowerCase() }).go();
  const agent = found.data[0];
  // the same work whether the account exists or not, so timing tells nothing
  const ok = await verifyPassword(parsed.data.password, agent?.passwordHash ?? "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  if (!agent?.passwordHash || !ok) throw badCredentials();
  return openSession(agent.agentId, now);
}

/** The agent behind a session cookie, or a 401. */
export async function fromToken(token: string | undefined, now: Date): Promise<AgentContext> {
  if (!token || token.length > 100) throw new UnauthorizedError();
  const session = (await SessionEntity.get({ tokenHash: sha256(token) }).go()).data;
  if (!session || session.expiresAt * 1000 <= now.getTime()) throw new UnauthorizedError("Votre session a expiré : merci de vous reconnecter.");
  const [agent, list] = await Promise.all([AgentEntity.get({ agentId: session.agentId }).go(), memberships(session.agentId)]);
  if (!agent.data || !list.some((m) => m.organisationId === session.organisationId)) throw new UnauthorizedError();
  return {
    agentId: agent.data.agentId,
    firstName: agent.data.firstName,
    lastName: agent.data.lastName,
    email: agent.data.email,
    organisationId: session.organisationId,
    memberships: list,
    csrfToken: session.csrfToken,
  };
}

/** Switches the organisation an agent works in (among their own). */
export async function switchOrganisation(token: string, organisationId: unknown, now: Date): Promise<AgentContext> {
  const ctx = await fromToken(token, now);
  if (typeof organisationId !== "string" || !ctx.memberships.some((m) => m.organisationId === organisationId)) {
    throw new ForbiddenError("Vous ne faites pas partie de cette organisation.");
  }
  await SessionEntity.patch({ tokenHash: sha256(token) }).set({ organisationId }).go();
  return { ...ctx, organisationId };
}

export async function signOut(token: string | undefined): Promise<void> {
  if (!token || token.length > 100) return;
  await SessionEntity.delete({ tokenHash: sha256(token) }).go();
}

/** An admin of the organisation invites an agent by e-mail; the link sets their password. */
export async function invite(input: unknown, ctx: AgentContext, now: Date): Promise<{ agentId: string }> {
  const parsed = InviteInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const data = parsed.data;
  if (!ctx.memberships.some((m) => m.organisationId === data.organisationId && m.role === "admin")) {
    throw new ForbiddenError("Seuls les administrateurs de l'organisation peuvent inviter des agents.");
  }
  const email = data.email.toLowerCase();
  const existing = (await AgentEntity.query.byEmail({ email }).go()).data[0];
  const agentId = existing?.agentId ?? `agent-${randomBytes(8).toString("hex")}`;
  if (!existing) {
    await AgentEntity.create({ agentId, email, firstName: data.firstName, lastName: data.lastName, organisationIds: [data.organisationId], serviceIds: data.serviceIds, role: data.role }).go();
  } else if (!existing.organisationIds.includes(data.organisationId)) {
    await AgentEntity.patch({ agentId }).append({ organisationIds: [data.organisationId] }).go();
  }
  await MembershipEntity.put({ agentId, organisationId: data.organisationId, role: data.role, serviceIds: data.serviceIds }).go();
  const token = newToken();
  await InvitationEntity.create({ tokenHash: sha256(token), agentId, invitedBy: ctx.agentId, expiresAt: Math.floor(now.getTime() / 1000) + INVITATION_DAYS * 86400 }).go();
  const link = `${Settings.publicUrl()}/agent/invitation/${token}`;
  await (await Email.current()).send({
    to: email,
    subject: "Invitation à RDV, l'agenda des services du département",
    text: `Bonjour ${data.firstName},\n\n${ctx.firstName} ${ctx.lastName} vous invite à utiliser RDV pour gérer vos rendez-vous.\nChoisissez votre mot de passe avec ce lien, valable ${INVITATION_DAYS} jours :\n${link}\n\nSi vous n'attendiez pas cette invitation, ignorez ce message.`,
  });
  return { agentId };
}

/** POST /v1/agent/auth/invitation: sets the password (once) and signs in. */
export async function acceptInvitation(input: unknown, now: Date) {
  const parsed = AcceptInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const problem = passwordProblem(parsed.data.password);
  if (problem) throw new ValidationError({ password: problem });
  const invitation = (await InvitationEntity.get({ tokenHash: sha256(parsed.data.token) }).go()).data;
  if (!invitation || invitation.expiresAt * 1000 <= now.getTime()) {
    throw new DomainError("auth.invitation_invalid", "not_found", "Ce lien d'invitation n'est plus valable : demandez-en un nouveau.");
  }
  await AgentEntity.patch({ agentId: invitation.agentId }).set({ passwordHash: await hashPassword(parsed.data.password) }).go();
  await InvitationEntity.delete({ tokenHash: sha256(parsed.data.token) }).go();
  return openSession(invitation.agentId, now);
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


/** Sets an agent's password directly (local demo accounts only; agents use invitations). */
export async function setPassword(agentId: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new ValidationError({ password: problem });
  await AgentEntity.patch({ agentId }).set({ passwordHash: await hashPassword(password) }).go();
}

/** The agent's memberships with their organisations' names (one batch read). */
export async function describeMemberships(ctx: AgentContext): Promise<Array<Membership & { organisationName: string }>> {
  const organisations = ctx.memberships.length
    ? (await OrganisationEntity.get(ctx.memberships.map(({ organisationId }) => ({ organisationId }))).go()).data
    : [];
  return ctx.memberships.map((m) => ({ ...m, organisationName: organisations.find((o) => o.organisationId === m.organisationId)?.name ?? m.organisationId }));
}
