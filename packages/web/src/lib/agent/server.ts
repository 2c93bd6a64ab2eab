// Server side of the back office: the agent API called with the browser's own session cookies.
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { AgentMeInfo, SignInMethodsInfo, type ApiErrorInfo } from "@rdv/core/schema";
import { apiBaseUrl, request } from "@/lib/http";

const TIMEOUT_MS = 10_000;

export type AgentResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; error?: ApiErrorInfo };

/** The cookies the API reads (session and CSRF token), as a Cookie header. */
async function cookieHeader(): Promise<string> {
  const jar = await cookies();
  return jar
    .getAll()
    .filter((c) => c.name === "rdv_session" || c.name === "rdv_csrf")
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join("; ");
}

/** GET an agent route with the visitor's cookies. Never throws: a failure is `{ok:false}` (status 0 when the API is unreachable). */
export async function agentGet<S extends z.ZodType>(pathname: string, params: Record<string, string | undefined>, schema: S): Promise<AgentResult<z.output<S>>> {
  const cookie = await cookieHeader(); // outside the request: it marks the page dynamic by throwing during prerendering
  const result = await request({ url: `${apiBaseUrl()}${pathname}`, params, schema, headers: { cookie }, timeoutMs: TIMEOUT_MS, logPath: pathname, logPrefix: "[agent-api]" });
  if (result.ok) return { ok: true, data: result.data };
  if (result.failure === "unreadable") return { ok: false, status: 502 };
  return { ok: false, status: result.status, error: result.error };
}

export class AgentApiUnavailable extends Error {
  constructor(readonly status: number) {
    super(`agent API answered ${status}`);
  }
}

/** The signed-in agent, once per request; null without a valid session. */
export const currentAgent = cache(async (): Promise<AgentMeInfo | null> => {
  const result = await agentGet("/v1/agent/me", {}, AgentMeInfo);
  if (result.ok) return result.data;
  if (result.status === 401) return null;
  throw new AgentApiUnavailable(result.status);
});

export function signInPath(next?: string): string {
  return next && next.startsWith("/agent") && !next.startsWith("//") ? `/agent/connexion?suite=${encodeURIComponent(next)}` : "/agent/connexion";
}

/** The signed-in agent, or a redirection to the sign-in page (back to `next` afterwards). */
export async function requireAgent(next?: string): Promise<AgentMeInfo> {
  const me = await currentAgent();
  if (!me) redirect(signInPath(next));
  return me;
}

/** A page's read: the data, a redirection to the sign-in page on 401, or an error for the error boundary. */
export async function load<T>(result: Promise<AgentResult<T>>, next?: string): Promise<AgentResult<T>> {
  const outcome = await result;
  if (!outcome.ok && outcome.status === 401) redirect(signInPath(next));
  return outcome;
}

export function roleIn(me: AgentMeInfo, organisationId = me.organisationId): "admin" | "secretariat" | "agent" | undefined {
  return me.memberships.find((m) => m.organisationId === organisationId)?.role;
}

/** How agents sign in on this stage; password only if the API cannot say (the page still works). */
export async function signInMethods(): Promise<SignInMethodsInfo> {
  const result = await request({ url: `${apiBaseUrl()}/v1/agent/auth/methods`, schema: SignInMethodsInfo, timeoutMs: TIMEOUT_MS, logPrefix: "[agent-api]" });
  return result.ok ? result.data : { password: true, proConnect: false };
}

/** The API's ProConnect start, through the site's own /v1 relay (its cookie must be first-party). */
export function proConnectStartPath(next: string): string {
  return `/v1/agent/auth/oidc/start?suite=${encodeURIComponent(next)}`;
}
