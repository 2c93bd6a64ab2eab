// Server side of the back office: the agent API called with the browser's own session cookies.
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { ApiError, Me } from "./types";

/** Base URL of the RDV API (no trailing slash), read at request time. */
export function apiBaseUrl(): string {
  return (process.env.API_URL ?? "http://localhost:4000").replace(/\/+$/, "");
}

const TIMEOUT_MS = 10_000;

export type AgentResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; error?: ApiError };

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
  const url = new URL(`${apiBaseUrl()}${pathname}`);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  const cookie = await cookieHeader(); // outside the try: it marks the page dynamic by throwing during prerendering
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", headers: { accept: "application/json", cookie }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    console.error(`[agent-api] GET ${pathname} failed:`, error instanceof Error ? error.message : error);
    return { ok: false, status: 0 };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    console.error(`[agent-api] GET ${pathname} answered ${response.status} without JSON:`, error instanceof Error ? error.message : error);
    return { ok: false, status: response.status || 502 };
  }
  if (!response.ok) {
    const parsed = ApiError.safeParse(body);
    if (response.status >= 500) console.error(`[agent-api] GET ${pathname} answered HTTP ${response.status}`);
    return { ok: false, status: response.status, error: parsed.success ? parsed.data.error : undefined };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    console.error(`[agent-api] GET ${pathname} returned an unexpected payload:`, parsed.error.issues.slice(0, 5));
    return { ok: false, status: 502 };
  }
  return { ok: true, data: parsed.data };
}

export class AgentApiUnavailable extends Error {
  constructor(readonly status: number) {
    super(`agent API answered ${status}`);
  }
}

/** The signed-in agent, once per request; null without a valid session. */
export const currentAgent = cache(async (): Promise<Me | null> => {
  const result = await agentGet("/v1/agent/me", {}, Me);
  if (result.ok) return result.data;
  if (result.status === 401) return null;
  throw new AgentApiUnavailable(result.status);
});

export function signInPath(next?: string): string {
  return next && next.startsWith("/agent") && !next.startsWith("//") ? `/agent/connexion?suite=${encodeURIComponent(next)}` : "/agent/connexion";
}

/** The signed-in agent, or a redirection to the sign-in page (back to `next` afterwards). */
export async function requireAgent(next?: string): Promise<Me> {
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

export function roleIn(me: Me, organisationId = me.organisationId): "admin" | "secretariat" | "agent" | undefined {
  return me.memberships.find((m) => m.organisationId === organisationId)?.role;
}
