// Server-side only: reads process.env.API_URL and is imported by server components.
import { z } from "zod";
import {
  Booked as BookedSchema,
  ManageView as ManageViewSchema,
  InvitationView as InvitationViewSchema,
  OfferView as OfferViewSchema,
  WaitlistEntryView as WaitlistEntrySchema,
  WaitlistJoined as WaitlistJoinedSchema,
  WaitlistOfAppointment as WaitlistOfAppointmentSchema,
  type ApiErrorInfo,
} from "@rdv/core/schema";
import { currentClientHeaders } from "@/lib/client-address";
import { apiBaseUrl, request } from "@/lib/http";

const REQUEST_TIMEOUT_MS = 5_000;

/** Manage tokens open an appointment: they never go to the logs. */
function loggablePath(pathname: string): string {
  return pathname.replace(/\/(appointments|waitlist|offers|invitations)\/[^/]+/, "/$1/…");
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
  const result = await request({
    url: `${apiBaseUrl()}${pathname}`,
    params,
    schema,
    headers: await currentClientHeaders(),
    timeoutMs: REQUEST_TIMEOUT_MS,
    logPath: loggablePath(pathname),
  });
  if (result.ok) return { ok: true, data: result.data };
  if (result.failure === "unreachable") return { ok: false, reason: "unavailable" };
  if (result.failure === "unreadable") return { ok: false, reason: "invalid", status: result.status };
  // An unknown id or link (4xx) is the usager's, not an incident.
  if (result.status < 500) console.warn(`[api] GET ${loggablePath(pathname)} answered HTTP ${result.status}`);
  return { ok: false, reason: "http", status: result.status };
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

export type ApiError = ApiErrorInfo;

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
  const result = await request({
    method: "POST",
    url: `${apiBaseUrl()}${pathname}`,
    body: body ?? {},
    schema,
    headers: { ...(await currentClientHeaders()), ...headers },
    timeoutMs: REQUEST_TIMEOUT_MS * 2,
    logPath: loggablePath(pathname),
  });
  if (result.ok) return { ok: true, data: result.data };
  if (result.failure === "refused" && result.status < 500 && result.error) return { ok: false, kind: "rejected", status: result.status, error: result.error };
  if (result.failure === "refused" && result.status < 500) console.error(`[api] POST ${loggablePath(pathname)} answered HTTP ${result.status}`);
  return { ok: false, kind: "unavailable" };
}

export interface BookRequest {
  motifId: string;
  placeId: string;
  startsAt: string;
  serviceUser: { firstName: string; lastName: string; phone: string; email?: string; birthDate?: string; address?: string };
  relative?: { firstName: string; lastName: string; birthDate?: string };
  /** a prescripteur booking for a person they support */
  prescriber?: { name: string; structure: string; phone?: string; email?: string };
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

// --- Waitlist -------------------------------------------------------------

export type WaitlistEntry = z.infer<typeof WaitlistEntrySchema>;
export type Offer = z.infer<typeof OfferViewSchema>;

export interface WaitlistRequest {
  motifId: string;
  placeId?: string;
  commune: string;
  latestDate?: string;
  serviceUser: { firstName: string; lastName: string; phone: string };
}

/** POST /v1/public/waitlist */
export function joinWaitlist(request: WaitlistRequest): Promise<PostResult<z.infer<typeof WaitlistJoinedSchema>>> {
  return apiPost("/v1/public/waitlist", request, WaitlistJoinedSchema);
}

export function getWaitlistEntry(token: string): Promise<ApiResult<WaitlistEntry>> {
  return apiGet(`/v1/public/waitlist/${encodeURIComponent(token)}`, {}, WaitlistEntrySchema);
}

export function leaveWaitlist(token: string): Promise<PostResult<WaitlistEntry>> {
  return apiPost(`/v1/public/waitlist/${encodeURIComponent(token)}/leave`, {}, WaitlistEntrySchema);
}

/** The waitlist entry of an appointment (from its manage link), or null. */
export function getAppointmentWaitlist(token: string): Promise<ApiResult<z.infer<typeof WaitlistOfAppointmentSchema>>> {
  return apiGet(`/v1/public/appointments/${encodeURIComponent(token)}/waitlist`, {}, WaitlistOfAppointmentSchema);
}

export function joinEarlier(token: string, latestDate?: string): Promise<PostResult<WaitlistEntry>> {
  return apiPost(`/v1/public/appointments/${encodeURIComponent(token)}/waitlist`, latestDate ? { latestDate } : {}, WaitlistEntrySchema);
}

export function leaveAppointmentWaitlist(token: string): Promise<PostResult<z.infer<typeof WaitlistOfAppointmentSchema>>> {
  return apiPost(`/v1/public/appointments/${encodeURIComponent(token)}/waitlist/leave`, {}, WaitlistOfAppointmentSchema);
}

export function getOffer(token: string): Promise<ApiResult<Offer>> {
  return apiGet(`/v1/public/offers/${encodeURIComponent(token)}`, {}, OfferViewSchema);
}

export function acceptOffer(token: string): Promise<PostResult<Booked>> {
  return apiPost(`/v1/public/offers/${encodeURIComponent(token)}/accept`, {}, bookedSchema);
}

// --- Booking invitations (the link of an invitation's SMS or e-mail) -----------

export type Invitation = z.infer<typeof InvitationViewSchema>;

export function getInvitation(token: string): Promise<ApiResult<Invitation>> {
  return apiGet(`/v1/public/invitations/${encodeURIComponent(token)}`, {}, InvitationViewSchema);
}

export async function listInvitationSlots(token: string, motif: string, place: string, from: string, to: string): Promise<ApiResult<Interval[]>> {
  const result = await apiGet(`/v1/public/invitations/${encodeURIComponent(token)}/slots`, { motif, place, from, to }, z.object({ slots: z.array(intervalSchema) }));
  return result.ok ? { ok: true, data: result.data.slots } : result;
}

export function bookInvitation(token: string, body: { motifId: string; placeId: string; startsAt: string }): Promise<PostResult<Booked>> {
  return apiPost(`/v1/public/invitations/${encodeURIComponent(token)}/book`, body, bookedSchema);
}
