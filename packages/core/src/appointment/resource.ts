import { DateTime } from "luxon";
import type { AppointmentResource } from "../schema/api";
// the records' own files, not the concept's index: service-user imports appointment records
import { getMany as serviceUsers } from "../service-user/records";
import { externalIdsOf } from "../service-user/external";
import { getAll } from "../db/batch";
import { AppointmentEntity, ParticipationEntity } from "./appointment.entity";
import { participations, type AppointmentRecord } from "./records";

export type { AppointmentResource } from "../schema/api";

/** The pseudo-agent ids of API keys start so (see ApiKey.actorId): their bookings are "api". */
const API_ACTOR = "apikey:";

const withOffset = (instant: string, timezone: string) => DateTime.fromISO(instant).setZone(timezone).toISO({ suppressMilliseconds: true })!;

/**
 * An appointment as the integration API returns it and webhooks send it (`AppointmentResource`
 * in core's schema entry point): ids rather than names, the usagers with their participation's
 * status and the organisation's externalId for them, and `version` to order changes.
 */
export async function resource(appointmentId: string): Promise<AppointmentResource | undefined> {
  const appointment = (await AppointmentEntity.get({ appointmentId }).go({ consistent: true })).data;
  if (!appointment) return undefined;
  return (await resources([appointment]))[0];
}

/** Several appointments already read (a page of a list): their participations, usagers and externalIds in few reads. */
export async function resources(appointments: AppointmentRecord[]): Promise<AppointmentResource[]> {
  // an individual appointment names its participation: one batch read for them all; a session's (or an older item's) are queried
  const named = appointments.filter((a) => !a.collective && a.participationId);
  const [batched, queried] = await Promise.all([
    named.length > 0 ? getAll(ParticipationEntity, named.map((a) => ({ appointmentId: a.appointmentId, participationId: a.participationId! }))) : Promise.resolve([]),
    Promise.all(appointments.map((a) => (!a.collective && a.participationId ? null : participations(a.appointmentId)))),
  ]);
  const parts = appointments.map((a, i) => queried[i] ?? batched.filter((p) => p.appointmentId === a.appointmentId));
  const userIds = [...new Set(parts.flat().map((p) => p.serviceUserId))];
  const organisationOf = new Map(parts.flatMap((list, i) => list.map((p) => [p.serviceUserId, appointments[i]!.organisationId] as const)));
  const refKeys = [...new Set(appointments.map((a) => a.organisationId))].flatMap((organisationId) =>
    userIds.filter((id) => organisationOf.get(id) === organisationId).map((serviceUserId) => ({ serviceUserId, organisationId })),
  );
  const [users, refs] = await Promise.all([serviceUsers(userIds), externalIdsOf(refKeys)]);
  const userById = new Map(users.map((u) => [u.serviceUserId, u]));
  return appointments.map((a, i) => ({
    id: a.appointmentId,
    version: a.version ?? 1,
    status: a.status,
    startsAt: withOffset(a.startsAt, a.timezone),
    endsAt: withOffset(a.endsAt, a.timezone),
    updatedAt: a.updatedAt,
    organisationId: a.organisationId,
    serviceId: a.serviceId,
    motifId: a.motifId,
    placeId: a.placeId,
    agentIds: a.agentIds,
    collective: a.collective,
    serviceUsers: parts[i]!
      .map((p) => {
        const user = userById.get(p.serviceUserId);
        const externalId = refs.find((r) => r.serviceUserId === p.serviceUserId && r.organisationId === a.organisationId)?.externalId;
        return {
          id: p.serviceUserId,
          ...(externalId ? { externalId } : {}),
          firstName: user?.firstName ?? "",
          lastName: user?.lastName ?? "",
          participationStatus: p.status,
        };
      })
      .sort((x, y) => x.lastName.localeCompare(y.lastName, "fr") || x.firstName.localeCompare(y.firstName, "fr") || x.id.localeCompare(y.id)),
    createdBy: a.createdByAgentId?.startsWith(API_ACTOR) ? "api" : a.createdBy,
  }));
}
