import * as z from "zod";
import * as Agent from "../agent";
import * as Audit from "../audit";
import { transact } from "../db/transact";
import * as Email from "../email";
import { DomainError, ValidationError } from "../error";
import * as RateLimit from "../rate-limit";
import { Email as EmailSchema } from "../schema/common";
import * as Settings from "../settings";
import { fn } from "../validate";
import { newToken, sha256 } from "./invitation";
import { hashPassword, passwordProblem } from "./password";
import { PasswordResetEntity } from "./session.entity";
import { emailHash, normaliseEmail } from "./sign-in-limits";

/**
 * Password reset by e-mail. Asking always gets the same answer (202), whether an account has the
 * address or not; links are e-mailed at most `perAddressPerHour` times an hour per address and
 * `perClientPerHour` per client (over the limit nothing is sent, the answer is the same). A link
 * is valid `minutes`, used once; choosing the new password ends every other session of the agent.
 */
export const PASSWORD_RESET = { minutes: 60, perAddressPerHour: 3, perClientPerHour: 20 } as const;

export const PasswordResetRequestInput = z.object({ email: EmailSchema });
export const PasswordResetInput = z.object({ token: z.string().min(20).max(100), password: z.string().max(200) });

const HOUR = 3600;

/** POST /v1/agent/auth/password-reset {email}: e-mails a link when an active account has the address. */
export const requestPasswordReset = fn(PasswordResetRequestInput, async (input, now: Date, client: string | undefined): Promise<void> => {
  const email = normaliseEmail(input.email);
  const byAddress = await RateLimit.take({ key: `password-reset#${emailHash(email)}`, limit: PASSWORD_RESET.perAddressPerHour, windowSeconds: HOUR }, now);
  if (!byAddress.granted) return;
  if (client) {
    const byClient = await RateLimit.take({ key: `password-reset-client#${client}`, limit: PASSWORD_RESET.perClientPerHour, windowSeconds: HOUR }, now);
    if (!byClient.granted) return;
  }
  const agent = await Agent.byEmail(email);
  // a deactivated account gets no link: it could not sign in with it
  if (!agent || !Agent.isActive(agent)) return;
  const token = newToken();
  await PasswordResetEntity.create({
    tokenHash: sha256(token),
    agentId: agent.agentId,
    sessionVersion: agent.sessionVersion ?? 0,
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + PASSWORD_RESET.minutes * 60,
  }).go();
  await Audit.recordAccountEvents([{ subject: `agent#${agent.agentId}`, action: "password_reset.requested", agentId: agent.agentId, client }], now);
  await (await Email.current()).send({
    to: email,
    subject: "Réinitialisation de votre mot de passe RDV",
    text: `Bonjour ${agent.firstName},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien, valable 1 heure et une seule fois :\n${Settings.publicUrl()}/agent/mot-de-passe/${token}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.`,
  });
});

const linkInvalid = () => new DomainError("auth.reset_invalid", "not_found", "Ce lien n'est plus valable : demandez-en un nouveau depuis « Mot de passe oublié ? ».");

async function validLink(token: unknown, now: Date) {
  if (typeof token !== "string" || token.length < 20 || token.length > 100) throw linkInvalid();
  const link = (await PasswordResetEntity.get({ tokenHash: sha256(token) }).go({ consistent: true })).data;
  if (!link || link.expiresAt * 1000 <= now.getTime()) throw linkInvalid();
  // asked before a deactivation or another reset: void (the reset's transaction checks it again)
  const agent = await Agent.get(link.agentId, { consistent: true });
  if (!agent || !Agent.isActive(agent) || (agent.sessionVersion ?? 0) !== link.sessionVersion) throw linkInvalid();
  return link;
}

/** GET /v1/agent/auth/password-reset/{token}: whether the link can still be used (404 otherwise). */
export async function describePasswordReset(token: unknown, now: Date): Promise<{ valid: true; expiresAt: string }> {
  const link = await validLink(token, now);
  return { valid: true, expiresAt: new Date(link.expiresAt * 1000).toISOString() };
}

/**
 * POST /v1/agent/auth/password-reset/confirm {token, password}: sets the new password, in one
 * transaction that uses the link (deleted on condition it is still there and unexpired) and moves
 * the account's `sessionVersion` on (every session opened before is over). Returns the agent, for
 * the caller to open the new session.
 */
export const resetPassword = fn(PasswordResetInput, async (input, now: Date): Promise<{ agentId: string }> => {
  const link = await validLink(input.token, now);
  const problem = passwordProblem(input.password);
  if (problem) throw new ValidationError({ password: problem });
  const passwordHash = await hashPassword(input.password);
  const tokenHash = sha256(input.token);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  await transact(async () => ({
    write: (e) => ({
      items: [
        e.passwordReset
          .delete({ tokenHash })
          .where((attr, op) => `${op.exists(attr.tokenHash)} AND ${op.gt(attr.expiresAt, nowSeconds)}`)
          .commit(),
        // a link asked before a deactivation or another reset is void
        e.agent
          .patch({ agentId: link.agentId })
          .set({ passwordHash, sessionVersion: link.sessionVersion + 1 })
          .where((attr, op) => `${op.notExists(attr.deactivatedAt)} AND ${link.sessionVersion === 0 ? `(${op.notExists(attr.sessionVersion)} OR ${op.eq(attr.sessionVersion, 0)})` : op.eq(attr.sessionVersion, link.sessionVersion)}`)
          .commit(),
        e.accountAudit
          .create({ subject: `agent#${link.agentId}`, auditId: sha256(`${tokenHash}#used`), at: now.toISOString(), action: "password_reset.done", agentId: link.agentId, expiresAt: Audit.accountEventExpiry(now) })
          .commit(),
      ],
    }),
    committed: () => undefined,
    cancelled: (reasons) => {
      if (reasons.some((reason) => reason.code === "ConditionalCheckFailed")) throw linkInvalid();
      return undefined;
    },
  }));
  return { agentId: link.agentId };
});
