// The one HTTP client of the site, for every call to the RDV API: server-side usager pages
// (lib/api.ts), server-side agent pages (lib/agent/server.ts) and the browser's agent calls
// (lib/agent/client.ts). One place for the timeout, the JSON reading, the validation of answers
// with core's schemas, the reading of the API's error body and the logs. It never throws.
import { ApiErrorBody, type ApiErrorInfo } from "@rdv/core/schema";
import type { z } from "zod";

/** Base URL of the RDV API (no trailing slash), read at request time (server side). */
export function apiBaseUrl(): string {
  return (process.env.API_URL ?? "http://localhost:4000").replace(/\/+$/, "");
}

export interface HttpRequest<S extends z.ZodType> {
  method?: "GET" | "POST" | "DELETE";
  /** a full URL (server side) or a same-origin path (browser) */
  url: string;
  /** query parameters; undefined values are left out */
  params?: Record<string, string | undefined>;
  /** JSON-encoded when present */
  body?: unknown;
  headers?: Record<string, string>;
  /** the answer's schema; a 2xx answer that does not match is a failure */
  schema: S;
  /** none in the browser (the relay has its own) */
  timeoutMs?: number;
  /** the path as logs may show it (manage tokens never go to the logs) */
  logPath?: string;
  /** prefix of the log lines */
  logPrefix?: string;
}

/**
 * What came back. `status` is 0 when no answer came (network, timeout). `unreadable`: a body
 * that is not JSON or does not match the schema. `error`: the API's own error body, when it sent one.
 */
export type HttpResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; failure: "unreachable" | "unreadable" | "refused"; error?: ApiErrorInfo };

function withParams(url: string, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, value);
  const search = query.toString();
  return search ? `${url}${url.includes("?") ? "&" : "?"}${search}` : url;
}

function reason(error: unknown): unknown {
  return error instanceof Error ? error.message : error;
}

export async function request<S extends z.ZodType>(options: HttpRequest<S>): Promise<HttpResult<z.output<S>>> {
  const method = options.method ?? "GET";
  const log = `${options.logPrefix ?? "[api]"} ${method} ${options.logPath ?? options.url.replace(/\?.*$/, "")}`;
  let response: Response;
  try {
    response = await fetch(withParams(options.url, options.params), {
      method,
      cache: "no-store",
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined,
    });
  } catch (error) {
    console.error(`${log} failed:`, reason(error));
    return { ok: false, status: 0, failure: "unreachable" };
  }

  let payload: unknown;
  let json = true;
  try {
    payload = await response.json();
  } catch {
    json = false;
  }

  if (!response.ok) {
    if (response.status >= 500) console.error(`${log} answered HTTP ${response.status}`);
    const error = ApiErrorBody.safeParse(payload);
    return { ok: false, status: response.status, failure: "refused", error: error.success ? error.data.error : undefined };
  }
  if (!json) {
    console.error(`${log} answered ${response.status} without JSON`);
    return { ok: false, status: response.status, failure: "unreadable" };
  }
  const parsed = options.schema.safeParse(payload);
  if (!parsed.success) {
    console.error(`${log} answered an unexpected payload:`, parsed.error.issues.slice(0, 5));
    return { ok: false, status: response.status, failure: "unreadable" };
  }
  return { ok: true, status: response.status, data: parsed.data };
}
