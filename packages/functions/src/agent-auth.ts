import * as Clock from "@rdv/core/clock";
import * as Session from "@rdv/core/session";
import { NotFoundError } from "@rdv/core/error";
import { agentRoute, clearedCookies, cookie, SESSION_COOKIE, sessionCookies } from "./agent-middleware";
import { route } from "./middleware";

async function me(ctx: Session.AgentContext) {
  const { agentId, firstName, lastName, email, organisationId, csrfToken } = ctx;
  return { id: agentId, firstName, lastName, email, organisationId, memberships: await Session.describeMemberships(ctx), csrfToken };
}

/** POST /v1/agent/auth/sign-in {email, password} */
export const signIn = route(async ({ body }) => {
  const session = await Session.signIn(body, Clock.now());
  return { body: { csrfToken: session.csrfToken }, cookies: sessionCookies(session) };
});

/** POST /v1/agent/auth/invitation {token, password}: sets the password and signs in */
export const acceptInvitation = route(async ({ body }) => {
  const session = await Session.acceptInvitation(body, Clock.now());
  return { body: { csrfToken: session.csrfToken }, cookies: sessionCookies(session) };
});

/** POST /v1/agent/auth/sign-out */
export const signOut = route(async ({ event }) => {
  await Session.signOut(cookie(event, SESSION_COOKIE));
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
