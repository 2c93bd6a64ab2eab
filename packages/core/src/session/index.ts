import { fn } from "../validate";
import { randomBytes } from "node:crypto";
import * as z from "zod";
import * as Agent from "../agent";
import * as Organisation from "../organisation";
import { DomainError, ValidationError } from "../error";
import { Email as EmailSchema } from "../schema/common";
import { hashPassword, passwordProblem, verifyPassword } from "./password";
import { newToken, sha256 } from "./invitation";
import { InvitationEntity, SessionEntity } from "./session.entity";
import { resetPassword } from "./password-reset";
import * as SignInLimits from "./sign-in-limits";
import { transact } from "../db/transact";
import * as Settings from "../settings";
import * as Oidc from "./oidc";
import { ForbiddenError, UnauthorizedError, type AgentContext, type Membership } from "./access";

export { hashPassword, verifyPassword } from "./password";
export { accountAccess, INVITATION_DAYS, invite, inviteAccount, InviteInput, inviteNewAccounts, pendingInvitationsOf, resendInvitation, type AccountAccess } from "./invitation";
export { describePasswordReset, PASSWORD_RESET, PasswordResetInput, PasswordResetRequestInput, requestPasswordReset } from "./password-reset";
export { SIGN_IN_LIMITS } from "./sign-in-limits";
export { CALLBACK_PATH as OIDC_CALLBACK_PATH, OidcIdentity, OidcSignInError, redirectUri as oidcRedirectUri, safeNext } from "./oidc";

export const SESSION_HOURS = 10;

export { assertAdmin, canSee, ForbiddenError, UnauthorizedError, visibleServices, type AgentContext, type Membership, type Role } from "./access";


export const SignInInput = z.object({ email: EmailSchema, password: z.string().min(1, "obligatoire").max(200) });
export const AcceptInput = z.object({ token: z.string().min(20).max(100), password: z.string().max(200) });


export const deactivatedError = () => new DomainError("auth.deactivated", "forbidden", "Votre compte est désactivé : adressez-vous à un administrateur de votre organisation.");

/**
 * Opens a session for an agent whose identity was just proven (password, invitation, reset link,
 * or another provider): refused for a deactivated account. The session carries the account's
 * `sessionVersion`; the sign-in is recorded on the account (the team page's last sign-in).
 */
export async function openSession(agentId: string, now: Date, organisationId?: string) {
  const { agent, memberships: records } = await Agent.withMemberships(agentId, { consistent: true });
  if (!agent) throw new UnauthorizedError();
  if (!Agent.isActive(agent)) throw deactivatedError();
  const list = records.map(({ organisationId, role, serviceIds }) => ({ organisationId, role, serviceIds }));
  const first = organisationId && list.some((m) => m.organisationId === organisationId) ? organisationId : list[0]?.organisationId;
  if (!first) throw new ForbiddenError("Votre compte n'est rattaché à aucune organisation.");
  const token = newToken();
  const csrfToken = newToken();
  await SessionEntity.create({
    tokenHash: sha256(token),
    agentId,
    csrfToken,
    organisationId: first,
    sessionVersion: agent.sessionVersion ?? 0,
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + SESSION_HOURS * 3600,
  }).go();
  await Agent.recordSignIn(agentId, now);
  return { sessionToken: token, csrfToken, maxAgeSeconds: SESSION_HOURS * 3600 };
}

const badCredentials = () => new DomainError("auth.invalid_credentials", "unauthorized", "Adresse e-mail ou mot de passe incorrect.");

/** Hashed with scrypt like a real one, so an unknown account costs the same time as a known one. */
const NO_PASSWORD = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/**
 * Checks an account's password within the sign-in limits (see sign-in-limits.ts): a 429 when
 * the account or the client is locked or slowed down, whether the account exists or not.
 * Returns the agent when the password is right, null otherwise (the failure counted and audited).
 */
async function checkPassword(email: string, password: string, client: string | undefined, now: Date) {
  const attempt = await SignInLimits.begin(email, client, now);
  const agent = await Agent.byEmail(SignInLimits.normaliseEmail(email));
  // the same work whether the account exists or not, so timing tells nothing
  const ok = await verifyPassword(password, agent?.passwordHash ?? NO_PASSWORD);
  if (agent?.passwordHash && ok) {
    await SignInLimits.succeeded(attempt, now);
    return agent;
  }
  await SignInLimits.failed(attempt, now, agent?.agentId);
  return null;
}

