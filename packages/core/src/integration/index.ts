import { DateTime } from "luxon";
import * as ApiKey from "../api-key";
import * as Appointment from "../appointment";
import * as BookingInvitation from "../booking-invitation";
import * as Configuration from "../configuration";
import * as Department from "../department";
import { NotFoundError, ValidationError } from "../error";
import * as Motif from "../motif";
import { AppointmentListInput, type AppointmentPage, type AppointmentResource } from "../schema/api";
import * as ServiceUser from "../service-user";
import { validate } from "../validate";

/**
 * The integration API (`/v1/api/…`): a business tool acting with an API key, as an admin of the
 * key's organisation (`ApiKey.contextOf`). Each operation is the agent API's domain function
 * with that context; answers use `AppointmentResource`.
 */
type Ctx = ApiKey.KeyContext;

const appointmentNotFound = () => new NotFoundError("appointment.not_found", "Ce rendez-vous n'existe pas ou ne vous est pas accessible.");

/** GET /v1/api/places, /motifs, /agents: the organisation's configuration, as its admins see it. */
export async function catalogue(ctx: Ctx) {
  const { places, motifs, agents } = await Configuration.list({ organisationId: ctx.organisationId }, ctx);
  return { places, motifs, agents };
}

/** GET /v1/api/appointments/{id} (404 for another organisation's). */
export async function show(appointmentId: string, ctx: Ctx): Promise<AppointmentResource> {
  const found = await Appointment.resource(appointmentId);
  if (!found || found.organisationId !== ctx.organisationId) throw appointmentNotFound();
  return found;
}

/** A local date's first instant, or the instant itself (UTC ISO, as stored). */
function instantOf(value: string, timezone: string, nextDay = false): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = DateTime.fromISO(value, { zone: timezone }).startOf("day");
    return (nextDay ? day.plus({ days: 1 }) : day).toUTC().toISO()!;
  }
  return DateTime.fromISO(value, { setZone: true }).toUTC().toISO()!;
}

/**
 * GET /v1/api/appointments: one index query per page, never a scan — by start (the
 * organisation's agenda index) or, with `updatedSince`, by last change (oldest first); at most
 * 100 per page, `nextCursor` for the next.
 */
export async function list(query: unknown, ctx: Ctx): Promise<AppointmentPage> {
  const input = validate(AppointmentListInput, query);
  const { timezone } = await Department.get();
  const from = input.from ? instantOf(input.from, timezone) : undefined;
  const to = input.to ? instantOf(input.to, timezone, true) : undefined;
  if (from && to && from >= to) throw new ValidationError({ to: "doit suivre from" });
  try {
    const since = input.updatedSince ? DateTime.fromISO(input.updatedSince, { setZone: true }).toUTC().toISO()! : undefined;
    const page = await Appointment.listPage({ organisationId: ctx.organisationId, from, to, status: input.status, updatedSince: since, limit: input.limit, cursor: input.cursor ?? null });
    return { appointments: await Appointment.resources(page.items), nextCursor: page.cursor };
  } catch (error) {
    // a cursor this list did not give (garbage, or another organisation's: DynamoDB refuses the start key)
    const cause = (error as { cause?: { name?: string } }).cause;
    if (input.cursor && error instanceof Error && error.name === "ElectroError" && (!cause || cause.name === "ValidationException")) {
      throw new ValidationError({ cursor: "curseur invalide" });
    }
    throw error;
  }
}

/** POST /v1/api/appointments (Idempotency-Key): the agent booking, by the key; a motif of another organisation is unknown. */
export async function book(body: unknown, idempotencyKey: unknown, ctx: Ctx, now: Date): Promise<AppointmentResource> {
  ApiKey.assertCanWrite(ctx);
  const motifId = body && typeof body === "object" ? (body as { motifId?: unknown }).motifId : undefined;
  if (typeof motifId === "string" && motifId.length <= 80) {
    const motif = await Motif.get(motifId);
    if (motif && motif.organisationId !== ctx.organisationId) throw new NotFoundError("motif.not_found", "Ce motif de rendez-vous n'existe pas.");
  }
  const booked = await Appointment.book(body, { idempotencyKey, now, actor: Appointment.agentActor(body, ctx) });
  return show(booked.id, ctx);
}

/** POST /v1/api/appointments/{id}/cancel: cancelled by the service (revoked), the usager told by SMS. */
export async function cancel(appointmentId: string, ctx: Ctx, now: Date): Promise<AppointmentResource> {
  ApiKey.assertCanWrite(ctx);
  await Appointment.revoke(appointmentId, ctx, now);
  return show(appointmentId, ctx);
}

/** POST /v1/api/appointments/{id}/status {status}: a past appointment marked seen, excused, revoked or no-show. */
export async function setStatus(appointmentId: string, body: unknown, ctx: Ctx, now: Date): Promise<AppointmentResource> {
  ApiKey.assertCanWrite(ctx);
  await Appointment.setStatus(appointmentId, body, ctx, now);
  return show(appointmentId, ctx);
}

/**
 * POST /v1/api/invitations: a booking invitation, as an admin of the key's organisation sends it
 * (`organisationId` defaults to the key's; the usager by `serviceUserId` or the tool's `externalId`).
 */
export async function invite(body: unknown, ctx: Ctx, now: Date) {
  ApiKey.assertCanWrite(ctx);
  const withOrganisation = body && typeof body === "object" && !Array.isArray(body) && !("organisationId" in body) ? { ...body, organisationId: ctx.organisationId } : body;
  return BookingInvitation.create(withOrganisation, ctx, now);
}

/** PUT /v1/api/service-users/{externalId} */
export async function upsertServiceUser(externalId: unknown, body: unknown, ctx: Ctx, now: Date) {
  ApiKey.assertCanWrite(ctx);
  return ServiceUser.upsertByExternalId(externalId, body, ctx, now);
}
