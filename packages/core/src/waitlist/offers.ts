import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import * as Appointment from "../appointment";
import { transact, type TransactionEntities } from "../db/transact";
import * as Department from "../department";
import { ConflictError, NotFoundError } from "../error";
import * as FreedTime from "../freed-time";
import * as Limits from "../limits";
import * as ManageToken from "../manage-token";
import * as Motif from "../motif";
import * as Notification from "../notification";
import * as Place from "../place";
import * as RateLimit from "../rate-limit";
import * as Reminder from "../reminder";
import type { Booked } from "../schema/appointment";
import type { OfferView } from "../schema/waitlist";
import * as Service from "../service";
import * as Settings from "../settings";
import * as Slot from "../slot";
import { close, waitingKey, type EntryRecord } from "./join";
import { WaitlistEntryEntity, WaitlistOfferEntity } from "./waitlist.entity";

/** Usagers told of one freed slot at most (the first to confirm takes it). */
export const OFFERS_PER_SLOT = 3;
/** Entries read per page of the waiting index, and pages read at most per key: the read is bounded. */
const PAGE = 25;
const MAX_PAGES = 4;

export interface Candidate {
  entry: EntryRecord;
}

/**
 * The waiting entries a slot fits, oldest first, at most `count`: two queries of the `waiting`
 * index (the motif at this place, and the motif at every place), a page of PAGE at a time and
 * MAX_PAGES at most each — a bounded read whatever the length of the list. An entry fits when
 * the slot falls on or before its last day, it was not offered anything on `sendDay` (one offer
 * SMS per entry and day), and, for an usager already booked, the slot is earlier.
 */
export async function candidates(slot: { motifId: string; placeId: string; startsAt: string; day: string }, sendDay: string, count = OFFERS_PER_SLOT): Promise<EntryRecord[]> {
  const fits = (e: EntryRecord) =>
    e.status === "waiting" && e.until >= slot.day && e.lastOfferedOn !== sendDay && (!e.before || Date.parse(e.before) > Date.parse(slot.startsAt));
  const read = async (key: string) => {
    const found: EntryRecord[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES && found.length < count; page++) {
      const result: { data: EntryRecord[]; cursor: string | null } = await WaitlistEntryEntity.query.waiting({ waitingFor: key }).go({ cursor, limit: PAGE });
      found.push(...result.data.filter(fits));
      cursor = result.cursor;
      if (!cursor) break;
    }
    return found;
  };
  const [here, anywhere] = await Promise.all([read(waitingKey(slot.motifId, slot.placeId)), read(waitingKey(slot.motifId, undefined))]);
  return [...here, ...anywhere].sort((a, b) => (a.waitingSince ?? "").localeCompare(b.waitingSince ?? "")).slice(0, count);
}

export function offerToken(offerId: string): string {
  return ManageToken.derive(`offer.${offerId}`, 1);
}

/** Offers one slot to one entry: the offer, its SMS receipt and the entry's day mark in one transaction; false when refused. */
async function offerTo(
  entry: EntryRecord,
  slot: { startsAt: string; endsAt: string; placeId: string },
  context: { motif: Motif.MotifRecord; place: Place.PlaceRecord; serviceName: string; sendAt: Date; sendDay: string; now: Date },
): Promise<boolean> {
  const offerId = randomUUID();
  const token = offerToken(offerId);
  const text = Notification.offerText({ startsAt: slot.startsAt, timezone: entry.timezone, motif: context.motif, serviceName: context.serviceName, place: context.place, offerToken: token });
  const receiptKey = { appointmentId: `waitlist.${entry.entryId}`, receiptId: `offer.${context.sendDay}` };
  const expiresAt = Math.floor(Date.parse(slot.startsAt) / 1000) + 30 * 86_400;
  const smsLimit = { key: `sms#${entry.phone}`, limit: Limits.current().smsPerNumberPerDay, windowSeconds: 86_400 };
  const sent = await transact<boolean>(async () => ({
    write: (e: TransactionEntities) => ({
      items: [
        e.waitlistOffer
          .create({ tokenHash: ManageToken.hash(token), offerId, entryId: entry.entryId, motifId: entry.motifId, placeId: slot.placeId, startsAt: slot.startsAt, endsAt: slot.endsAt, timezone: entry.timezone, status: "open", expiresAt })
          .commit(),
        // a deterministic id per entry and day: a second offer the same day cannot be created
        e.receipt
          .create({
            ...receiptKey, participationId: entry.entryId, kind: "offer", channel: "sms", to: entry.phone, text, status: "pending", attempts: 0,
            workQueue: "work", workDueAt: context.sendAt.toISOString(), validUntil: slot.startsAt, expiresAt,
          })
          .commit(),
        e.waitlistEntry
          .patch({ entryId: entry.entryId })
          .set({ lastOfferedOn: context.sendDay })
          .where((attr, op) => op.eq(attr.status, "waiting"))
          .commit(),
        RateLimit.transactionItem(e.rateLimit, smsLimit, context.sendAt),
      ] as never,
    }),
    committed: () => true,
    // offered today already, left the list meanwhile, or the number's SMS of the day used up: not this one
    cancelled: () => false,
  }));
  if (sent && context.sendAt.getTime() <= context.now.getTime()) await Notification.deliver(receiptKey.appointmentId, receiptKey.receiptId, context.now);
  return sent;
}

