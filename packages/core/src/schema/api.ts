import * as z from "zod";
import { ConfigAgentInfo, ConfigMotifInfo, ConfigPlaceInfo } from "./agent-configuration";
import { Email, Id, LocalDate, PublicPersonName } from "./common";

/**
 * The integration API (`/v1/api/…`, a business tool with an API key) and the keys' management
 * (`/v1/agent/api-keys`, organisation admins): what they take and answer. The OpenAPI document
 * is generated from these schemas.
 */

export const API_SCOPES = ["read", "write"] as const;
export const ApiScope = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof ApiScope>;

/** POST /v1/agent/api-keys */
export const ApiKeyCreateInput = z.object({
  name: z.string().trim().min(1, "ne doit pas être vide").max(80, "80 caractères au plus"),
  organisationId: Id,
  scopes: z.union([z.tuple([z.literal("read")]), z.tuple([z.literal("read"), z.literal("write")])], {
    error: 'attendu : ["read"] ou ["read","write"]',
  }),
});
export type ApiKeyCreateInput = z.infer<typeof ApiKeyCreateInput>;

/** A key as admins see it (never the key itself). */
export const ApiKeyInfo = z.object({
  id: z.string(),
  name: z.string(),
  organisationId: z.string(),
  scopes: z.array(ApiScope),
  createdAt: z.string(),
  createdBy: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type ApiKeyInfo = z.infer<typeof ApiKeyInfo>;

/** POST /v1/agent/api-keys → 201: the key is shown this once (only its hash is stored). */
export const ApiKeyCreated = z.object({ id: z.string(), key: z.string() });
export type ApiKeyCreated = z.infer<typeof ApiKeyCreated>;

export const APPOINTMENT_STATUS_VALUES = ["booked", "seen", "excused", "revoked", "noshow"] as const;

/** An appointment as the integration API returns it (and webhooks send it as event data). */
export const AppointmentResource = z.object({
  id: z.string(),
  /** 1 at creation, incremented by every write of the appointment: orders its changes */
  version: z.number().int(),
  status: z.enum(APPOINTMENT_STATUS_VALUES),
  /** ISO 8601 with the département's offset */
  startsAt: z.string(),
  endsAt: z.string(),
  /** ISO 8601 UTC instant of the last write */
  updatedAt: z.string(),
  organisationId: z.string(),
  serviceId: z.string(),
  motifId: z.string(),
  placeId: z.string(),
  agentIds: z.array(z.string()),
  collective: z.boolean(),
  serviceUsers: z.array(
    z.object({
      id: z.string(),
      /** the business tool's own id for this usager in the organisation (PUT /v1/api/service-users/{externalId}) */
      externalId: z.string().optional(),
      firstName: z.string(),
      lastName: z.string(),
      participationStatus: z.enum(APPOINTMENT_STATUS_VALUES),
    }),
  ),
  /** "usager" online, "agent" in the back office, "api" by an integration */
  createdBy: z.enum(["usager", "agent", "api"]),
});
export type AppointmentResource = z.infer<typeof AppointmentResource>;

/** GET /v1/api/appointments */
export const AppointmentPage = z.object({
  appointments: z.array(AppointmentResource),
  /** pass it as `cursor` for the next page; null on the last page */
  nextCursor: z.string().nullable(),
});
export type AppointmentPage = z.infer<typeof AppointmentPage>;

/** PUT /v1/api/service-users/{externalId} body. */
export const ServiceUserUpsertInput = z.object({
  firstName: PublicPersonName,
  lastName: PublicPersonName,
  phone: z.string().trim().min(1, "ne doit pas être vide").max(30, "30 caractères au plus").optional(),
  email: Email.optional(),
  birthDate: LocalDate.optional(),
  address: z.string().trim().min(1).max(300, "300 caractères au plus").optional(),
});
export type ServiceUserUpsertInput = z.infer<typeof ServiceUserUpsertInput>;

/** An usager as the integration API returns it. */
export const ServiceUserResource = z.object({
  id: z.string(),
  externalId: z.string(),
  organisationId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().optional(),
  email: z.string().optional(),
  birthDate: z.string().optional(),
  address: z.string().optional(),
});
export type ServiceUserResource = z.infer<typeof ServiceUserResource>;

const DateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "date (AAAA-MM-JJ) ou instant ISO 8601 avec fuseau attendu",
});

/** GET /v1/api/appointments query. */
export const AppointmentListInput = z.object({
  /** appointments starting at or after: an instant, or a local date (from its first minute) */
  from: DateOrInstant.optional(),
  /** appointments starting before: an instant, or a local date (that whole day included) */
  to: DateOrInstant.optional(),
  status: z.enum(APPOINTMENT_STATUS_VALUES).optional(),
  /** appointments written at or after this instant, oldest change first (for synchronising) */
  updatedSince: z.iso.datetime({ offset: true, error: "instant ISO 8601 avec fuseau attendu" }).optional(),
  /** the previous page's `nextCursor` */
  cursor: z.string().max(2000, "2000 caractères au plus").optional(),
  limit: z.coerce.number().int().min(1).max(100, "100 au plus").default(100),
});
export type AppointmentListInput = z.infer<typeof AppointmentListInput>;

// --- what the OpenAPI document describes beside the schemas above -----------------------------

/** GET /v1/api/places, /motifs, /agents */
export const ApiPlaces = z.object({ places: z.array(ConfigPlaceInfo) });
export const ApiMotifs = z.object({ motifs: z.array(ConfigMotifInfo) });
export const ApiAgents = z.object({ agents: z.array(ConfigAgentInfo) });

/** The public API's answers the site reads without a schema of its own. */
export const PublicHealth = z.object({ ok: z.literal(true) });
export const PublicSlots = z.object({ slots: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })) });
export const PublicCommunes = z.object({ communes: z.array(z.object({ code: z.string(), name: z.string(), postcodes: z.array(z.string()) })) });
export const PublicMotifs = z.object({
  services: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      motifs: z.array(z.object({ id: z.string(), name: z.string(), durationMinutes: z.number(), locationType: z.string(), collective: z.boolean() }).loose()),
    }),
  ),
});
export const PublicPlaces = z.object({
  places: z.array(z.object({ id: z.string(), name: z.string(), address: z.string(), phone: z.string().optional(), nextSlot: z.object({ startsAt: z.string(), endsAt: z.string() }).nullable() })),
});
export const PublicSessions = z.object({ sessions: z.array(z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string(), capacity: z.number(), seatsLeft: z.number() })) });

/** Path parameters and headers, as documented. */
export const ManageTokenParam = z.object({ manageToken: z.string().meta({ description: "the manage link's token" }) });
export const OfferTokenParam = z.object({ offerToken: z.string() });
export const InvitationTokenParam = z.object({ invitationToken: z.string().meta({ description: "the booking invitation link's token" }) });
export const CalendarTokenParam = z.object({ token: z.string().meta({ description: "the agent's secret calendar address token" }) });
/** An ICS calendar (RFC 5545), as the calendar feed answers it. */
export const IcsCalendar = z.string().meta({ description: "text/calendar" });
export const IdParam = z.object({ id: z.string() });
export const ExternalIdParam = z.object({ externalId: z.string().meta({ description: "your id for this usager, unique in the organisation" }) });
export const IdempotencyKeyHeader = z.object({
  "Idempotency-Key": z.string().min(8).max(128).meta({ description: "a retried request with the same key returns the first result; the same key with another body is a 422" }),
});