/** How agents sign in on this stage (the sign-in page shows what is open). */
export function signInMethods(): { password: boolean; proConnect: boolean } {
  const settings = Settings.get();
  return { password: settings.passwordSignIn, proConnect: Boolean(settings.proConnect) };
}

/** POST /v1/agent/auth/sign-in; `client` is the client's counter key (`Limits.clientKey`), for the per-client limits. */
export const signIn = fn(SignInInput, async (input, now: Date, client: string | undefined) => {
  if (!Settings.get().passwordSignIn) {
    throw new DomainError("auth.password_disabled", "forbidden", "La connexion par mot de passe n'est pas ouverte sur ce service : connectez-vous avec ProConnect.");
  }
  const agent = await checkPassword(input.email, input.password, client, now);
  if (!agent) throw badCredentials();
  return openSession(agent.agentId, now);
});

/** GET /v1/agent/auth/oidc/start: the provider's authorisation URL and the attempt's id (for an httpOnly cookie). */
export const startOidc = Oidc.start;

/**
 * GET /v1/agent/auth/oidc/callback: the provider's answer checked against the attempt (used
 * once), the account matched (`Oidc.agentFor`), and a session opened as a password sign-in does.
 */
export async function completeOidc(attemptId: string | undefined, callbackUrl: URL, now: Date) {
  const { identity, next } = await Oidc.complete(attemptId, callbackUrl, now);
  const agentId = await Oidc.agentFor(identity, now);
  return { ...(await openSession(agentId, now)), next };
}

