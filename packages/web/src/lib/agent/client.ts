// Browser side of the back office: calls to the agent API through the site's own /v1 path (same
// origin, so the session cookie goes with them); state changes carry the CSRF token.
import type { ApiError } from "./types";

export type SendResult<T = unknown> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ApiError };

const UNAVAILABLE: ApiError = {
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

async function call<T>(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<SendResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(method === "GET" ? {} : { "x-csrf-token": csrfToken() }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, error: UNAVAILABLE };
  }
  let data: unknown = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (response.ok) return { ok: true, status: response.status, data: data as T };
  if (response.status === 401 && !path.startsWith("/v1/agent/auth/")) {
    window.location.assign(`/agent/connexion?suite=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
  const error = (data as { error?: ApiError } | null)?.error;
  return { ok: false, status: response.status, error: error && typeof error.message === "string" ? error : UNAVAILABLE };
}

export function apiGet<T>(path: string, params: Record<string, string | undefined> = {}): Promise<SendResult<T>> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") query.set(key, value);
  const search = query.toString();
  return call<T>("GET", search ? `${path}?${search}` : path, undefined, {});
}

export function apiPost<T>(path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<SendResult<T>> {
  return call<T>("POST", path, body, headers);
}

export function apiDelete<T>(path: string): Promise<SendResult<T>> {
  return call<T>("DELETE", path, undefined, {});
}
