// Server-side only: reads process.env.API_URL and is imported by server components.
import { z } from "zod";
import { currentClientHeaders } from "./client-address";
import { Booked as BookedSchema, ManageView as ManageViewSchema } from "@rdv/core/schema";

/** Base URL of the RDV API (no trailing slash). Read at request time. */
export function apiBaseUrl(): string {
  return (process.env.API_URL ?? "http://localhost:4000").replace(/\/+$/, "");
}

const REQUEST_TIMEOUT_MS = 5_000;

/** Manage tokens open an appointment: they never go to the logs. */
function loggablePath(pathname: string): string {
  return pathname.replace(/\/appointments\/[^/]+/, "/appointments/…");
}

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
      headers: { accept: "application/json", ...(await currentClientHeaders()) },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    console.error(`[api] GET ${loggablePath(url.pathname)} failed:`, error instanceof Error ? error.message : error);
    return { ok: false, reason: "unavailable" };
  }

  if (!response.ok) {
    // An unknown id or link (4xx) is the usager's, not an incident.
    (response.status >= 500 ? console.error : console.warn)(`[api] GET ${loggablePath(url.pathname)} answered HTTP ${response.status}`);
    return { ok: false, reason: "http", status: response.status };
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    console.error(`[api] GET ${loggablePath(url.pathname)} returned a non-JSON body`);
    return { ok: false, reason: "invalid", status: response.status };
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    console.error(`[api] GET ${loggablePath(url.pathname)} returned an unexpected payload:`, parsed.error.issues);
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

/** GET /v1/public/communes?q=CODE, keeping only the commune with exactly that INSEE code. */
export async function communeByCode(code: string): Promise<ApiResult<PublicCommune | null>> {
  const result = await apiGet("/v1/public/communes", { q: code }, publicCommunesResponseSchema);
  return result.ok ? { ok: true, data: result.data.communes.find((commune) => commune.code === code) ?? null } : result;
}

// --- Catalogue ------------------------------------------------------------
// The appointment schemas live outside core's schema entry point, so the few response shapes
// the site reads are declared here (the API is the contract).

export const locationTypeSchema = z.enum(["on_site", "home", "phone", "video"]);
export type LocationType = z.infer<typeof locationTypeSchema>;

export const publicMotifSchema = z.object({
  id: z.string(),
  name: z.string(),
  durationMinutes: z.number(),
  locationType: locationTypeSchema,
  collective: z.boolean(),
});
export type PublicMotif = z.infer<typeof publicMotifSchema>;

export const publicServiceSchema = z.object({ id: z.string(), name: z.string(), motifs: z.array(publicMotifSchema) });
export type PublicService = z.infer<typeof publicServiceSchema>;

const intervalSchema = z.object({ startsAt: z.string(), endsAt: z.string() });
export type Interval = z.infer<typeof intervalSchema>;

export const publicPlaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().optional(),
  phone: z.string().optional(),
  nextSlot: intervalSchema.nullable(),
});
export type PublicPlace = z.infer<typeof publicPlaceSchema>;

export const sessionSchema = z.object({
  id: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number(),
  seatsLeft: z.number(),
});
export type Session = z.infer<typeof sessionSchema>;

/** GET /v1/public/motifs?commune=CODE: the services and motifs bookable online there. */
export async function listServices(commune: string): Promise<ApiResult<PublicService[]>> {
  const result = await apiGet("/v1/public/motifs", { commune }, z.object({ services: z.array(publicServiceSchema) }));
  return result.ok ? { ok: true, data: result.data.services } : result;
}

/** GET /v1/public/places?motif=ID&commune=CODE */
export async function listPlaces(motif: string, commune: string): Promise<ApiResult<PublicPlace[]>> {
  const result = await apiGet("/v1/public/places", { motif, commune }, z.object({ places: z.array(publicPlaceSchema) }));
  return result.ok ? { ok: true, data: result.data.places } : result;
}

