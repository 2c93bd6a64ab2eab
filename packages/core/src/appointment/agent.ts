import { DateTime } from "luxon";
import { z } from "zod";
import * as Agent from "../agent";
import * as Audit from "../audit";
import { Db } from "../db/service";
import * as Department from "../department";
import { ConflictError, NotFoundError, ValidationError } from "../error";
import * as Motif from "../motif";
import * as Notification from "../notification";
import * as Place from "../place";
import { Id, fieldErrors } from "../schema/common";
import * as Service from "../service";
import * as ServiceUser from "../service-user";
import { ForbiddenError, canSee, type AgentContext } from "../session";
import * as Stats from "../stats";
import { AppointmentEntity } from "./appointment.entity";
import { conditionalDayWrite } from "./agent-day";
import { expiresAt, reserveDays, SlotTakenError } from "./book";
import { messageFor, releaseDays, reschedule } from "./manage";
import * as ManageToken from "../manage-token";
import { Instant } from "./schema";
import { backoff, isRetryable, reasonCodes, type TransactionResult } from "./transaction";

const MAX_ATTEMPTS = 30;

type AppointmentRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof AppointmentEntity.get>["go"]>>["data"]>;

async function load(appointmentId: string, ctx: AgentContext) {
  const collection = await Db.collections.appointment({ appointmentId }).go({ pages: "all" });
  const appointment = collection.data.appointment[0];
  if (!appointment || !canSee(ctx, appointment.organisationId, appointment.serviceId)) {
    throw new NotFoundError("appointment.not_found", "Ce rendez-vous n'existe pas ou ne vous est pas accessible.");
  }
  return { appointment, collection: collection.data };
}

/** An appointment as agents see it: usagers' details, why no SMS went, every message sent, the audit trail. */
export async function detail(appointmentId: string, ctx: AgentContext) {
  const { appointment, collection } = await load(appointmentId, ctx);
  const [motif, place, service] = await Promise.all([Motif.fromId(appointment.motifId), Place.fromId(appointment.placeId), Service.fromId(appointment.serviceId)]);
  const participants = await Promise.all(
    collection.participation.map(async (p) => {
      const user = await ServiceUser.fromId(p.serviceUserId);
      return {
        participationId: p.participationId,
        status: p.status,
        serviceUser: user && {
          id: user.serviceUserId, firstName: user.firstName, lastName: user.lastName, phone: user.phone, email: user.email,
          birthDate: user.birthDate, address: user.address, smsOptOut: user.smsOptOut,
        },
        relative: p.relative,
        noSmsReason: p.noSmsReason,
      };
    }),
  );
  return {
    id: appointment.appointmentId,
    status: appointment.status,
    startsAt: DateTime.fromISO(appointment.startsAt).setZone(appointment.timezone).toISO({ suppressMilliseconds: true }),
    endsAt: DateTime.fromISO(appointment.endsAt).setZone(appointment.timezone).toISO({ suppressMilliseconds: true }),
    organisationId: appointment.organisationId,
    service: { id: appointment.serviceId, name: service?.name ?? "" },
    motif: { id: motif.motifId, name: motif.name, locationType: motif.locationType, collective: motif.collective },
    place: { id: place.placeId, name: place.name, address: place.address },
    agentIds: appointment.agentIds,
    collective: appointment.collective,
    capacity: appointment.capacity,
    seatsTaken: appointment.seatsTaken,
    createdBy: appointment.createdBy,
    reminderAt: appointment.reminderAt,
    reminderNote: appointment.reminderNote,
    participants,
    receipts: await Notification.listReceipts(appointmentId),
    audit: (await Audit.list(appointmentId)).sort((a, b) => a.at.localeCompare(b.at)),
  };
}

export const STATUSES = ["booked", "seen", "excused", "revoked", "noshow"] as const;
export const StatusInput = z.object({ status: z.enum(STATUSES) });

/**
 * Marks a past appointment seen, excused, revoked or no-show (one click from the agenda or the
 * "to mark" list). Counters move from the old status to the new one in the same transaction,
 * conditioned on the status read.
 */
