import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import type { z } from "zod";
import { AgentBookOptions, BookInput, RescheduleInput, StatusInput } from "@rdv/core/appointment";
import * as Availability from "@rdv/core/availability";
import * as Commune from "@rdv/core/commune";
import * as Motif from "@rdv/core/motif";
import {
  ApiAgents,
  ApiErrorBody,
  ApiMotifs,
  ApiPlaces,
  BookingInvitationInfo,
  CalendarTokenParam,
  IcsCalendar,
  InvitationTokenParam,
  BookingInvitationInput,
  InvitationBookInput,
  InvitationView,
  AppointmentListInput,
  AppointmentPage,
  AppointmentResource,
  Booked,
  ExternalIdParam,
  IdempotencyKeyHeader,
  IdParam,
  ManageTokenParam,
  ManageView,
  OfferTokenParam,
  PublicCommunes,
  PublicHealth,
  PublicMotifs,
  PublicPlaces,
  PublicSessions,
  PublicSlots,
  OfferView,
  ServiceUserResource,
  ServiceUserUpsertInput,
  WaitlistEarlierInput,
  WaitlistEntryView,
  WaitlistJoined,
  WaitlistJoinInput,
  WaitlistOfAppointment,
} from "@rdv/core/schema";
import * as Slot from "@rdv/core/slot";
import { route } from "./middleware";
import { routeKey, routes } from "./routes";

/**
 * The OpenAPI 3.1 document of the public API (the usager site's) and of the integration API
 * (`/v1/api/…`), generated from the same zod schemas the handlers validate with. Every such
 * route of the route table has an operation here (a test checks it).
 */

const ErrorBody = ApiErrorBody.meta({ id: "Error" });

const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, json(ErrorBody, ERROR_DESCRIPTIONS[status] ?? "error")]));
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "invalid input: `error.fields` names each field at fault",
  401: "API key missing, unknown or revoked",
  403: "the key's scopes do not allow this (a read key cannot write)",
  404: "unknown, or not visible to the key's organisation",
  409: "conflict: the slot is taken, the appointment is no longer booked…",
  422: "the Idempotency-Key was used with another body",
  429: "a limit was reached: see Retry-After",
};

type Operation = Omit<RouteConfig, "method" | "path">;
const publicApi = (summary: string, config: Omit<Operation, "summary" | "tags">): Operation => ({ summary, tags: ["Public"], ...config });
const integrationApi = (summary: string, config: Omit<Operation, "summary" | "tags" | "security">): Operation => ({
  summary,
  tags: ["Integration"],
  security: [{ apiKey: [] }],
  ...config,
  responses: { ...config.responses, ...errors(401, 429) },
});
const body = (schema: z.ZodType) => ({ body: { content: { "application/json": { schema } } } });


