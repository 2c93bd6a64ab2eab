import { fn } from "../validate";
import { DateTime } from "luxon";
import * as z from "zod";
import * as Audit from "../audit";
import { Db } from "../db/service";
import { NotFoundError } from "../error";
import * as Motif from "../motif";
import * as Notification from "../notification";
import * as Place from "../place";
import { Id } from "../schema/common";
import * as Service from "../service";
import * as ServiceUser from "../service-user";
import { ForbiddenError, canSee, type AgentContext } from "../session";
import { AppointmentEntity } from "./appointment.entity";
import type { AppointmentSummaryRecord } from "./sessions";

/** An appointment and its participations, if the agent may see it (404 otherwise: nothing tells it exists). */
export async function load(appointmentId: string, ctx: AgentContext) {
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
    motif: { id: motif.motifId, name: motif.name, locationType: motif.locationType, collective: motif.collective, videoUrl: Motif.videoUrlOf(motif) },
    place: { id: place.placeId, name: place.name, address: place.address },
    agentIds: appointment.agentIds,
    collective: appointment.collective,
    capacity: appointment.capacity,
    seatsTaken: appointment.seatsTaken,
    createdBy: appointment.createdBy,
    bookedBy: appointment.bookedBy,
    reminderAt: appointment.reminderAt,
    reminderNote: appointment.reminderNote,
    arrivedAt: appointment.arrivedAt && DateTime.fromISO(appointment.arrivedAt).setZone(appointment.timezone).toISO({ suppressMilliseconds: true })!,
    participants,
    receipts: await Notification.listReceipts(appointmentId),
    audit: (await Audit.list(appointmentId)).sort((a, b) => a.at.localeCompare(b.at)),
  };
}

export const ToMarkInput = z.object({ organisationId: Id, days: z.coerce.number().int().min(1).max(365).default(60) });

/** Past appointments still "booked": the list agents mark one click each. One query. */
export const toMark = fn(ToMarkInput, async (input, ctx: AgentContext, now: Date) => {
  const { organisationId, days } = input;
  if (!ctx.memberships.some((m) => m.organisationId === organisationId)) throw new ForbiddenError();
  const result = await AppointmentEntity.query
    .byOrganisationStart({ organisationId })
    .between({ startsAt: new Date(now.getTime() - days * 86_400_000).toISOString() }, { startsAt: now.toISOString() })
    .go({ pages: "all" });
  return result.data
    .filter((a) => a.status === "booked" && Date.parse(a.startsAt) <= now.getTime() && canSee(ctx, a.organisationId, a.serviceId))
    .map(summary);
});

export function summary(a: AppointmentSummaryRecord) {
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
    arrivedAt: a.arrivedAt && DateTime.fromISO(a.arrivedAt).setZone(a.timezone).toISO({ suppressMilliseconds: true })!,
  };
}