export async function setStatus(appointmentId: string, body: unknown, ctx: AgentContext, now: Date) {
  const parsed = StatusInput.safeParse(body);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const status = parsed.data.status;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const { appointment, collection } = await load(appointmentId, ctx);
    if (Date.parse(appointment.startsAt) > now.getTime()) {
      throw new ConflictError("appointment.not_past", "Ce rendez-vous est à venir : pour l'annuler, utilisez « Annuler le rendez-vous ».");
    }
    if (appointment.status === status) return detail(appointmentId, ctx);
    const month = Stats.monthOf(appointment.startsAt, appointment.timezone);
    const participations = collection.participation.filter((p) => p.status === appointment.status);
    const counted = Stats.increment(appointment.organisationId, appointment.serviceId, month, { [appointment.status]: -participations.length, [status]: participations.length });
    const result = (await Db.transaction
      .write(({ appointment: appointments, participation, stats, audit }) => [
        appointments.patch({ appointmentId }).set({ status }).where((attr, op) => op.eq(attr.status, appointment.status)).commit(),
        ...participations.map((p) => participation.patch({ appointmentId, participationId: p.participationId }).set({ status }).commit()),
        stats.update(counted.key).add(counted.add).commit(),
        audit.create(Audit.entry(appointmentId, ctx, "status", { status: [appointment.status, status] }, now, appointment.expiresAt)).commit(),
      ])
      .go()) as unknown as TransactionResult;
    if (!result.canceled) return detail(appointmentId, ctx);
    if (!isRetryable(result, [0])) throw new Error(`status transaction cancelled: ${reasonCodes(result).join(",")}`);
    await backoff(attempt);
  }
  throw new ConflictError("appointment.busy", "Le service est très sollicité : merci de réessayer dans un instant.");
}

/**
 * The service cancels an appointment to come (revoked): the time is freed, each usager gets an
 * SMS, the reminder schedule is deleted.
 */
export async function revoke(appointmentId: string, ctx: AgentContext, now: Date) {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const { appointment, collection } = await load(appointmentId, ctx);
    if (appointment.status !== "booked") throw new ConflictError("appointment.not_booked", "Ce rendez-vous n'est plus prévu.");
    const motif = await Motif.fromId(appointment.motifId);
    const days = await releaseDays(appointment);
    const booked = collection.participation.filter((p) => p.status === "booked");
    const messages = (await Promise.all(booked.map((p) => messageFor("revocation", p, appointment, motif, now)))).flat();
    const counted = Stats.increment(appointment.organisationId, appointment.serviceId, Stats.monthOf(appointment.startsAt, appointment.timezone), { booked: -booked.length, revoked: booked.length });
    const result = (await Db.transaction
      .write(({ appointment: appointments, participation, agentDay, receipt, stats, audit }) => [
        appointments
          .patch({ appointmentId })
          .set({ status: "revoked", scheduleStatus: "pending", workQueue: "work", workDueAt: now.toISOString() })
          .where((attr, op) => op.eq(attr.status, "booked"))
          .commit(),
        ...booked.map((p) => participation.patch({ appointmentId, participationId: p.participationId }).set({ status: "revoked" }).commit()),
        ...days.map((d) => conditionalDayWrite(agentDay, d, expiresAt(`${d.day}T23:59:59Z`))),
        ...messages.map((m) => receipt.create(m).commit()),
        stats.update(counted.key).add(counted.add).commit(),
        audit.create(Audit.entry(appointmentId, ctx, "revoke", { status: ["booked", "revoked"] }, now, appointment.expiresAt)).commit(),
      ])
      .go()) as unknown as TransactionResult;
    if (!result.canceled) {
      await Notification.afterChange(appointmentId, now);
      return detail(appointmentId, ctx);
    }
    if (!isRetryable(result, result.data.map((_, i) => i))) throw new Error(`revoke transaction cancelled: ${reasonCodes(result).join(",")}`);
    await backoff(attempt);
  }
  throw new ConflictError("appointment.busy", "Le service est très sollicité : merci de réessayer dans un instant.");
}

export const ToMarkInput = z.object({ organisationId: Id, days: z.coerce.number().int().min(1).max(365).default(60) });

/** Past appointments still "booked": the list agents mark one click each. One query. */
export async function toMark(input: z.input<typeof ToMarkInput>, ctx: AgentContext, now: Date) {
  const parsed = ToMarkInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const { organisationId, days } = parsed.data;
  if (!ctx.memberships.some((m) => m.organisationId === organisationId)) throw new ForbiddenError();
  const result = await AppointmentEntity.query
    .byOrganisationStart({ organisationId })
    .between({ startsAt: new Date(now.getTime() - days * 86_400_000).toISOString() }, { startsAt: now.toISOString() })
    .go({ pages: "all" });
  return result.data
    .filter((a) => a.status === "booked" && Date.parse(a.startsAt) <= now.getTime() && canSee(ctx, a.organisationId, a.serviceId))
    .map(summary);
}

