import * as ServiceUser from "../service-user";
import { AppointmentEntity, ParticipationEntity } from "./appointment.entity";

/**
 * An appointment as the integration API returns it (and webhooks carry it). Attributes that later
 * versions of the appointment item add (`version`, `externalId`) fall back to defaults here.
 */
export interface AppointmentResource {
  id: string;
  version: number;
  status: string;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  organisationId: string;
  serviceId: string;
  motifId: string;
  placeId: string;
  agentIds: string[];
  collective: boolean;
  serviceUsers: Array<{ id: string; externalId?: string; firstName: string; lastName: string; participationStatus: string }>;
  createdBy: "usager" | "agent";
}

/** The appointment with its participants (its partition, then the usagers' records), or undefined. */
export async function resource(appointmentId: string): Promise<AppointmentResource | undefined> {
  const [found, participations] = await Promise.all([
    AppointmentEntity.get({ appointmentId }).go({ consistent: true }),
    ParticipationEntity.query.primary({ appointmentId }).go({ pages: "all", consistent: true }),
  ]);
  const appointment = found.data;
  if (!appointment) return undefined;
  const users = new Map((await ServiceUser.getMany([...new Set(participations.data.map((p) => p.serviceUserId))])).map((u) => [u.serviceUserId, u]));
  const stored = appointment as typeof appointment & { version?: number };
  return {
    id: appointment.appointmentId,
    version: stored.version ?? 0,
    status: appointment.status,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    updatedAt: appointment.updatedAt,
    organisationId: appointment.organisationId,
    serviceId: appointment.serviceId,
    motifId: appointment.motifId,
    placeId: appointment.placeId,
    agentIds: appointment.agentIds,
    collective: appointment.collective,
    serviceUsers: participations.data.map((p) => {
      const user = users.get(p.serviceUserId) as (ServiceUser.ServiceUserRecord & { externalId?: string }) | undefined;
      const person = p.relative ?? user;
      return {
        id: p.serviceUserId,
        ...(user?.externalId ? { externalId: user.externalId } : {}),
        firstName: person?.firstName ?? "",
        lastName: person?.lastName ?? "",
        participationStatus: p.status,
      };
    }),
    createdBy: appointment.createdBy,
  };
}
