import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type * as OpenIdClient from "openid-client";
import * as z from "zod";
import * as Agent from "../agent";
import { transact } from "../db/transact";
import { isConditionFailure } from "../db/condition";
import { DomainError } from "../error";
import * as RateLimit from "../rate-limit";
import type { ProConnectSettings } from "../schema";
import * as Settings from "../settings";
import { fn } from "../validate";
import { newToken, sha256 } from "./invitation";
import { OidcAttemptEntity, OidcLinkEntity } from "./session.entity";
import { normaliseEmail } from "./sign-in-limits";

/**
 * ProConnect sign-in (OpenID Connect, authorisation code with PKCE, `state` and `nonce`) through
 * `openid-client`: discovery, the authorisation URL, the code exchanged and the ID token checked.
 * What the callback checks against is kept server-side (`OidcAttemptEntity`), found by the
 * attempt id of an httpOnly cookie, and used once. Accounts are matched on the provider's `sub`
 * once linked, and the first time on a verified e-mail; nobody gets an account this way.
 */

/** How long a started sign-in may take at the provider. */
export const ATTEMPT_MINUTES = 10;
/** Sign-ins started per client (address) in 10 minutes: each writes an item. */
export const STARTS_PER_CLIENT = 30;
export const CALLBACK_PATH = "/v1/agent/auth/oidc/callback";

export type OidcErrorCode =
  | "auth.oidc_disabled"
  | "auth.oidc_unavailable"
  | "auth.oidc_failed"
  | "auth.oidc_unknown_account"
  | "auth.oidc_email_unverified"
  | "auth.oidc_other_identity"
  | "auth.account_deactivated";

export class OidcSignInError extends DomainError {
  constructor(code: OidcErrorCode, message: string, kind: "unauthorized" | "forbidden" | "not_found" | "conflict" | "unavailable" = "unauthorized") {
    super(code, kind, message);
    this.name = "OidcSignInError";
  }
}

const failed = () => new OidcSignInError("auth.oidc_failed", "La connexion avec ProConnect n'a pas abouti ou a expiré : merci de recommencer.");

