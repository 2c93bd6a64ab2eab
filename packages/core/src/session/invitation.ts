import { createHash, randomBytes } from "node:crypto";
import * as z from "zod";
import * as Agent from "../agent";
import * as Audit from "../audit";
import { transact } from "../db/transact";
import * as Department from "../department";
import * as Email from "../email";
import { ConflictError, NotFoundError, ValidationError } from "../error";
import * as Organisation from "../organisation";
import { Email as EmailSchema, fieldErrors } from "../schema/common";
import * as Settings from "../settings";
import { ForbiddenError, type AgentContext } from "./access";
import { InvitationEntity } from "./session.entity";
import { normaliseEmail } from "./sign-in-limits";

/** How long an invitation link stays valid. */
export const INVITATION_DAYS = 7;

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
export const newToken = () => randomBytes(32).toString("base64url");

export const InviteInput = z.object({
  email: EmailSchema,
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  organisationId: z.string().min(1).max(80),
  serviceIds: z.array(z.string().min(1).max(80)).max(50),
  role: z.enum(["admin", "secretariat", "agent"]),
});

type Offer = z.output<typeof InviteInput> & { invitedBy: string };

const AUDITED_FIELDS = ["email", "firstName", "lastName", "role", "serviceIds"] as const;

/**
 * Stores an invitation (only its token's hash) with its entry in the organisation's journal, in
 * one transaction, and e-mails its link; returns the invitation. A link that could not be sent is
 * withdrawn, and the journal says so.
 */
async function sendInvitation(offer: Offer, now: Date, actor: Audit.Actor, message: (link: string) => { subject: string; text: string }) {
  const invitationId = `invitation-${randomBytes(8).toString("hex")}`;
  const token = newToken();
  const expiresAt = Math.floor(now.getTime() / 1000) + INVITATION_DAYS * 86400;
  const tokenHash = sha256(token);
  const journal = { organisationIds: [offer.organisationId], actor, subject: "invitation" as const, subjectId: invitationId, now };
  await transact(async () => ({
    write: (e) => ({
      items: [
        e.invitation.create({ tokenHash, invitationId, ...offer, expiresAt }).commit(),
        ...Audit.configWrites(e, { ...journal, action: "sent", changes: Audit.changes(null, offer, AUDITED_FIELDS) }),
      ],
    }),
    committed: () => undefined,
  }));
  try {
    await (await Email.current()).send({ to: offer.email, ...message(`${Settings.publicUrl()}/agent/invitation/${token}`) });
  } catch (error) {
    // a link nobody received must not count as a pending invitation
    await transact(async () => ({
      write: (e) => ({
        items: [e.invitation.delete({ tokenHash }).commit(), ...Audit.configWrites(e, { ...journal, action: "deleted", changes: { email: [offer.email, null] } })],
      }),
      committed: () => undefined,
    }));
    throw error;
  }
  return { invitationId, tokenHash, expiresAt };
}

/** Who sent an invitation from the operator's command line, in the organisation's journal. */
const operator = (command: string): Audit.Actor => ({ agentId: "operator", firstName: "Exploitation", lastName: `(${command})` });

/**
 * An admin of the organisation invites someone by e-mail to join it. Nothing is granted until the
 * link is accepted, and the answer is the same whether an account has that address or not (an
 * invitation id), so inviting tells the admin nothing about accounts outside their organisation.
 */
export async function invite(input: unknown, ctx: AgentContext, now: Date): Promise<{ invitationId: string }> {
  const parsed = InviteInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const data = parsed.data;
  if (!ctx.memberships.some((m) => m.organisationId === data.organisationId && m.role === "admin")) {
    throw new ForbiddenError("Seuls les administrateurs de l'organisation peuvent inviter des agents.");
  }
  const organisation = await Organisation.get(data.organisationId);
  // the same message for every address: whether an account exists is shown on the link's page only
  const { invitationId } = await sendInvitation({ ...data, email: normaliseEmail(data.email), invitedBy: ctx.agentId }, now, ctx, adminMessage(data.firstName, ctx, organisation?.name));
  return { invitationId };
}

const adminMessage = (firstName: string, ctx: AgentContext, organisationName: string | undefined) => (link: string) => ({
  subject: "Invitation à RDV, l'agenda des services du département",
  text: `Bonjour ${firstName},\n\n${ctx.firstName} ${ctx.lastName} vous invite à rejoindre ${organisationName ?? "son organisation"} sur RDV pour gérer vos rendez-vous.\nAcceptez l'invitation avec ce lien, valable ${INVITATION_DAYS} jours :\n${link}\n\nSi vous n'attendiez pas cette invitation, ignorez ce message.`,
});

/** An organisation's invitations whose link is still valid, oldest expiry first (an index: eventually consistent). */
export async function pendingInvitationsOf(organisationId: string, now: Date) {
  const found = await InvitationEntity.query.byOrganisation({ organisationId }).go({ pages: "all" });
  return found.data
    .filter((invitation) => invitation.expiresAt * 1000 > now.getTime() && invitation.invitationId && invitation.email && invitation.role && invitation.serviceIds)
    .map((invitation) => ({
      tokenHash: invitation.tokenHash,
      invitationId: invitation.invitationId!,
      email: invitation.email!,
      firstName: invitation.firstName ?? "",
      lastName: invitation.lastName ?? "",
      role: invitation.role!,
      serviceIds: invitation.serviceIds!,
      expiresAt: new Date(invitation.expiresAt * 1000).toISOString(),
    }))
    .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
}

