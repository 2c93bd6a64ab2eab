import { DateTime } from "luxon";
import * as Appointment from "../appointment";
import { isConditionFailure } from "../db/condition";
import { Db } from "../db/service";
import * as Department from "../department";
import { ConflictError, NotFoundError, ValidationError } from "../error";
import * as Limits from "../limits";
import * as ManageToken from "../manage-token";
import * as Motif from "../motif";
import * as Organisation from "../organisation";
import * as Place from "../place";
import type { Booked } from "../schema/appointment";
import { InvitationBookInput, type InvitationView } from "../schema/booking-invitation";
import * as Service from "../service";
import * as Slot from "../slot";
import { validate } from "../validate";
import { BookingInvitationEntity } from "./booking-invitation.entity";
import { invitationToken, receiptsKey } from "./create";
import { stateOf, type InvitationRecord } from "./view";

const notFound = () => new NotFoundError("invitation.not_found", "Ce lien d'invitation n'est pas valide. Vérifiez qu'il est complet.");

/** The invitation of a link: by the hash of its token, and only if the token is the one derived from its id. */
async function resolve(token: string): Promise<InvitationRecord> {
  if (!ManageToken.looksValid(token)) throw notFound();
  const found = await BookingInvitationEntity.query.byTokenHash({ tokenHash: ManageToken.hash(token) }).go();
  const invitation = found.data[0];
  if (!invitation || invitationToken(invitation.invitationId) !== token) throw notFound();
  return invitation;
}

/** A booked or expired invitation says so, politely (409 with its own code). */
function assertOpen(invitation: InvitationRecord, now: Date): void {
  const state = stateOf(invitation, now);
  if (state === "booked") throw new ConflictError("invitation.booked", "Vous avez déjà pris rendez-vous avec cette invitation. Le lien reçu par SMS ou e-mail après la réservation permet de le consulter, l'annuler ou le déplacer.");
  if (state === "expired") throw new ConflictError("invitation.expired", "Cette invitation a expiré. Pour prendre rendez-vous, merci de contacter le service qui vous a invité.");
}

/** The places where each invited motif has opening hours (one query of the organisation's rules per motif). */
async function placesOf(invitation: InvitationRecord, motifs: Motif.MotifRecord[]) {
  const rules = await Promise.all(motifs.map((m) => Slot.loadRules({ motifId: m.motifId, organisationId: m.organisationId })));
  return motifs.map((motif, i) => {
    const own = (rules[i] ?? []).filter((rule) => !motif.referentOnly || invitation.referentAgentIds.includes(rule.agentId));
    return { motif, placeIds: [...new Set(own.map((rule) => rule.placeId))].sort() };
  });
}

/**
 * GET /v1/public/invitations/{invitationToken}: what the invitation page shows; the first
 * reading marks the invitation opened (once: a conditional write).
 */
