import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import * as Appointment from "../appointment";
import * as Commune from "../commune";
import { isConditionFailure } from "../db/condition";
import { transact, type TransactionEntities } from "../db/transact";
import * as Department from "../department";
import { ConflictError, NotFoundError, ValidationError } from "../error";
import * as Limits from "../limits";
import * as ManageToken from "../manage-token";
import * as Motif from "../motif";
import * as Place from "../place";
import * as RateLimit from "../rate-limit";
import { parsePhone } from "../schema/phone";
import { WaitlistEarlierInput, WaitlistJoinInput, type WaitlistEntryView, type WaitlistJoined } from "../schema/waitlist";
import * as Service from "../service";
import * as ServiceUser from "../service-user";
import * as Slot from "../slot";
import { validate } from "../validate";
import { WaitlistEntryEntity, WaitlistHolderEntity } from "./waitlist.entity";

/** Entries expire after this many days at most (or at their latest date). */
export const MAX_DAYS = 60;
const DAY = 86_400;

export type EntryRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof WaitlistEntryEntity.get>["go"]>>["data"]>;

/** The entry's own link token (entries made from a manage link use the appointment's). */
export function entryToken(entryId: string): string {
  return ManageToken.derive(`waitlist.${entryId}`, 1);
}

/** The index key of the entries waiting for a motif at a place ("*": every place of the motif). */
export function waitingKey(motifId: string, placeId: string | undefined): string {
  return `${motifId}#${placeId ?? "*"}`;
}

/** The last local day of an entry: its latest date, within MAX_DAYS of today (and before `before`, its appointment's day). */
function lastDay(today: string, latestDate: string | undefined, field: string, before?: string): string {
  if (latestDate && latestDate < today) throw new ValidationError({ [field]: "cette date est déjà passée" });
  const max = DateTime.fromISO(today).plus({ days: MAX_DAYS }).toISODate()!;
  return [latestDate ?? max, max, ...(before ? [before] : [])].sort()[0]!;
}

interface NewEntry {
  entryId: string;
  motif: Motif.MotifRecord;
  placeId?: string;
  commune?: string;
  until: string;
  timezone: string;
  phone: string;
  firstName: string;
  lastName: string;
  appointment?: { appointmentId: string; participationId: string; startsAt: string };
  tokenHash?: string;
  now: Date;
  /** online sign-ups: the client, for its hourly cap */
  client?: string;
}

/**
 * Writes an entry (new, or back on the list) in one transaction with the number's holder item,
 * conditioned on its version: at most `waitlistEntriesPerNumber` open entries per number, however
 * many requests race; the client's hourly cap moves in the same transaction.
 */
async function write(entry: NewEntry): Promise<void> {
  const limits = Limits.current();
  const today = Slot.localDay(entry.now, entry.timezone);
  const clientLimit = entry.client ? { key: `client-waitlist#${entry.client}`, limit: limits.bookingsPerClientPerHour, windowSeconds: 3600 } : undefined;
  await transact<void>(async () => {
    const holder = (await WaitlistHolderEntity.get({ phone: entry.phone }).go({ consistent: true })).data;
    const current = (holder?.entries ?? []).filter((e) => e.until >= today && e.entryId !== entry.entryId);
    const records = current.length ? (await WaitlistEntryEntity.get(current.map(({ entryId }) => ({ entryId }))).go({ consistent: true })).data : [];
    const open = current.filter((e) => records.some((r) => r.entryId === e.entryId && r.status === "waiting"));
    if (open.length >= limits.waitlistEntriesPerNumber) {
      throw new ConflictError(
        "limit.waitlist_per_number",
        `Ce numéro de téléphone est déjà sur ${limits.waitlistEntriesPerNumber} listes d'attente. Pour en rejoindre une autre, quittez d'abord une liste avec le lien reçu.`,
      );
    }
    const entries = [...open, { entryId: entry.entryId, until: entry.until }];
    const version = holder?.version ?? 0;
    const expiresAt = Math.floor(DateTime.fromISO(entries.map((e) => e.until).sort().at(-1)!, { zone: entry.timezone }).endOf("day").toSeconds()) + DAY;
    const since = `${entry.now.toISOString()}#${entry.entryId}`;
    return {
      write: (e: TransactionEntities) => {
        const items = [
          e.waitlistHolder
            .put({ phone: entry.phone, entries, version: version + 1, expiresAt })
            .where((attr, op) => (holder ? op.eq(attr.version, version) : op.notExists(attr.version)))
            .commit(),
          e.waitlistEntry
            .put({
              entryId: entry.entryId, motifId: entry.motif.motifId, serviceId: entry.motif.serviceId, organisationId: entry.motif.organisationId,
              placeId: entry.placeId, commune: entry.commune, until: entry.until, timezone: entry.timezone, phone: entry.phone,
              firstName: entry.firstName, lastName: entry.lastName, appointmentId: entry.appointment?.appointmentId,
              participationId: entry.appointment?.participationId, before: entry.appointment?.startsAt, status: "waiting", tokenHash: entry.tokenHash,
              waitingFor: waitingKey(entry.motif.motifId, entry.placeId), waitingSince: since, expiresAt,
            })
            .commit(),
          ...(clientLimit ? [RateLimit.transactionItem(e.rateLimit, clientLimit, entry.now)] : []),
        ];
        return { items: items as never, versioned: [0] };
      },
      committed: () => undefined,
      cancelled: (reasons) => {
        if (clientLimit && reasons[2]?.code === "ConditionalCheckFailed") {
          throw new RateLimit.RateLimitedError(
            "limit.client_waitlist",
            "Beaucoup d'inscriptions en liste d'attente ont été faites depuis votre connexion. Merci de réessayer plus tard.",
            RateLimit.retryAfter(entry.now, 3600),
          );
        }
        return undefined;
      },
    };
  });
}

