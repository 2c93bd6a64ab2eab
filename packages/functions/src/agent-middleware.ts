import * as Clock from "@rdv/core/clock";
import * as Session from "@rdv/core/session";
import { route, type Handler, type HttpRequest, type HttpResponse } from "./middleware";

export const SESSION_COOKIE = "rdv_session";
export const CSRF_COOKIE = "rdv_csrf";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function cookie(event: { cookies?: string[] }, name: string): string | undefined {
  for (const entry of event.cookies ?? []) {
    const eq = entry.indexOf("=");
    if (eq > 0 && entry.slice(0, eq).trim() === name) return decodeCookieValue(entry.slice(eq + 1).trim());
  }
  return undefined;
}

/** A value that is not valid percent-encoding (`%E0%A4%A`) is no value: no session, a 401, never a crash. */
function decodeCookieValue(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

/** Session cookies: HttpOnly (not readable by scripts), Secure, SameSite=Lax; the CSRF token cookie is readable by the site's scripts. */
export function sessionCookies(session: { sessionToken: string; csrfToken: string; maxAgeSeconds: number }): string[] {
  return [
    `${SESSION_COOKIE}=${session.sessionToken}; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age=${session.maxAgeSeconds}`,
    `${CSRF_COOKIE}=${session.csrfToken}; Secure; SameSite=Lax; Path=/; Max-Age=${session.maxAgeSeconds}`,
  ];
}

export const clearedCookies = [
  `${SESSION_COOKIE}=; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age=0`,
  `${CSRF_COOKIE}=; Secure; SameSite=Lax; Path=/; Max-Age=0`,
];

/**
 * Agent routes: the session cookie names the agent (401 without it); state changes must carry
 * the session's CSRF token in the X-CSRF-Token header (403 otherwise: a cross-site form cannot
 * read it).
 */
export function agentRoute(fn: (request: HttpRequest, ctx: Session.AgentContext, now: Date) => Promise<HttpResponse>): Handler {
  const contexts = new WeakMap<object, Session.AgentContext>();
  return route(
    async (request) => {
      const ctx = contexts.get(request.event);
      if (!ctx) throw new Session.UnauthorizedError();
      const method = request.event.requestContext?.http?.method ?? "GET";
      const csrf = Object.entries(request.event.headers ?? {}).find(([name]) => name.toLowerCase() === "x-csrf-token")?.[1];
      if (!SAFE_METHODS.has(method) && csrf !== ctx.csrfToken) {
        throw new Session.ForbiddenError("Jeton de sécurité manquant ou invalide : rechargez la page.");
      }
      return fn(request, ctx, Clock.now());
    },
    {
      // the session is checked before anything else, the body included
      before: async (event) => {
        contexts.set(event, await Session.fromToken(cookie(event, SESSION_COOKIE), Clock.now()));
      },
    },
  );
}

export function list(value: string | undefined): string[] | undefined {
  return value ? value.split(",").filter(Boolean) : undefined;
}
