import * as Motif from "../motif";
import * as Notification from "../notification";
import * as Place from "../place";
import * as Service from "../service";
import * as ServiceUser from "../service-user";
import * as Slot from "../slot";
import * as ManageToken from "../manage-token";
import { NotFoundError } from "../error";
import { AppointmentEntity, ParticipationEntity } from "./appointment.entity";
import type { ManageView } from "./schema";

/**
 * The manage link (guarantee 6 in docs/architecture.md): a token opens one participation and nothing else; what
 * the usager sees and may do from it; the SMS a change sends them.
 */
export type AppointmentRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof AppointmentEntity.get>["go"]>>["data"]>;
export type ParticipationRecord = Awaited<ReturnType<ReturnType<typeof ParticipationEntity.query.byTokenHash>["go"]>>["data"][number];

const notFound = () => new NotFoundError("appointment.not_found", "Ce lien de rendez-vous n'est pas valide ou a expiré.");

/** The participation a manage token opens (and nothing else), with its appointment. */
export async function resolveToken(token: string): Promise<{ participation: ParticipationRecord; appointment: AppointmentRecord }> {
  if (!ManageToken.looksValid(token)) throw notFound();
  const found = await ParticipationEntity.query.byTokenHash({ tokenHash: ManageToken.hash(token) }).go();
  const participation = found.data[0];
  if (!participation) throw notFound();
  // constant-time equality is implicit: the look-up is by hash; the version check revokes old links
  if (ManageToken.derive(participation.participationId, participation.tokenVersion) !== token) throw notFound();
  const appointment = (await AppointmentEntity.get({ appointmentId: participation.appointmentId }).go({ consistent: true })).data;
  if (!appointment) throw notFound();
  return { participation, appointment };
}

interface Policy {
  allowed: boolean;
  reason?: string;
}

/** Usager self-service cut-offs of the motif: until N minutes before the start, or never. */
export function selfServicePolicy(
  kind: "cancel" | "reschedule",
  cutoffMinutes: number,
  startsAt: string,
  status: string,
  collective: boolean,
  now: Date,
): Policy {
  if (status !== "booked") return { allowed: false, reason: "Ce rendez-vous n'est plus prévu." };
  if (Date.parse(startsAt) <= now.getTime()) return { allowed: false, reason: "Ce rendez-vous est déjà passé." };
  if (kind === "reschedule" && collective) {
    return { allowed: false, reason: "Pour une séance collective, annulez puis inscrivez-vous à une autre séance." };
  }
  const cutoff = Motif.selfServiceCutoff(cutoffMinutes);
  const verb = kind === "cancel" ? "annulé" : "déplacé";
  if (cutoff === null) return { allowed: false, reason: `Ce rendez-vous ne peut pas être ${verb} en ligne : merci d'appeler le service.` };
  if (Date.parse(startsAt) - cutoff * 60_000 < now.getTime()) {
    const delay = cutoff >= 120 && cutoff % 60 === 0 ? `${cutoff / 60} heures` : `${cutoff} minutes`;
    return { allowed: false, reason: `Ce rendez-vous ne peut plus être ${verb} en ligne moins de ${delay} avant : merci d'appeler le service.` };
  }
  return { allowed: true };
}

export async function view(participation: ParticipationRecord, appointment: AppointmentRecord, now: Date): Promise<ManageView> {
  const [motif, place, service, user] = await Promise.all([
    Motif.fromId(appointment.motifId),
    Place.fromId(appointment.placeId),
    Service.fromId(appointment.serviceId),
    ServiceUser.fromId(participation.serviceUserId),
  ]);
  const status = appointment.collective && participation.status !== "booked" ? participation.status : appointment.status;
  const cancel = selfServicePolicy("cancel", motif.cancelUntilMinutesBefore, appointment.startsAt, status, appointment.collective, now);
  const reschedule = selfServicePolicy("reschedule", motif.rescheduleUntilMinutesBefore, appointment.startsAt, status, appointment.collective, now);
  return {
    id: appointment.appointmentId,
    status,
    startsAt: Slot.toLocalIso(appointment.startsAt, appointment.timezone),
    endsAt: Slot.toLocalIso(appointment.endsAt, appointment.timezone),
    service: service?.name ?? "",
    motif: { id: motif.motifId, name: motif.name, locationType: motif.locationType, durationMinutes: motif.durationMinutes, instructions: motif.instructions, videoUrl: Motif.videoUrlOf(motif) },
    // the address is shown only where the usager goes: on-site appointments
    place: { id: place.placeId, name: place.name, address: motif.locationType === "on_site" ? place.address : undefined, phone: place.phone },
    serviceUser: { firstName: user?.firstName ?? "" },
    relative: participation.relative ? { firstName: participation.relative.firstName } : undefined,
    collective: appointment.collective,
    canCancel: cancel.allowed,
    cancelBlockedReason: cancel.reason,
    canReschedule: reschedule.allowed,
    rescheduleBlockedReason: reschedule.reason,
  };
}

/** GET /v1/public/appointments/{token}: what the usager needs to see, and what they may do. */
export async function fromToken(token: string, now: Date): Promise<ManageView> {
  const { participation, appointment } = await resolveToken(token);
  return view(participation, appointment, now);
}

/**
 * The messages a change sends to this participation's usager: the SMS unless they get none (no
 * mobile, opted out, motif not notified), and the e-mail when they gave an address.
 */
export async function messageFor(
  kind: Notification.MessageKind,
  participation: ParticipationRecord,
  appointment: AppointmentRecord,
  motif: Motif.MotifRecord,
  now: Date,
) {
  const [user, place, service] = await Promise.all([ServiceUser.fromId(participation.serviceUserId), Place.fromId(appointment.placeId), Service.fromId(appointment.serviceId)]);
  return Notification.plannedMessages(kind, { appointment, participation, motif, place, service, user }, now);
}

/** The current manage token of a participation (its version read consistently), or null when it is gone. */
export async function manageTokenOf(appointmentId: string, participationId: string): Promise<string | null> {
  const found = (await ParticipationEntity.get({ appointmentId, participationId }).go({ consistent: true })).data;
  return found ? ManageToken.derive(found.participationId, found.tokenVersion) : null;
}