export function summary(a: AppointmentRecord) {
  return {
    id: a.appointmentId,
    startsAt: DateTime.fromISO(a.startsAt).setZone(a.timezone).toISO({ suppressMilliseconds: true })!,
    endsAt: DateTime.fromISO(a.endsAt).setZone(a.timezone).toISO({ suppressMilliseconds: true })!,
    status: a.status,
    motifId: a.motifId,
    serviceId: a.serviceId,
    placeId: a.placeId,
    agentIds: a.agentIds,
    label: a.label ?? (a.collective ? `Séance collective (${a.seatsTaken}/${a.capacity ?? "?"})` : ""),
    collective: a.collective,
    seatsTaken: a.seatsTaken,
    capacity: a.capacity,
  };
}

export const SessionInput = z.object({
  motifId: Id,
  placeId: Id,
  startsAt: Instant,
  agentIds: z.array(Id).min(1, "au moins un agent").max(10),
  capacity: z.number().int().min(2).max(500).optional(),
});

/** An agent creates a collective session; usagers then join it (one participation each) while seats remain. */
export async function createSession(body: unknown, ctx: AgentContext, now: Date) {
  const parsed = SessionInput.safeParse(body);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const input = parsed.data;
  const [motif, place, department] = await Promise.all([Motif.fromId(input.motifId), Place.fromId(input.placeId), Department.get()]);
  if (!motif.collective) throw new ValidationError({ motifId: "ce motif n'est pas collectif" });
  if (place.organisationId !== motif.organisationId) throw new ValidationError({ placeId: "ce lieu ne propose pas ce motif" });
  if (!canSee(ctx, motif.organisationId, motif.serviceId)) throw new ForbiddenError();
  await Agent.assertWorkFor(input.agentIds, { organisationId: motif.organisationId, serviceId: motif.serviceId });
  const appointmentId = crypto.randomUUID();
  const start = DateTime.fromISO(input.startsAt, { setZone: true }).toUTC();
  const end = start.plus({ minutes: motif.durationMinutes });
  const interval = { appointmentId, start: start.toISO()!, end: end.plus({ minutes: motif.bufferMinutes }).toISO()! };
  const moment = Notification.reminderAt(interval.start, department.timezone, motif, now);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const days = await reserveDays(input.agentIds, interval, department.timezone);
    if (!days) throw new SlotTakenError();
    const result = (await Db.transaction
      .write(({ appointment, agentDay, audit }) => [
        appointment
          .create({
            appointmentId, organisationId: motif.organisationId, serviceId: motif.serviceId, motifId: motif.motifId, placeId: place.placeId,
            agentIds: input.agentIds, startsAt: interval.start, endsAt: end.toISO()!, timezone: department.timezone, status: "booked",
            collective: true, capacity: input.capacity ?? motif.capacity ?? 2, seatsTaken: 0, createdBy: "agent", createdByAgentId: ctx.agentId,
            ...(moment ? { reminderAt: moment.toISOString(), scheduleStatus: "pending" as const, workQueue: "work", workDueAt: now.toISOString() } : { reminderNote: "moment_passed" }),
            expiresAt: expiresAt(end.toISO()!),
          })
          .commit(),
        ...days.map((d) =>
          conditionalDayWrite(agentDay, d, expiresAt(`${d.day}T23:59:59Z`)),
        ),
        audit.create(Audit.entry(appointmentId, ctx, "create_session", { startsAt: [null, interval.start] }, now, expiresAt(end.toISO()!))).commit(),
      ])
      .go()) as unknown as TransactionResult;
    if (!result.canceled) {
      await Notification.afterChange(appointmentId, now);
      return detail(appointmentId, ctx);
    }
    if (!isRetryable(result, result.data.map((_, i) => i))) throw new Error(`session transaction cancelled: ${reasonCodes(result).join(",")}`);
    await backoff(attempt);
  }
  throw new ConflictError("appointment.busy", "Le service est très sollicité : merci de réessayer dans un instant.");
}

export const MoveInput = z.object({ startsAt: Instant });

/** An agent moves an appointment to another free time of its motif and place (cut-offs and window do not apply to agents). */
export async function moveByAgent(appointmentId: string, body: unknown, ctx: AgentContext, now: Date) {
  const { collection } = await load(appointmentId, ctx);
  const participation = collection.participation.find((p) => p.status === "booked");
  if (!participation) throw new ConflictError("appointment.not_booked", "Ce rendez-vous n'est plus prévu.");
  const token = ManageToken.derive(participation.participationId, participation.tokenVersion);
  await reschedule(token, body, now, { agent: ctx });
  return detail(appointmentId, ctx);
}