/** POST /v1/public/waitlist → {id, manageToken}: told by SMS when a slot of the motif frees up. */
export async function join(body: unknown, options: { now: Date; client?: string }): Promise<WaitlistJoined> {
  const input = validate(WaitlistJoinInput, body);
  const [motif, department, organisations] = await Promise.all([Motif.fromIdOnline(input.motifId), Department.get(), Commune.organisationsServing(input.commune)]);
  if (motif.collective) throw new ValidationError({ motifId: "pas de liste d'attente pour une séance collective" });
  if (!organisations.includes(motif.organisationId)) throw new ValidationError({ commune: "ce motif n'est pas proposé aux habitants de cette commune" });
  if (input.placeId) {
    const place = await Place.get(input.placeId);
    if (!place || place.organisationId !== motif.organisationId) throw new ValidationError({ placeId: "ce lieu ne propose pas ce motif" });
  }
  const phone = parsePhone(input.serviceUser.phone, department.code);
  if (!phone) throw new ValidationError({ "serviceUser.phone": "numéro de téléphone invalide" });
  if (!phone.mobile) throw new ValidationError({ "serviceUser.phone": "un numéro de mobile est nécessaire pour recevoir le SMS" });
  const today = Slot.localDay(options.now, department.timezone);
  const until = lastDay(today, input.latestDate, "latestDate");
  const entryId = randomUUID();
  const token = entryToken(entryId);
  await write({
    entryId, motif, placeId: input.placeId, commune: input.commune, until, timezone: department.timezone, phone: phone.e164,
    firstName: input.serviceUser.firstName, lastName: input.serviceUser.lastName, tokenHash: ManageToken.hash(token), now: options.now, client: options.client,
  });
  return { id: entryId, manageToken: token };
}

/**
 * POST /v1/public/appointments/{manageToken}/waitlist (and an agent's, from the appointment): the
 * usager of a booked appointment is told when an earlier slot of its motif and place frees up;
 * taking it moves the appointment. Asking again updates the latest date.
 */
