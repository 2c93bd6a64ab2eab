import * as Clock from "@rdv/core/clock";
import * as Session from "@rdv/core/session";
import { DomainError, NotFoundError } from "@rdv/core/error";
import { clientOf } from "./client";
import { agentRoute, clearedCookies, cookie, SESSION_COOKIE, sessionCookies } from "./agent-middleware";
import { route } from "./middleware";

async function me(ctx: Session.AgentContext) {
  const { agentId, firstName, lastName, email, organisationId, csrfToken } = ctx;
  return { id: agentId, firstName, lastName, email, organisationId, memberships: await Session.describeMemberships(ctx), csrfToken };
}

/** POST /v1/agent/auth/sign-in {email, password} */
export const signIn = route(async ({ event, body }) => {
  const session = await Session.signIn(body, Clock.now(), clientOf(event));
  return { body: { csrfToken: session.csrfToken }, cookies: sessionCookies(session) };
});

/** GET /v1/agent/auth/methods: whether password sign-in and ProConnect are open on this stage */
export const methods = route(async () => ({ body: Session.signInMethods() }));

/** The ProConnect attempt's cookie: httpOnly, sent only to the OIDC routes, gone after the callback. */
export const OIDC_COOKIE = "rdv_oidc";
const OIDC_COOKIE_PATH = "/v1/agent/auth/oidc";
const clearedOidcCookie = `${OIDC_COOKIE}=; HttpOnly; Secure; SameSite=Lax; Path=${OIDC_COOKIE_PATH}; Max-Age=0`;
/** The site's page that explains, in French, why a ProConnect sign-in did not open a session. */
export const OIDC_ERROR_PAGE = "/agent/connexion/proconnect";

/** These routes are browser navigations: a refusal goes to the site's explanation page, not a JSON body. */
function refused(error: unknown) {
  // the database's own trouble stays an API error (503); every sign-in refusal has its page
  if (!(error instanceof DomainError) || !/^(auth|limit)\./.test(error.code)) throw error;
  return { statusCode: 302, headers: { location: `${OIDC_ERROR_PAGE}?erreur=${encodeURIComponent(error.code)}` }, cookies: [clearedOidcCookie] };
}

/** GET /v1/agent/auth/oidc/start?suite=/agent/…: to the provider, with the attempt in an httpOnly cookie */
export const oidcStart = route(async ({ event, query }) => {
  try {
    const attempt = await Session.startOidc(query.suite, Clock.now(), clientOf(event));
    return {
      statusCode: 302,
      headers: { location: attempt.url },
      cookies: [`${OIDC_COOKIE}=${attempt.attemptId}; HttpOnly; Secure; SameSite=Lax; Path=${OIDC_COOKIE_PATH}; Max-Age=${attempt.maxAgeSeconds}`],
    };
  } catch (error) {
    return refused(error);
  }
});

/** GET /v1/agent/auth/oidc/callback?code=…&state=…: the provider's answer; a session as a password sign-in opens, then the page asked for */
export const oidcCallback = route(async ({ event }) => {
  const callbackUrl = new URL(Session.oidcRedirectUri());
  callbackUrl.search = event.rawQueryString ?? "";
  try {
    const session = await Session.completeOidc(cookie(event, OIDC_COOKIE), callbackUrl, Clock.now());
    return { statusCode: 302, headers: { location: session.next }, cookies: [...sessionCookies(session), clearedOidcCookie] };
  } catch (error) {
    return refused(error);
  }
});

/** GET /v1/agent/auth/invitation/{token}: the organisation, and whether to choose a password or confirm one */
export const describeInvitation = route(async ({ event }) => ({ body: await Session.describeInvitation(event.pathParameters?.token, Clock.now()) }));

/** POST /v1/agent/auth/invitation {token, password}: joins the organisation (choosing or confirming the password) and signs in */
export const acceptInvitation = route(async ({ event, body }) => {
  const session = await Session.acceptInvitation(body, Clock.now(), clientOf(event));
  return { body: { csrfToken: session.csrfToken }, cookies: sessionCookies(session) };
});

/** POST /v1/agent/auth/password-reset {email}: always 202 (a link is e-mailed when an active account has the address, within the limits) */
export const requestPasswordReset = route(async ({ event, body }) => {
  await Session.requestPasswordReset(body, Clock.now(), clientOf(event));
  return { statusCode: 202, body: { ok: true } };
});

/** GET /v1/agent/auth/password-reset/{token}: 200 while the link can be used, 404 otherwise */
export const describePasswordReset = route(async ({ event }) => ({ body: await Session.describePasswordReset(event.pathParameters?.token, Clock.now()) }));

/** POST /v1/agent/auth/password-reset/confirm {token, password}: the new password; the agent's other sessions end, this one opens */
export const confirmPasswordReset = route(async ({ body }) => {
  const session = await Session.completePasswordReset(body, Clock.now());
  return { body: { csrfToken: session.csrfToken }, cookies: sessionCookies(session) };
});

/**
 * POST /v1/agent/auth/sign-out: a state change like the others, so it needs the session's CSRF
 * token (403 without it: another site must not be able to sign an agent out). Without a live
 * session there is nothing to protect: the cookies are cleared.
 */
export const signOut = route(async ({ event }) => {
  const token = cookie(event, SESSION_COOKIE);
  const csrf = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === "x-csrf-token")?.[1];
  if (!csrf) throw new Session.ForbiddenError("Jeton de sécurité manquant ou invalide : rechargez la page.");
  await Session.signOut(token, csrf, Clock.now());
  return { body: { ok: true }, cookies: clearedCookies };
});

/** GET /v1/agent/me */
export const show = agentRoute(async (_request, ctx) => ({ body: await me(ctx) }));

/** POST /v1/agent/me/organisation {organisationId} */
export const switchOrganisation = agentRoute(async ({ event, body }, _ctx, now) => ({
  body: await me(await Session.switchOrganisation(cookie(event, SESSION_COOKIE)!, (body as { organisationId?: unknown } | null)?.organisationId, now)),
}));

/** POST /v1/agent/invitations (organisation admins) */
export const invite = agentRoute(async ({ body }, ctx, now) => ({ statusCode: 201, body: await Session.invite(body, ctx, now) }));

/** ANY /v1/agent/{proxy+}: the session is checked before anything is said about the path. */
export const unknown = agentRoute(async () => {
  throw new NotFoundError("route.not_found", "Cette adresse n'existe pas.");
});
