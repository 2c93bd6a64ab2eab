import { DateTime } from "luxon";
import type { EntityItem } from "electrodb";
import type * as Motif from "../motif";
import type { BookingInvitationInfo, InvitationState } from "../schema/booking-invitation";
import type { BookingInvitationEntity } from "./booking-invitation.entity";

export type InvitationRecord = EntityItem<typeof BookingInvitationEntity> & { createdAt?: string; updatedAt?: string };

/** Booked wins; then past its last day (local) it has expired; then opened once its link was followed. */
export function stateOf(invitation: Pick<InvitationRecord, "status" | "expiresOn" | "timezone" | "openedAt">, now: Date): InvitationState {
  if (invitation.status === "booked") return "booked";
  if (DateTime.fromJSDate(now).setZone(invitation.timezone).toISODate()! > invitation.expiresOn) return "expired";
  return invitation.openedAt ? "opened" : "sent";
}

export function toInfo(invitation: InvitationRecord, context: { motifs: Motif.MotifRecord[]; serviceName: string }, now: Date): BookingInvitationInfo {
  return {
    id: invitation.invitationId,
    organisationId: invitation.organisationId,
    state: stateOf(invitation, now),
    serviceUser: { id: invitation.serviceUserId, firstName: invitation.firstName, lastName: invitation.lastName },
    service: { id: invitation.serviceId, name: context.serviceName },
    motifs: invitation.motifIds.map((id) => ({ id, name: context.motifs.find((m) => m.motifId === id)?.name ?? "" })),
    referentAgentIds: invitation.referentAgentIds ?? [],
    channels: invitation.channels as BookingInvitationInfo["channels"],
    sentAt: invitation.sentAt,
    openedAt: invitation.openedAt,
    bookedAt: invitation.bookedAt,
    appointmentId: invitation.appointmentId,
    expiresOn: invitation.expiresOn,
  };
}
