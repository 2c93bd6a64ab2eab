// Server-side only: reads process.env.API_URL and is imported by server components.
import { z } from "zod";

/** Base URL of the RDV API (no trailing slash). Read at request time. */
export function apiBaseUrl(): string {
  return (process.env.API_URL ?? "http://localhost:4000").replace(/\/+$/, "");
}

const REQUEST_TIMEOUT_MS = 5_000;

export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; reason: "unavailable" | "http" | "invalid"; status?: number };

/**
 * Small typed GET helper: never throws, never caches.
 * Network failures, non-2xx answers and responses that do not match the
 * schema are returned as `{ ok: false }` so pages can render a polite message.
 */
export async function apiGet<S extends z.ZodType>(
  pathname: string,
  params: Record<string, string>,
  schema: S,
): Promise<ApiResult<z.output<S>>> {
  const url = new URL(`${apiBaseUrl()}${pathname}`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);

  let response: Response;
  try {
    response = await fetch(url, {
      cache: "no-store",
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    console.error(`[api] GET ${url.pathname} failed:`, error instanceof Error ? error.message : error);
    return { ok: false, reason: "unavailable" };
  }

  if (!response.ok) {
    console.error(`[api] GET ${url.pathname} answered HTTP ${response.status}`);
    return { ok: false, reason: "http", status: response.status };
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    console.error(`[api] GET ${url.pathname} returned a non-JSON body`);
    return { ok: false, reason: "invalid", status: response.status };
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    console.error(`[api] GET ${url.pathname} returned an unexpected payload:`, parsed.error.issues);
    return { ok: false, reason: "invalid", status: response.status };
  }
  return { ok: true, data: parsed.data };
}

// --- Communes -------------------------------------------------------------
// No commune schema exists in @rdv/core/schema yet, so it is declared here.

export const publicCommuneSchema = z.object({
  code: z.string(),
  name: z.string(),
  postcodes: z.array(z.string()),
});
export type PublicCommune = z.infer<typeof publicCommuneSchema>;

export const publicCommunesResponseSchema = z.object({
  communes: z.array(publicCommuneSchema),
});
export type PublicCommunesResponse = z.infer<typeof publicCommunesResponseSchema>;

/** GET /v1/public/communes?q=… */
export async function searchCommunes(q: string): Promise<ApiResult<PublicCommune[]>> {
  const result = await apiGet("/v1/public/communes", { q }, publicCommunesResponseSchema);
  return result.ok ? { ok: true, data: result.data.communes } : result;
}