/** The provider cannot be reached (network, timeout) or its discovery document is unreadable. */
function unreachable(error: unknown): OidcSignInError {
  console.warn(JSON.stringify({ level: "warn", msg: "oidc provider unreachable", name: (error as Error)?.name, code: (error as { code?: unknown })?.code }));
  return new OidcSignInError("auth.oidc_unavailable", "ProConnect ne répond pas pour le moment : merci de réessayer dans quelques minutes.", "unavailable");
}
const isNetworkError = (error: unknown) => error instanceof TypeError || (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"));

export function settings(): ProConnectSettings {
  const proConnect = Settings.get().proConnect;
  if (!proConnect) throw new OidcSignInError("auth.oidc_disabled", "La connexion avec ProConnect n'est pas ouverte sur ce service.", "not_found");
  return proConnect;
}

/** The redirect URI to register at the provider: the site's own origin, which relays /v1/… to the API. */
export function redirectUri(): string {
  return `${Settings.publicUrl()}${CALLBACK_PATH}`;
}

let secretLoading: Promise<string> | undefined;

/**
 * The client secret: `RDV_OIDC_CLIENT_SECRET` locally; on AWS read once per container from
 * Secrets Manager (`RDV_OIDC_CLIENT_SECRET_ARN`), which only the callback's function may read.
 */
export function clientSecret(secrets?: SecretsManagerClient): Promise<string> {
  const value = process.env.RDV_OIDC_CLIENT_SECRET;
  if (value) return Promise.resolve(value);
  const arn = process.env.RDV_OIDC_CLIENT_SECRET_ARN;
  if (!arn) return Promise.reject(new Error("RDV_OIDC_CLIENT_SECRET or RDV_OIDC_CLIENT_SECRET_ARN must be set for ProConnect"));
  secretLoading ??= (async () => {
    const { GetSecretValueCommand, SecretsManagerClient } = await import("@aws-sdk/client-secrets-manager");
    const result = await (secrets ?? new SecretsManagerClient({})).send(new GetSecretValueCommand({ SecretId: arn }));
    if (!result.SecretString) throw new Error("the ProConnect client secret is empty");
    process.env.RDV_OIDC_CLIENT_SECRET = result.SecretString;
    return result.SecretString;
  })().finally(() => {
    secretLoading = undefined;
  });
  return secretLoading;
}

/** Loaded on first use: only the ProConnect routes need it, not every agent route's cold start. */
const openid = () => import("openid-client");

const configurations = new Map<string, Promise<OpenIdClient.Configuration>>();

/** The provider's discovery document, read once per container (and again after a failure). */
function configuration(proConnect: ProConnectSettings, secret?: string): Promise<OpenIdClient.Configuration> {
  const key = JSON.stringify([proConnect.issuer, proConnect.clientId, secret ?? ""]);
  let found = configurations.get(key);
  if (!found) {
    const insecure = new URL(proConnect.issuer).protocol === "http:"; // the local provider only
    found = openid().then((client) => client.discovery(new URL(proConnect.issuer), proConnect.clientId, secret, undefined, {
      timeout: 5,
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
    }));
    found = found.catch((error: unknown) => {
      configurations.delete(key);
      throw unreachable(error);
    });
    configurations.set(key, found);
  }
  return found;
}

/** A back-office page to open after sign-in; anything else is the agenda. */
export function safeNext(value: unknown): string {
  const next = typeof value === "string" ? value : "";
  return /^\/agent(\/|\?|$)/.test(next) && !next.startsWith("/agent/connexion") && next.length <= 300 && !/[\\\s]/.test(next) ? next : "/agent";
}

/**
 * GET /v1/agent/auth/oidc/start: a new attempt, stored, and the provider's authorisation URL.
 * The returned `attemptId` goes into an httpOnly cookie (only its hash is stored).
 */
export async function start(next: unknown, now: Date, clientKey: string | undefined): Promise<{ url: string; attemptId: string; maxAgeSeconds: number }> {
  const proConnect = settings();
  if (clientKey) {
    const taken = await RateLimit.take({ key: `oidc-start#${clientKey}`, limit: STARTS_PER_CLIENT, windowSeconds: 600 }, now);
    if (!taken.granted) {
      throw new RateLimit.RateLimitedError("limit.oidc_starts", "Trop de tentatives de connexion en peu de temps : merci de patienter quelques minutes.", taken.retryAfterSeconds);
    }
  }
  const [client, config] = await Promise.all([openid(), configuration(proConnect)]);
  const attemptId = newToken();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await OidcAttemptEntity.create({
    attemptHash: sha256(attemptId),
    state,
    nonce,
    codeVerifier,
    next: safeNext(next),
    expiresAt: Math.floor(now.getTime() / 1000) + ATTEMPT_MINUTES * 60,
  }).go();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(),
    scope: proConnect.scope,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { url: url.href, attemptId, maxAgeSeconds: ATTEMPT_MINUTES * 60 };
}

/** Takes the attempt (it serves once): a missing, used or expired attempt is a failed sign-in. */
async function takeAttempt(attemptId: string | undefined, now: Date) {
  if (!attemptId || attemptId.length > 100) throw failed();
  try {
    const { data } = await OidcAttemptEntity.delete({ attemptHash: sha256(attemptId) })
      .where((attr, op) => op.exists(attr.attemptHash))
      .go({ response: "all_old" });
    if (!data || data.expiresAt * 1000 <= now.getTime()) throw failed();
    return data;
  } catch (error) {
    if (isConditionFailure(error)) throw failed();
    throw error;
  }
}

/** What the provider says about the person once the ID token is checked. */
export const OidcIdentity = z.object({
  issuer: z.string().min(1).max(500),
  sub: z.string().min(1).max(255),
  email: z.string().max(320).optional(),
  emailVerified: z.boolean(),
});
export type OidcIdentity = z.infer<typeof OidcIdentity>;

const claimString = (value: unknown) => (typeof value === "string" ? value : undefined);

/**
 * GET /v1/agent/auth/oidc/callback: the provider's answer (`callbackUrl`, with `code` and
 * `state`) checked with the attempt's state, nonce and PKCE verifier, the code exchanged, the ID
 * token verified; then the e-mail from the ID token or the userinfo endpoint. Returns the
 * identity and the page to open; any failure of the exchange is `auth.oidc_failed`.
 */
export async function complete(attemptId: string | undefined, callbackUrl: URL, now: Date): Promise<{ identity: OidcIdentity; next: string }> {
  const proConnect = settings();
  const attempt = await takeAttempt(attemptId, now);
  const client = await openid();
  try {
    const config = await configuration(proConnect, await clientSecret());
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw failed();
    const info: Record<string, unknown> = tokens.access_token ? await client.fetchUserInfo(config, tokens.access_token, claims.sub) : {};
    const email = claimString(info.email) ?? claimString(claims.email);
    const verified = (info.email_verified ?? claims.email_verified) === true;
    return { identity: { issuer: claims.iss, sub: claims.sub, email, emailVerified: verified }, next: attempt.next };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (isNetworkError(error)) throw unreachable(error);
    if (error instanceof client.ClientError || error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError || error instanceof client.WWWAuthenticateChallengeError) {
      console.warn(JSON.stringify({ level: "warn", msg: "oidc sign-in refused", name: error.name, code: (error as { code?: unknown }).code }));
      throw failed();
    }
    throw error;
  }
}

/** Deactivated accounts never sign in (see Agent.isActive). */
export function isDeactivated(agent: { deactivatedAt?: string }): boolean {
  return !Agent.isActive(agent);
}

const unknownAccount = () =>
  new OidcSignInError("auth.oidc_unknown_account", "Aucun compte RDV n'est associé à cette identité ProConnect. Demandez à l'administrateur de votre organisation de vous inviter.", "forbidden");
const deactivated = () => new OidcSignInError("auth.account_deactivated", "Ce compte RDV a été désactivé. Adressez-vous à l'administrateur de votre organisation.", "forbidden");

/**
 * The agent an identity signs in as: the one linked to its `sub`; else, the first time, the
 * account with its e-mail if the provider says the e-mail is verified — the link is then stored,
 * on condition that neither the identity nor the account is linked already (two racing first
 * sign-ins link once). Never creates an account.
 */
export const agentFor = fn(OidcIdentity, async (identity, now: Date): Promise<string> => {
  const link = (await OidcLinkEntity.get({ issuer: identity.issuer, sub: identity.sub }).go({ consistent: true })).data;
  if (link) {
    const agent = await Agent.get(link.agentId);
    if (!agent) throw unknownAccount();
    if (isDeactivated(agent)) throw deactivated();
    return agent.agentId;
  }
  if (!identity.email) throw unknownAccount();
  if (!identity.emailVerified) {
    throw new OidcSignInError("auth.oidc_email_unverified", "Votre adresse e-mail n'est pas vérifiée par ProConnect : nous ne pouvons pas la rapprocher d'un compte RDV.", "forbidden");
  }
  const agent = await Agent.byEmail(normaliseEmail(identity.email));
  if (!agent) throw unknownAccount();
  if (isDeactivated(agent)) throw deactivated();
  const otherIdentity = () =>
    new OidcSignInError("auth.oidc_other_identity", "Ce compte RDV est déjà associé à une autre identité ProConnect. Adressez-vous à l'administrateur de votre organisation.", "conflict");
  const subject = `${identity.issuer} ${identity.sub}`;
  // linked meanwhile by this same identity's other sign-in (both items are written together)
  if (agent.oidcSubject === subject) return agent.agentId;
  if (agent.oidcSubject) throw otherIdentity();
  return transact(async () => ({
    write: ({ oidcLink, agent: agents }) => ({
      items: [
        oidcLink.create({ issuer: identity.issuer, sub: identity.sub, agentId: agent.agentId, linkedAt: now.toISOString() }).commit(),
        agents
          .patch({ agentId: agent.agentId })
          .set({ oidcSubject: subject })
          .where((attr, op) => op.notExists(attr.oidcSubject))
          .commit(),
      ],
    }),
    committed: () => agent.agentId,
    cancelled: async (reasons) => {
      if (!reasons.some((reason) => reason.code === "ConditionalCheckFailed")) return undefined;
      // the same person's other first sign-in linked it meanwhile: the same account
      const linked = (await OidcLinkEntity.get({ issuer: identity.issuer, sub: identity.sub }).go({ consistent: true })).data;
      if (linked?.agentId === agent.agentId) return agent.agentId;
      throw otherIdentity();
    },
  }));
});