/** The agent behind a session cookie, or a 401. */
export async function fromToken(token: string | undefined, now: Date): Promise<AgentContext> {
  if (!token || token.length > 100) throw new UnauthorizedError();
  const session = (await SessionEntity.get({ tokenHash: sha256(token) }).go()).data;
  if (!session || session.expiresAt * 1000 <= now.getTime()) throw new UnauthorizedError("Votre session a expiré : merci de vous reconnecter.");
  // the agent and their memberships share a partition: one query, strongly consistent, so a
  // deactivation, a password reset or a removal is seen by the very next request
  const { agent, memberships: records } = await Agent.withMemberships(session.agentId, { consistent: true });
  const list: Membership[] = records.map(({ organisationId, role, serviceIds }) => ({ organisationId, role, serviceIds }));
  if (!agent || !list.some((m) => m.organisationId === session.organisationId)) throw new UnauthorizedError();
  if (!Agent.isActive(agent) || (session.sessionVersion ?? 0) !== (agent.sessionVersion ?? 0)) {
    throw new UnauthorizedError("Votre session a pris fin : merci de vous reconnecter.");
  }
  return {
    agentId: agent.agentId,
    firstName: agent.firstName,
    lastName: agent.lastName,
    email: agent.email,
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

/** Ends the session if `csrfToken` is its own (403 otherwise); an unknown or expired session is already over. */
export async function signOut(token: string | undefined, csrfToken: string, now: Date): Promise<void> {
  if (!token || token.length > 100) return;
  const session = (await SessionEntity.get({ tokenHash: sha256(token) }).go()).data;
  if (!session || session.expiresAt * 1000 <= now.getTime()) return;
  if (session.csrfToken !== csrfToken) throw new ForbiddenError("Jeton de sécurité manquant ou invalide : rechargez la page.");
  await SessionEntity.delete({ tokenHash: sha256(token) }).go();
}

const invitationInvalid = () => new DomainError("auth.invitation_invalid", "not_found", "Ce lien d'invitation n'est plus valable : demandez-en un nouveau.");

async function pendingInvitation(token: unknown, now: Date) {
  if (typeof token !== "string" || token.length < 20 || token.length > 100) throw invitationInvalid();
  const invitation = (await InvitationEntity.get({ tokenHash: sha256(token) }).go({ consistent: true })).data;
  if (!invitation || invitation.expiresAt * 1000 <= now.getTime()) throw invitationInvalid();
  return invitation;
}

/**
 * GET /v1/agent/auth/invitation/{token}: what the link's page shows. Only the holder of the link
 * (the owner of the address) learns whether the address already has an account, and so whether
 * to choose a password or confirm with their own.
 */
export async function describeInvitation(token: unknown, now: Date) {
  const invitation = await pendingInvitation(token, now);
  if (!invitation.email || !invitation.organisationId) return { organisationName: null, account: "new" as const };
  const [agent, organisation] = await Promise.all([
    Agent.byEmail(invitation.email),
    Organisation.get(invitation.organisationId),
  ]);
  return { organisationName: organisation?.name ?? null, account: agent?.passwordHash ? ("existing" as const) : ("new" as const) };
}

/**
 * POST /v1/agent/auth/invitation {token, password}: joins the organisation and signs in. A new
 * address (or an account that never chose a password) chooses its password here; an account
 * with a password confirms with it (within the sign-in limits) and keeps it.
 */
export const acceptInvitation = fn(AcceptInput, async (input, now: Date, client: string | undefined) => {
  const invitation = await pendingInvitation(input.token, now);
  const tokenHash = sha256(input.token);
  const { email, organisationId, role, serviceIds } = invitation;
  if (!email || !organisationId || !role || !serviceIds) return acceptLegacyInvitation(invitation.agentId, tokenHash, input.password, now);

  const existing = await Agent.byEmail(email);
  let agentId: string;
  let passwordHash: string | undefined;
  if (existing?.passwordHash) {
    const agent = await checkPassword(email, input.password, client, now);
    if (!agent) throw new DomainError("auth.invalid_credentials", "unauthorized", "Mot de passe incorrect : saisissez celui de votre compte RDV.", { password: "mot de passe incorrect" });
    agentId = agent.agentId;
  } else {
    const problem = passwordProblem(input.password);
    if (problem) throw new ValidationError({ password: problem });
    passwordHash = await hashPassword(input.password);
    agentId = existing?.agentId ?? `agent-${randomBytes(8).toString("hex")}`;
  }
  return transact(async () => ({
    write: ({ invitation: invitations, agent, membership }) => ({
      items: [
        // used once: a second acceptance finds it gone and grants nothing
        invitations.delete({ tokenHash }).where((attr, op) => op.exists(attr.tokenHash)).commit(),
        existing
          ? agent
              .patch({ agentId })
              .set(passwordHash ? { passwordHash } : {})
              .append(existing.organisationIds.includes(organisationId) ? {} : { organisationIds: [organisationId] })
              .commit()
          : agent.create({ agentId, email, firstName: invitation.firstName ?? "", lastName: invitation.lastName ?? "", organisationIds: [organisationId], serviceIds, role, passwordHash }).commit(),
        membership.put({ agentId, organisationId, role, serviceIds }).commit(),
      ],
    }),
    committed: () => openSession(agentId, now, organisationId),
    cancelled: (reasons) => {
      if (reasons[0]?.code === "ConditionalCheckFailed") throw invitationInvalid();
      return undefined;
    },
  }));
});

/** Invitations written before acceptance granted the membership: they only set the password. */
async function acceptLegacyInvitation(agentId: string | undefined, tokenHash: string, password: string, now: Date) {
  if (!agentId) throw invitationInvalid();
  const problem = passwordProblem(password);
  if (problem) throw new ValidationError({ password: problem });
  await Agent.setPasswordHash(agentId, await hashPassword(password));
  await InvitationEntity.delete({ tokenHash }).go();
  return openSession(agentId, now);
}

/** Sets an agent's password directly (local demo accounts only; agents use invitations). */
export async function setPassword(agentId: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new ValidationError({ password: problem });
  await Agent.setPasswordHash(agentId, await hashPassword(password));
}

/** The agent's memberships with their organisations' names (one batch read). */
export async function describeMemberships(ctx: AgentContext): Promise<Array<Membership & { organisationName: string }>> {
  const organisations = await Organisation.getMany(ctx.memberships.map(({ organisationId }) => organisationId));
  return ctx.memberships.map((m) => ({ ...m, organisationName: organisations.find((o) => o.organisationId === m.organisationId)?.name ?? m.organisationId }));
}

/**
 * POST /v1/agent/auth/password-reset/confirm {token, password}: the new password is set (the link
 * used, every other session over) and a new session opens.
 */
export async function completePasswordReset(input: unknown, now: Date) {
  const { agentId } = await resetPassword(input, now);
  return openSession(agentId, now);
}