export async function show(token: string, now: Date): Promise<InvitationView> {
  const invitation = await resolve(token);
  if (!invitation.openedAt) {
    try {
      await BookingInvitationEntity.patch({ invitationId: invitation.invitationId })
        .set({ openedAt: now.toISOString() })
        .where((attr, op) => op.notExists(attr.openedAt))
        .go({ response: "none" });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  const [motifs, organisation, service, places] = await Promise.all([
    Promise.all(invitation.motifIds.map((id) => Motif.get(id))),
    Organisation.get(invitation.organisationId),
    Service.fromId(invitation.serviceId),
    Place.listByOrganisation(invitation.organisationId),
  ]);
  const offered = await placesOf(invitation, motifs.filter((m): m is Motif.MotifRecord => m !== null));
  const state = stateOf(invitation, now);
  const used = new Set(offered.flatMap((o) => o.placeIds));
  return {
    state: state === "booked" || state === "expired" ? state : "open",
    firstName: invitation.firstName,
    service: service?.name ?? "",
    organisation: organisation?.name ?? "",
    expiresOn: invitation.expiresOn,
    motifs: offered.map(({ motif, placeIds }) => ({ id: motif.motifId, name: motif.name, durationMinutes: motif.durationMinutes, locationType: motif.locationType, placeIds })),
    places: places
      .filter((p) => used.has(p.placeId))
      .sort((a, b) => a.name.localeCompare(b.name, "fr"))
      .map((p) => ({ id: p.placeId, name: p.name, address: p.address })),
  };
}

/** The invited motif and one of its organisation's places, or the 404 of an unknown one. */
async function motifAndPlace(invitation: InvitationRecord, motifId: string, placeId: string) {
  if (!invitation.motifIds.includes(motifId)) throw new NotFoundError("motif.not_found", "Ce motif ne fait pas partie de l'invitation.");
  const [motif, place] = await Promise.all([Motif.get(motifId), Place.get(placeId)]);
  if (!motif) throw new NotFoundError("motif.not_found", "Ce motif ne fait pas partie de l'invitation.");
  if (!place || place.organisationId !== invitation.organisationId) throw new NotFoundError("place.not_found", "Ce lieu ne propose pas ce motif.");
  return { motif, place, referents: motif.referentOnly ? invitation.referentAgentIds : undefined };
}

/**
 * GET /v1/public/invitations/{invitationToken}/slots?motif&place&from&to: the free slots of an
 * invited motif (the usager's booking window applies), of its référents only for a référent-only
 * motif; counted against the client's searches like the public slot search.
 */
export async function slots(token: string, query: unknown, options: { now: Date; client?: string }): Promise<Slot.Info[]> {
  const input = validate(Slot.ListInput, query);
  await Limits.search(options.client, options.now);
  const invitation = await resolve(token);
  assertOpen(invitation, options.now);
  const { motif, place, referents } = await motifAndPlace(invitation, input.motif, input.place);
  const last = invitation.expiresOn < input.to ? invitation.expiresOn : input.to;
  if (last < input.from) return [];
  const [department, availability] = await Promise.all([
    Department.get(),
    Slot.loadAvailability({ motifId: motif.motifId, placeId: place.placeId, organisationId: motif.organisationId, from: input.from, to: last }),
  ]);
  const rules = referents ? availability.rules.filter((rule) => referents.includes(rule.agentId)) : availability.rules;
  const list = Slot.compute(department, motif, place.placeId, { ...availability, rules }, { from: input.from, to: last, now: options.now, bookingWindow: true });
  return list.map(({ startsAt, endsAt }) => ({ startsAt, endsAt }));
}

/**
 * POST /v1/public/invitations/{invitationToken}/book {motifId, placeId, startsAt} → 201 {id,
 * startsAt, endsAt, manageToken}: a booking with every guarantee and limit of an online booking,
 * for the invited usager. The invitation is its idempotency key: two racing bookings of one
 * invitation make one appointment (the other is refused), and a retried request answers the same.
 */
export async function book(token: string, body: unknown, options: { now: Date; client?: string }): Promise<Booked> {
  const input = validate(InvitationBookInput, body);
  const invitation = await resolve(token);
  assertOpen(invitation, options.now);
  const { motif, referents } = await motifAndPlace(invitation, input.motifId, input.placeId);
  const localDay = DateTime.fromISO(input.startsAt, { setZone: true }).setZone(invitation.timezone).toISODate();
  if (localDay && localDay > invitation.expiresOn) throw new ValidationError({ startsAt: "après la date limite de l'invitation" });
  let booked: Booked;
  try {
    booked = await Appointment.book(
      { motifId: motif.motifId, placeId: input.placeId, startsAt: input.startsAt, serviceUserId: invitation.serviceUserId },
      {
        idempotencyKey: `invitation.${invitation.invitationId}`, now: options.now, client: options.client,
        actor: { kind: "usager", invitation: { invitationId: invitation.invitationId, serviceUserId: invitation.serviceUserId, agentIds: referents } },
      },
    );
  } catch (error) {
    // the other of two racing bookings of one invitation: its key holds the first one's request
    if (error instanceof Error && "code" in error && error.code === "idempotency.key_reused") {
      throw new ConflictError("invitation.booked", "Vous avez déjà pris rendez-vous avec cette invitation.");
    }
    throw error;
  }
  await BookingInvitationEntity.patch({ invitationId: invitation.invitationId })
    .set({ status: "booked", bookedAt: options.now.toISOString(), appointmentId: booked.id })
    .go({ response: "none" });
  // the reminder of the invitation is no longer wanted (deleted while still pending: one already sent stays recorded)
  for (const channel of invitation.channels) {
    try {
      await Db.entities.receipt.delete({ appointmentId: receiptsKey(invitation.invitationId), receiptId: `reminder.${channel}` })
        .where((attr, op) => op.eq(attr.status, "pending"))
        .go({ response: "none" });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  return booked;
}