/** GET /v1/public/slots: local dates, both inclusive, 92 days at most. */
export async function listSlots(motif: string, place: string, from: string, to: string): Promise<ApiResult<Interval[]>> {
  const result = await apiGet("/v1/public/slots", { motif, place, from, to }, z.object({ slots: z.array(intervalSchema) }));
  return result.ok ? { ok: true, data: result.data.slots } : result;
}

/** GET /v1/public/sessions: open collective sessions with seats left. */
export async function listSessions(motif: string, place: string, from: string, to: string): Promise<ApiResult<Session[]>> {
  const result = await apiGet("/v1/public/sessions", { motif, place, from, to }, z.object({ sessions: z.array(sessionSchema) }));
  return result.ok ? { ok: true, data: result.data.sessions } : result;
}

// --- Appointments ---------------------------------------------------------

export const bookedSchema = BookedSchema;
export type Booked = z.infer<typeof bookedSchema>;

export const manageViewSchema = ManageViewSchema;
export type ManageView = z.infer<typeof manageViewSchema>;

/** GET /v1/public/appointments/{token}; `reason: "http", status: 404` for an unknown link. */
export function getAppointment(token: string): Promise<ApiResult<ManageView>> {
  return apiGet(`/v1/public/appointments/${encodeURIComponent(token)}`, {}, manageViewSchema);
}

const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().optional(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>["error"];

/**
 * The outcome of a POST: the parsed body, the API's own error (4xx with its code and field
 * messages), or `unavailable` when no usable answer came back (network, timeout, 5xx) — in that
 * case the request may or may not have been applied, so a retry must reuse its Idempotency-Key.
 */
export type PostResult<T> =
  | { ok: true; data: T }
  | { ok: false; kind: "rejected"; status: number; error: ApiError }
  | { ok: false; kind: "unavailable" };

export async function apiPost<S extends z.ZodType>(
  pathname: string,
  body: unknown,
  schema: S,
  headers: Record<string, string> = {},
): Promise<PostResult<z.output<S>>> {
  const url = `${apiBaseUrl()}${pathname}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      cache: "no-store",
      headers: { accept: "application/json", "content-type": "application/json", ...(await currentClientHeaders()), ...headers },
      body: JSON.stringify(body ?? {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 2),
    });
  } catch (error) {
    console.error(`[api] POST ${loggablePath(pathname)} failed:`, error instanceof Error ? error.message : error);
    return { ok: false, kind: "unavailable" };
  }
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }
  if (response.ok) {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return { ok: true, data: parsed.data };
    console.error(`[api] POST ${loggablePath(pathname)} answered an unexpected payload:`, parsed.error.issues);
    return { ok: false, kind: "unavailable" };
  }
  const apiError = apiErrorSchema.safeParse(payload);
  if (response.status < 500 && apiError.success) return { ok: false, kind: "rejected", status: response.status, error: apiError.data.error };
  console.error(`[api] POST ${loggablePath(pathname)} answered HTTP ${response.status}`);
  return { ok: false, kind: "unavailable" };
}

export interface BookRequest {
  motifId: string;
  placeId: string;
  startsAt: string;
  serviceUser: { firstName: string; lastName: string; phone: string; email?: string; birthDate?: string; address?: string };
  relative?: { firstName: string; lastName: string; birthDate?: string };
}

/** POST /v1/public/appointments with its Idempotency-Key. */
export function bookAppointment(request: BookRequest, idempotencyKey: string): Promise<PostResult<Booked>> {
  return apiPost("/v1/public/appointments", request, bookedSchema, { "idempotency-key": idempotencyKey });
}

export function cancelAppointment(token: string): Promise<PostResult<ManageView>> {
  return apiPost(`/v1/public/appointments/${encodeURIComponent(token)}/cancel`, {}, manageViewSchema);
}

export function rescheduleAppointment(token: string, startsAt: string): Promise<PostResult<ManageView>> {
  return apiPost(`/v1/public/appointments/${encodeURIComponent(token)}/reschedule`, { startsAt }, manageViewSchema);
}