/**
 * An admin sends a pending invitation of their organisation again: a new link, valid
 * `INVITATION_DAYS` days from now, replaces it (the old link stops working once the new one is
 * sent). Checked by the caller: `ctx` is an admin of the organisation.
 */
export async function resendInvitation(organisationId: string, invitationId: string, ctx: AgentContext, now: Date): Promise<void> {
  const pending = (await pendingInvitationsOf(organisationId, now)).find((invitation) => invitation.invitationId === invitationId);
  if (!pending) throw new NotFoundError("invitation.unknown", "Cette invitation n'est plus en attente.");
  const organisation = await Organisation.get(organisationId);
  const { email, firstName, lastName, role, serviceIds } = pending;
  await sendInvitation({ email, firstName, lastName, role, serviceIds, organisationId, invitedBy: ctx.agentId }, now, ctx, adminMessage(firstName, ctx, organisation?.name));
  await InvitationEntity.delete({ tokenHash: pending.tokenHash }).go();
}

/** Where an agent's account stands: a password chosen, an invitation pending (until `until`), or neither. */
export interface AccountAccess {
  agentId: string;
  email: string;
  state: "password" | "invited" | "none";
  /** the pending invitation's expiry (ISO instant) */
  until?: string;
}

/** The invitations to this address whose link is still valid (an index: eventually consistent, within a second). */
async function pendingFor(email: string, now: Date) {
  const found = await InvitationEntity.query.byEmail({ email }).go({ pages: "all" });
  return found.data.filter((invitation) => invitation.expiresAt * 1000 > now.getTime());
}

/** Where each of these agents' accounts stands (unknown ids are left out). */
export async function accountAccess(agentIds: readonly string[], now: Date): Promise<AccountAccess[]> {
  const agents = await Agent.getMany(agentIds);
  const byId = new Map(agents.map((agent) => [agent.agentId, agent]));
  const out: AccountAccess[] = [];
  for (const agentId of agentIds) {
    const agent = byId.get(agentId);
    if (!agent) continue;
    if (agent.passwordHash) {
      out.push({ agentId, email: agent.email, state: "password" });
      continue;
    }
    const latest = Math.max(0, ...(await pendingFor(agent.email, now)).map((invitation) => invitation.expiresAt));
    out.push(latest > 0 ? { agentId, email: agent.email, state: "invited", until: new Date(latest * 1000).toISOString() } : { agentId, email: agent.email, state: "none" });
  }
  return out;
}

/**
 * E-mails an agent of the table who has not chosen a password yet the link to choose one (valid
 * `INVITATION_DAYS` days), for the first organisation they belong to. A new link supersedes the
 * earlier ones: the pending invitations to that address for that organisation are revoked once
 * the new one is sent. `invitedBy` says who asked (the operator's command, in the audit of the item).
 */
export async function inviteAccount(emailInput: string, now: Date, invitedBy: string): Promise<{ agentId: string; email: string; expiresAt: string }> {
  const email = normaliseEmail(emailInput);
  const agent = await Agent.byEmail(email);
  if (!agent) throw new NotFoundError("agent.unknown", `Aucun agent n'a l'adresse ${email} dans cette base.`);
  if (agent.passwordHash) {
    throw new ConflictError("auth.password_already_set", `${email} a déjà choisi son mot de passe : il se connecte avec, une invitation ne servirait à rien.`);
  }
  const organisationId = agent.organisationIds[0];
  const membership = (await Agent.memberships(agent.agentId)).find((m) => m.organisationId === organisationId);
  if (!organisationId || !membership) throw new ConflictError("agent.no_organisation", `${email} n'est rattaché à aucune organisation.`);
  const [organisation, department, earlier] = await Promise.all([Organisation.get(organisationId), Department.get(), pendingFor(email, now)]);
  const offer = { email, firstName: agent.firstName, lastName: agent.lastName, organisationId, role: membership.role, serviceIds: membership.serviceIds, invitedBy };
  const sent = await sendInvitation(offer, now, operator(invitedBy), (link) => ({
    subject: "Votre compte RDV, l'agenda des services du département",
    text: `Bonjour ${agent.firstName},\n\nVotre compte sur RDV, l'agenda des services du département (${department.name}), est prêt pour ${organisation?.name ?? "votre organisation"}.\nChoisissez votre mot de passe avec ce lien, valable ${INVITATION_DAYS} jours :\n${link}\n\nSi vous n'attendiez pas ce message, ignorez-le.`,
  }));
  const superseded = earlier.filter((invitation) => invitation.organisationId === organisationId && invitation.tokenHash !== sent.tokenHash);
  if (superseded.length > 0) await InvitationEntity.delete(superseded.map(({ tokenHash }) => ({ tokenHash }))).go();
  return { agentId: agent.agentId, email, expiresAt: new Date(sent.expiresAt * 1000).toISOString() };
}

/**
 * After an import: invites those of these agents who have neither a password nor a pending
 * invitation. Stops at the first e-mail that cannot be sent (the error says why); those invited
 * before it stay invited, and running it again carries on.
 */
export async function inviteNewAccounts(
  agentIds: readonly string[],
  now: Date,
  options: { invitedBy: string; onInvited?: (invited: { email: string; expiresAt: string }) => void },
): Promise<{ invited: Array<{ agentId: string; email: string; expiresAt: string }>; skipped: AccountAccess[] }> {
  const access = await accountAccess(agentIds, now);
  const invited = [];
  for (const account of access.filter((a) => a.state === "none")) {
    const done = await inviteAccount(account.email, now, options.invitedBy);
    options.onInvited?.(done);
    invited.push(done);
  }
  return { invited, skipped: access.filter((account) => account.state !== "none") };
}