/** Operations by route key (`GET /v1/health`). */
const OPERATIONS: Record<string, Operation> = {
  "GET /v1/health": publicApi("Health", { responses: { 200: json(PublicHealth, "up") } }),
  "GET /v1/openapi.json": publicApi("This document", { responses: { 200: { description: "OpenAPI 3.1 document" } } }),
  "GET /v1/public/communes": publicApi("Communes served", { request: { query: Commune.SearchInput }, responses: { 200: json(PublicCommunes, "communes"), ...errors(400) } }),
  "GET /v1/public/motifs": publicApi("Motifs bookable online in a commune", { request: { query: Motif.ForCommuneInput }, responses: { 200: json(PublicMotifs, "services and their motifs"), ...errors(400) } }),
  "GET /v1/public/places": publicApi("Places of a motif with their next slot", { request: { query: Availability.ListForMotifInput }, responses: { 200: json(PublicPlaces, "places"), ...errors(400, 404, 429) } }),
  "GET /v1/public/slots": publicApi("Free slots", { request: { query: Slot.ListInput }, responses: { 200: json(PublicSlots, "slots, sorted, ISO 8601 with offset"), ...errors(400, 404, 429) } }),
  "GET /v1/public/sessions": publicApi("Collective sessions with seats left", { request: { query: Slot.ListInput }, responses: { 200: json(PublicSessions, "sessions"), ...errors(400, 404, 429) } }),
  "POST /v1/public/appointments": publicApi("Book", {
    request: { headers: IdempotencyKeyHeader, ...body(BookInput) },
    responses: { 201: json(Booked, "booked"), ...errors(400, 404, 409, 422, 429) },
  }),
  "GET /v1/public/appointments/{manageToken}": publicApi("An appointment from its manage link", { request: { params: ManageTokenParam }, responses: { 200: json(ManageView, "the appointment"), ...errors(400, 404) } }),
  "POST /v1/public/appointments/{manageToken}/cancel": publicApi("Cancel", { request: { params: ManageTokenParam }, responses: { 200: json(ManageView, "cancelled"), ...errors(400, 404, 409) } }),
  "POST /v1/public/appointments/{manageToken}/reschedule": publicApi("Reschedule", {
    request: { params: ManageTokenParam, ...body(RescheduleInput) },
    responses: { 200: json(ManageView, "moved"), ...errors(400, 404, 409) },
  }),
  "GET /v1/public/appointments/{manageToken}/waitlist": publicApi("The appointment's waitlist entry", { request: { params: ManageTokenParam }, responses: { 200: json(WaitlistOfAppointment, "entry or null"), ...errors(400, 404) } }),
  "POST /v1/public/appointments/{manageToken}/waitlist": publicApi("Ask for an earlier slot", {
    request: { params: ManageTokenParam, ...body(WaitlistEarlierInput) },
    responses: { 201: json(WaitlistEntryView, "the entry"), ...errors(400, 404, 409, 429) },
  }),
  "POST /v1/public/appointments/{manageToken}/waitlist/leave": publicApi("Stop waiting for an earlier slot", { request: { params: ManageTokenParam }, responses: { 200: json(WaitlistOfAppointment, "done"), ...errors(400, 404) } }),
  "POST /v1/public/waitlist": publicApi("Join the waitlist", { request: body(WaitlistJoinInput), responses: { 201: json(WaitlistJoined, "joined"), ...errors(400, 404, 429) } }),
  "GET /v1/public/waitlist/{manageToken}": publicApi("A waitlist entry from its link", { request: { params: ManageTokenParam }, responses: { 200: json(WaitlistEntryView, "the entry"), ...errors(400, 404) } }),
  "POST /v1/public/waitlist/{manageToken}/leave": publicApi("Leave the waitlist", { request: { params: ManageTokenParam }, responses: { 200: json(WaitlistEntryView, "left"), ...errors(400, 404) } }),
  "GET /v1/public/offers/{offerToken}": publicApi("A freed slot offered to a waiting usager", { request: { params: OfferTokenParam }, responses: { 200: json(OfferView, "the offer"), ...errors(400, 404) } }),
  "POST /v1/public/offers/{offerToken}/accept": publicApi("Take the offered slot", { request: { params: OfferTokenParam }, responses: { 201: json(Booked, "booked"), ...errors(400, 404, 409, 429) } }),

  "GET /v1/public/invitations/{invitationToken}": publicApi("A booking invitation from its link (the usager is known: no identity step)", {
    request: { params: InvitationTokenParam },
    responses: { 200: json(InvitationView, "the invitation"), ...errors(400, 404) },
  }),
  "GET /v1/public/invitations/{invitationToken}/slots": publicApi("Free slots of one of the invitation's motifs", {
    request: { params: InvitationTokenParam, query: Slot.ListInput },
    responses: { 200: json(PublicSlots, "slots"), ...errors(400, 404, 409, 429) },
  }),
  "POST /v1/public/invitations/{invitationToken}/book": publicApi("Book from the invitation", {
    request: { params: InvitationTokenParam, ...body(InvitationBookInput) },
    responses: { 201: json(Booked, "booked"), ...errors(400, 404, 409, 429) },
  }),
  "GET /v1/public/calendar-feeds/{token}": publicApi("An agent's appointments as an ICS calendar (a secret, revocable address)", {
    request: { params: CalendarTokenParam },
    responses: { 200: { description: "text/calendar", content: { "text/calendar": { schema: IcsCalendar } } }, ...errors(404, 429) },
  }),

  "GET /v1/api/places": integrationApi("The organisation's places", { responses: { 200: json(ApiPlaces, "places") } }),
  "GET /v1/api/motifs": integrationApi("The organisation's motifs", { responses: { 200: json(ApiMotifs, "motifs") } }),
  "GET /v1/api/agents": integrationApi("The organisation's agents", { responses: { 200: json(ApiAgents, "agents") } }),
  "GET /v1/api/appointments": integrationApi("List appointments, a page at a time", {
    description: "By start (`from`, `to`) or by last change (`updatedSince`, oldest change first). At most `limit` (≤ 100) per page; pass `nextCursor` as `cursor` for the next page.",
    request: { query: AppointmentListInput },
    responses: { 200: json(AppointmentPage, "a page"), ...errors(400) },
  }),
  "GET /v1/api/appointments/{id}": integrationApi("An appointment", { request: { params: IdParam }, responses: { 200: json(AppointmentResource, "the appointment"), ...errors(400, 404) } }),
  "POST /v1/api/appointments": integrationApi("Book for an usager", {
    description: "`serviceUserId` (see PUT /v1/api/service-users/{externalId}) or `serviceUser`. Agents may be booked outside opening rules with `acknowledgeWarnings`.",
    request: { headers: IdempotencyKeyHeader, ...body(BookInput.extend(AgentBookOptions.shape)) },
    responses: { 201: json(AppointmentResource, "booked"), ...errors(400, 403, 404, 409, 422) },
  }),
  "POST /v1/api/appointments/{id}/cancel": integrationApi("Cancel (by the service): the usager is told by SMS", { request: { params: IdParam }, responses: { 200: json(AppointmentResource, "cancelled"), ...errors(400, 403, 404, 409) } }),
  "POST /v1/api/appointments/{id}/status": integrationApi("Mark a past appointment", {
    request: { params: IdParam, ...body(StatusInput) },
    responses: { 200: json(AppointmentResource, "marked"), ...errors(400, 403, 404, 409) },
  }),
  "POST /v1/api/invitations": integrationApi("Invite an usager to book (SMS and/or e-mail with a link)", {
    description: "The usager by `serviceUserId` or by your `externalId` (see PUT /v1/api/service-users/{externalId}); `organisationId` defaults to the key's. Booked invitations send the `invitation.booked` webhook event.",
    request: body(BookingInvitationInput),
    responses: { 201: json(BookingInvitationInfo, "the invitation"), ...errors(400, 403, 404, 429) },
  }),
  "PUT /v1/api/service-users/{externalId}": integrationApi("Create or update an usager by the tool's own id", {
    request: { params: ExternalIdParam, ...body(ServiceUserUpsertInput) },
    responses: { 201: json(ServiceUserResource, "created"), 200: json(ServiceUserResource, "updated"), ...errors(400, 403) },
  }),
};

/** The routes the document describes: the public ones and the integration API. */
export const documentedRoutes = routes.filter((r) => !r.localOnly && (r.public || r.path.startsWith("/v1/api/")));

let built: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

export function document() {
  if (built) return built;
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiKey", { type: "http", scheme: "bearer", description: "an API key created by an organisation admin (rdv_…)" });
  for (const r of documentedRoutes) {
    const operation = OPERATIONS[routeKey(r)];
    if (!operation) continue; // the test names it
    registry.registerPath({ method: r.method.toLowerCase() as RouteConfig["method"], path: r.path, ...operation });
  }
  built = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "RDV API",
      version: "1",
      description: "The public API of the booking site, and the integration API for the département's business tools (an API key per organisation).",
    },
  });
  return built;
}

/** GET /v1/openapi.json */
export const handler = route(async () => ({ body: document(), headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } }));