export async function joinEarlier(manageToken: string, body: unknown, now: Date): Promise<WaitlistEntryView> {
  const input = validate(WaitlistEarlierInput, body ?? {});
  const { participation, appointment } = await Appointment.resolveToken(manageToken);
  if (appointment.collective) throw new ConflictError("waitlist.collective", "Pour une séance collective, annulez puis inscrivez-vous à une autre séance.");
  if (appointment.status !== "booked" || participation.status !== "booked" || Date.parse(appointment.startsAt) <= now.getTime()) {
    throw new ConflictError("waitlist.not_booked", "Ce rendez-vous n'est plus prévu.");
  }
  const [motif, user] = await Promise.all([Motif.fromId(appointment.motifId), ServiceUser.fromId(participation.serviceUserId)]);
  if (participation.noSmsReason || !user?.phone || !user.phoneIsMobile || user.smsOptOut || motif.notification === "none") {
    throw new ConflictError("waitlist.no_sms", "La liste d'attente prévient par SMS : il faut un numéro de mobile qui reçoit nos SMS.");
  }
  const today = Slot.localDay(now, appointment.timezone);
  const appointmentDay = Slot.localDay(appointment.startsAt, appointment.timezone);
  const until = lastDay(today, input.latestDate, "latestDate", appointmentDay);
  await write({
    entryId: `p.${participation.participationId}`, motif, placeId: appointment.placeId, until, timezone: appointment.timezone, phone: user.phone,
    firstName: user.firstName, lastName: user.lastName, now,
    appointment: { appointmentId: appointment.appointmentId, participationId: participation.participationId, startsAt: appointment.startsAt },
  });
  return (await ofAppointment(manageToken, now)).entry!;
}

function status(entry: EntryRecord, now: Date): WaitlistEntryView["status"] {
  if (entry.status !== "waiting") return entry.status;
  return entry.until < Slot.localDay(now, entry.timezone) ? "expired" : "waiting";
}

export async function viewOf(entry: EntryRecord, now: Date): Promise<WaitlistEntryView> {
  const [motif, place, service] = await Promise.all([Motif.fromId(entry.motifId), entry.placeId ? Place.get(entry.placeId) : null, Service.fromId(entry.serviceId)]);
  return {
    id: entry.entryId,
    status: status(entry, now),
    service: service?.name ?? "",
    motif: { id: motif.motifId, name: motif.name },
    place: place ? { id: place.placeId, name: place.name } : null,
    until: entry.until,
  };
}

const notFound = () => new NotFoundError("waitlist.not_found", "Ce lien de liste d'attente n'est pas valide ou a expiré.");

async function fromOwnToken(token: string): Promise<EntryRecord> {
  if (!ManageToken.looksValid(token)) throw notFound();
  const found = (await WaitlistEntryEntity.query.byTokenHash({ tokenHash: ManageToken.hash(token) }).go()).data[0];
  if (!found || entryToken(found.entryId) !== token) throw notFound();
  const entry = (await WaitlistEntryEntity.get({ entryId: found.entryId }).go({ consistent: true })).data;
  if (!entry) throw notFound();
  return entry;
}

/** GET /v1/public/waitlist/{token} */
export async function fromToken(token: string, now: Date): Promise<WaitlistEntryView> {
  return viewOf(await fromOwnToken(token), now);
}

/** GET /v1/public/appointments/{manageToken}/waitlist: the appointment's entry, if it has one. */
export async function ofAppointment(manageToken: string, now: Date): Promise<{ entry: WaitlistEntryView | null }> {
  const { participation } = await Appointment.resolveToken(manageToken);
  const entry = (await WaitlistEntryEntity.get({ entryId: `p.${participation.participationId}` }).go({ consistent: true })).data;
  return { entry: entry ? await viewOf(entry, now) : null };
}

/** Takes the entry off the list (its keys leave the waiting index); already off: the same answer. */
export async function close(entryId: string, to: "left" | "booked"): Promise<void> {
  try {
    await WaitlistEntryEntity.patch({ entryId })
      .set({ status: to })
      .remove(["waitingFor", "waitingSince"])
      .where((attr, op) => op.eq(attr.status, "waiting"))
      .go({ response: "none" });
  } catch (error) {
    if (!isConditionFailure(error)) throw error; // not waiting (or gone): nothing to take off
  }
}

/** POST /v1/public/waitlist/{token}/leave */
export async function leave(token: string, now: Date): Promise<WaitlistEntryView> {
  const entry = await fromOwnToken(token);
  await close(entry.entryId, "left");
  return fromToken(token, now);
}

/** POST /v1/public/appointments/{manageToken}/waitlist/leave */
export async function leaveOfAppointment(manageToken: string, now: Date): Promise<{ entry: WaitlistEntryView | null }> {
  const { participation } = await Appointment.resolveToken(manageToken);
  await close(`p.${participation.participationId}`, "left");
  return ofAppointment(manageToken, now);
}