/**
 * Whether the slot is still earlier than the appointment of an usager already booked (they may
 * have moved or cancelled it since joining): when the appointment is no longer booked, the entry
 * leaves the list.
 */
async function stillEarlier(entry: EntryRecord, startsAt: string): Promise<boolean> {
  const manageToken = await Appointment.manageTokenOf(entry.appointmentId!, entry.participationId!);
  let current: Awaited<ReturnType<typeof Appointment.resolveToken>> | null = null;
  try {
    current = manageToken ? await Appointment.resolveToken(manageToken) : null;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  if (!current || current.appointment.status !== "booked" || current.participation.status !== "booked") {
    await close(entry.entryId, "left");
    return false;
  }
  return Date.parse(current.appointment.startsAt) > Date.parse(startsAt);
}

/**
 * Offers one freed time: the free slot of the motif starting then (or the day's first free slot:
 * the time may have been taken back, or opened wider), to the first entries it fits. Nothing when
 * the motif is not bookable online, or no slot of the day is free any more.
 */
export async function offerSlot(freed: Pick<FreedTime.Freed, "motifId" | "placeId" | "organisationId" | "startsAt">, now: Date): Promise<number> {
  const [motif, department] = await Promise.all([Motif.get(freed.motifId), Department.get()]);
  if (!motif || !Motif.isPublic(motif) || motif.collective || motif.notification === "none") return 0;
  const place = await Place.get(freed.placeId);
  if (!place) return 0;
  const day = Slot.localDay(freed.startsAt, department.timezone);
  const availability = await Slot.loadAvailability({ motifId: motif.motifId, placeId: place.placeId, organisationId: motif.organisationId, from: day, to: day });
  const slots = Slot.compute(department, motif, place.placeId, availability, { from: day, to: day, now, bookingWindow: true });
  const slot = slots.find((s) => Date.parse(s.startsAt) === Date.parse(freed.startsAt)) ?? slots[0];
  if (!slot) return 0;
  const sendAt = Reminder.outsideQuietHours(now, Settings.get().quietHours, department.timezone);
  const sendDay = Slot.localDay(sendAt, department.timezone);
  const startsAt = DateTime.fromISO(slot.startsAt, { setZone: true }).toUTC().toISO()!;
  const endsAt = DateTime.fromISO(slot.endsAt, { setZone: true }).toUTC().toISO()!;
  const service = await Service.fromId(motif.serviceId);
  let offered = 0;
  // a few more than needed: an usager already booked may have cancelled or moved meanwhile
  for (const entry of await candidates({ motifId: motif.motifId, placeId: place.placeId, startsAt, day }, sendDay, OFFERS_PER_SLOT * 2)) {
    if (offered >= OFFERS_PER_SLOT) break;
    if (entry.appointmentId && !(await stillEarlier(entry, startsAt))) continue;
    if (await offerTo(entry, { startsAt, endsAt, placeId: place.placeId }, { motif, place, serviceName: service?.shortName ?? service?.name ?? "", sendAt, sendDay, now })) offered++;
  }
  return offered;
}

/**
 * The waitlist's part of the periodic job: every freed time due is offered, then leaves the
 * queue. Run after the reconciler (every few minutes on AWS, every 15 s locally); stops starting
 * items at the deadline, the rest waits for the next pass.
 */
export async function offerFreed(now: Date, options: { deadline?: number } = {}): Promise<{ freed: number; offered: number }> {
  const counts = { freed: 0, offered: 0 };
  const page = await FreedTime.due(now);
  for (const item of page.data) {
    if (options.deadline !== undefined && Date.now() >= options.deadline) break;
    counts.offered += await offerSlot(item, now);
    await FreedTime.done(item.freedId);
    counts.freed++;
  }
  return counts;
}

const notFound = () => new NotFoundError("waitlist.offer_not_found", "Ce lien n'est pas valide ou a expiré.");

async function resolveOffer(token: string) {
  if (!ManageToken.looksValid(token)) throw notFound();
  const offer = (await WaitlistOfferEntity.get({ tokenHash: ManageToken.hash(token) }).go({ consistent: true })).data;
  if (!offer || offerToken(offer.offerId) !== token) throw notFound();
  const entry = (await WaitlistEntryEntity.get({ entryId: offer.entryId }).go({ consistent: true })).data;
  if (!entry) throw notFound();
  return { offer, entry };
}

/** GET /v1/public/offers/{offerToken} */
export async function showOffer(token: string, now: Date): Promise<OfferView> {
  const { offer, entry } = await resolveOffer(token);
  const [motif, place, service, department] = await Promise.all([Motif.fromId(offer.motifId), Place.fromId(offer.placeId), Service.fromId(entry.serviceId), Department.get()]);
  let available = offer.status === "open" && entry.status === "waiting" && Date.parse(offer.startsAt) > now.getTime();
  if (available) {
    const day = Slot.localDay(offer.startsAt, offer.timezone);
    const availability = await Slot.loadAvailability({ motifId: motif.motifId, placeId: place.placeId, organisationId: motif.organisationId, from: day, to: day });
    const slots = Slot.compute(department, motif, place.placeId, availability, { from: day, to: day, now, bookingWindow: true });
    available = slots.some((s) => Date.parse(s.startsAt) === Date.parse(offer.startsAt));
  }
  return {
    startsAt: Slot.toLocalIso(offer.startsAt, offer.timezone),
    endsAt: Slot.toLocalIso(offer.endsAt, offer.timezone),
    place: { id: place.placeId, name: place.name, address: motif.locationType === "on_site" ? place.address : undefined },
    motif: { id: motif.motifId, name: motif.name, locationType: motif.locationType },
    service: service?.name ?? "",
    available,
    moves: Boolean(entry.participationId),
  };
}

class OfferGoneError extends ConflictError {
  constructor(message = "Quelqu'un a été plus rapide : ce créneau vient d'être pris. Vous restez sur la liste d'attente.") {
    super("waitlist.offer_taken", message);
  }
}

/**
 * POST /v1/public/offers/{offerToken}/accept → 201 {id, startsAt, endsAt, manageToken}: a booking
 * with every guarantee of a booking (the same function: one transaction conditioned on the agents'
 * days, so the first to confirm wins and the others get a 409), or for an usager already booked,
 * their appointment moved in one transaction (the later time freed and offered in turn). A
 * retried accept answers the same (the booking's idempotency key is the offer).
 */
export async function acceptOffer(token: string, options: { now: Date; client?: string }): Promise<Booked> {
  const { now } = options;
  const { offer, entry } = await resolveOffer(token);
  if (Date.parse(offer.startsAt) <= now.getTime()) throw new ConflictError("waitlist.offer_passed", "Ce créneau est passé.");
  let booked: Booked;
  try {
    if (entry.appointmentId && entry.participationId) {
      if (entry.status !== "waiting" && offer.status !== "taken") throw new ConflictError("waitlist.offer_closed", "Vous n'êtes plus sur la liste d'attente.");
      const manageToken = await Appointment.manageTokenOf(entry.appointmentId, entry.participationId);
      if (!manageToken) throw notFound();
      const current = await Appointment.fromToken(manageToken, now);
      if (Date.parse(current.startsAt) <= Date.parse(offer.startsAt) && offer.status !== "taken") {
        throw new ConflictError("waitlist.not_earlier", "Votre rendez-vous est déjà à cette heure-là ou plus tôt.");
      }
      const moved = await Appointment.reschedule(manageToken, { startsAt: offer.startsAt }, now);
      booked = { id: moved.id, startsAt: moved.startsAt, endsAt: moved.endsAt, manageToken };
    } else {
      if (entry.status !== "waiting" && offer.status !== "taken") throw new ConflictError("waitlist.offer_closed", "Vous n'êtes plus sur la liste d'attente.");
      booked = await Appointment.book(
        { motifId: offer.motifId, placeId: offer.placeId, startsAt: offer.startsAt, serviceUser: { firstName: entry.firstName, lastName: entry.lastName, phone: entry.phone } },
        { idempotencyKey: `offer.${offer.offerId}`, now, client: options.client },
      );
    }
  } catch (error) {
    if (error instanceof Appointment.SlotTakenError) throw new OfferGoneError();
    throw error;
  }
  await WaitlistOfferEntity.patch({ tokenHash: offer.tokenHash }).set({ status: "taken", appointmentId: booked.id }).go({ response: "none" });
  await close(entry.entryId, "booked");
  return booked;
}
