// Browser side of the back office: calls to the agent API through the site's own /v1 path (same
// origin, so the session cookie goes with them); state changes carry the CSRF token. Answers are
// checked with core's schemas by the shared client (lib/http.ts).
import { z } from "zod";
import type { ApiErrorInfo } from "@rdv/core/schema";
import { request } from "@/lib/http";

export type SendResult<T = unknown> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ApiErrorInfo };

const UNAVAILABLE: ApiErrorInfo = {
  code: "service.unavailable",
  message: "Le service est momentanément indisponible : merci de réessayer dans un instant.",
};

/** The value of the readable rdv_csrf cookie (the session's CSRF token). */
export function csrfToken(): string {
  const entry = document.cookie.split(/;\s*/).find((c) => c.startsWith("rdv_csrf="));
  return entry ? decodeURIComponent(entry.slice("rdv_csrf=".length)) : "";
}

/** A fresh Idempotency-Key for one booking intent. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

async function call<S extends z.ZodType>(method: "GET" | "POST" | "DELETE", path: string, schema: S, options: { params?: Record<string, string | undefined>; body?: unknown; headers?: Record<string, string> } = {}): Promise<SendResult<z.output<S>>> {
  const result = await request({
    method,
    url: path,
    params: options.params,
    body: options.body,
    schema,
    headers: { ...(method === "GET" ? {} : { "x-csrf-token": csrfToken() }), ...options.headers },
    logPrefix: "[agent-api]",
  });
  if (result.ok) return result;
  if (result.status === 401 && !path.startsWith("/v1/agent/auth/")) {
    window.location.assign(`/agent/connexion?suite=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
  return { ok: false, status: result.status, error: result.error ?? UNAVAILABLE };
}

/** GET an agent route; empty parameters are left out. */
export function apiGet<S extends z.ZodType>(path: string, params: Record<string, string | undefined>, schema: S): Promise<SendResult<z.output<S>>> {
  const filled = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined && value !== ""));
  return call("GET", path, schema, { params: filled });
}

/** POST a command; the answer is checked against `schema` when the caller reads it. */
export function apiPost<S extends z.ZodType = z.ZodUnknown>(path: string, body: unknown = {}, schema?: S, headers: Record<string, string> = {}): Promise<SendResult<z.output<S>>> {
  return call("POST", path, schema ?? z.unknown(), { body, headers }) as Promise<SendResult<z.output<S>>>;
}

export function apiDelete(path: string): Promise<SendResult> {
  return call("DELETE", path, z.unknown());
}
