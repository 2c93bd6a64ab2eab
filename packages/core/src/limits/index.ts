import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { Db } from "../db/service";
import { ConflictError, type DomainError } from "../error";
import * as RateLimit from "../rate-limit";
import type { PublicLimits } from "../schema/stage-settings";
import * as Settings from "../settings";
import type { CancelReason } from "../db/transact";

/**
 * What the public may take, per mobile number and per client (README, limits: every public entry point
 * that costs money or capacity has a limit). Counters live in the table and move inside the
 * transaction of what they count, so they count what was granted: 100 racing attempts at one
 * slot still end as one booking and 99 "slot taken", and a refused booking sends no SMS.
 */
const HOUR = 3600;
const DAY = 86_400;
const MINUTE = 60;

/** The stage's limits, multiplied by `RDV_LIMITS_SCALE` (load tests; 1 otherwise). */
export function current(): PublicLimits {
  const limits = Settings.get().limits;
  const scale = Number(process.env.RDV_LIMITS_SCALE ?? "1");
  if (!Number.isFinite(scale) || scale <= 1) return limits;
  return Object.fromEntries(Object.entries(limits).map(([name, value]) => [name, Math.round(value * scale)])) as PublicLimits;
}

/**
 * The client a request comes from, as a counter key: an IPv4 address, or the /64 of an IPv6
 * address (one subscriber usually holds a whole /64). Undefined when unknown.
 */
export function clientKey(address: string | undefined): string | undefined {
  const value = address?.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  if (!value) return undefined;
  const kind = isIP(value);
  if (kind === 4) return value;
  if (kind !== 6) return undefined;
  return expandIpv6(value).slice(0, 4).join(":") + "::/64";
}

function expandIpv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ""));
}

const callThePlace = (phone?: string) => (phone ? `merci d'appeler le lieu de rendez-vous au ${nationalPhone(phone)}` : "merci d'appeler le lieu de rendez-vous");

function nationalPhone(e164: string): string {
  return e164.startsWith("+33") ? `0${e164.slice(3)}`.replace(/(\d{2})(?=\d)/g, "$1 ").trim() : e164;
}

/** Slot, place and session searches: a generous cap per client and minute (a refusal is a 429). */
export async function search(client: string | undefined, now: Date): Promise<void> {
  if (!client) return;
  const limit = { key: `client-search#${client}`, limit: current().searchesPerClientPerMinute, windowSeconds: MINUTE };
  const taken = await RateLimit.take(limit, now);
  if (!taken.granted) {
    throw new RateLimit.RateLimitedError(
      "limit.client_searches",
      "Vous avez fait beaucoup de recherches en peu de temps. Merci de patienter une minute avant de réessayer.",
      taken.retryAfterSeconds,
    );
  }
}

type TransactionEntities = Parameters<Parameters<typeof Db.transaction.write>[0]>[0];
type TransactionItem = ReturnType<typeof RateLimit.transactionItem>;

interface Check {
  item: (entities: TransactionEntities) => TransactionItem;
  /** what a failed condition on this item means */
  refusal: () => DomainError;
  /** a failed condition means "changed since read": retry after a fresh read */
  retry?: boolean;
}

/**
 * The limits of one action of the public (an online booking, a reschedule from a manage link):
 * items to append to its transaction, and how to read a cancellation of that transaction.
 */
export class Plan {
  constructor(private readonly checks: Check[]) {}

  items(entities: TransactionEntities): TransactionItem[] {
    return this.checks.map((check) => check.item(entities));
  }

  /** The refusal to answer when one of the plan's items (appended from `offset`) failed, or null. */
  refusal(reasons: CancelReason[], offset: number): DomainError | null {
    const failed = this.checks.find((check, i) => !check.retry && reasons[offset + i]?.code === "ConditionalCheckFailed");
    return failed ? failed.refusal() : null;
  }

  /** Indexes (from `offset`) whose failure means "read again and retry". */
  retryIndexes(offset: number): number[] {
    return this.checks.flatMap((check, i) => (check.retry ? [offset + i] : []));
  }

  get size(): number {
    return this.checks.length;
  }
}

export interface PublicAction {
  now: Date;
  client?: string;
  /** E.164 mobile number the action's SMS go to */
  phone?: string;
  /** SMS the action sends to that number (0 when the usager gets none) */
  sms: number;
  /** the place's phone, for the message ("call the place") */
  placePhone?: string;
  /** online bookings only: the service, and the participation the booking creates */
  booking?: { serviceId: string; appointmentId: string; participationId: string; startsAt: string };
}

/**
 * Reads what the limits of a public action need (the number's upcoming appointments in the
 * service) and returns its plan; refuses at once (409) when the number already holds its
 * upcoming appointments — the transaction's condition still decides under races.
 */
export async function plan(action: PublicAction): Promise<Plan> {
  const limits = current();
  const { now } = action;
  const checks: Check[] = [];
  if (action.booking && action.client) {
    const limit = { key: `client-book#${action.client}`, limit: limits.bookingsPerClientPerHour, windowSeconds: HOUR };
    checks.push({
      item: (e) => RateLimit.transactionItem(e.rateLimit, limit, now),
      refusal: () =>
        new RateLimit.RateLimitedError(
          "limit.client_bookings",
          `Beaucoup de rendez-vous ont été pris depuis votre connexion ces dernières minutes. Merci de réessayer plus tard ou, pour un rendez-vous urgent, ${callThePlace(action.placePhone)}.`,
          RateLimit.retryAfter(now, HOUR),
        ),
    });
  }
  if (action.phone && action.sms > 0) {
    const limit = { key: `sms#${action.phone}`, limit: limits.smsPerNumberPerDay, windowSeconds: DAY };
    checks.push({
      item: (e) => RateLimit.transactionItem(e.rateLimit, limit, now, action.sms),
      refusal: () =>
        new RateLimit.RateLimitedError(
          "limit.sms_per_number",
          `Ce numéro de téléphone a déjà reçu beaucoup de SMS aujourd'hui. Pour prendre ou modifier un rendez-vous, ${callThePlace(action.placePhone)}, ou réessayez demain.`,
          RateLimit.retryAfter(now, DAY),
        ),
    });
  }
  if (action.phone && action.booking) checks.push(await upcomingCheck(action.phone, action.booking, limits.upcomingPerNumberPerService, action));
  return new Plan(checks);
}

async function upcomingCheck(phone: string, booking: NonNullable<PublicAction["booking"]>, max: number, action: PublicAction): Promise<Check> {
  const { serviceId } = booking;
  const current = (await Db.entities.upcoming.get({ phone, serviceId }).go({ consistent: true })).data;
  const future = (current?.entries ?? []).filter((e) => Date.parse(e.startsAt) > action.now.getTime());
  const participations = future.length
    ? (await Db.entities.participation.get(future.map(({ appointmentId, participationId }) => ({ appointmentId, participationId }))).go({ consistent: true })).data
    : [];
  const kept = future.filter((e) => participations.some((p) => p.participationId === e.participationId && p.status === "booked"));
  const refusal = () =>
    new ConflictError(
      "limit.upcoming_per_number",
      `Ce numéro de téléphone a déjà ${max} rendez-vous à venir dans ce service. Pour en prendre un autre, ${callThePlace(action.placePhone)}, ou annulez d'abord un rendez-vous avec le lien reçu par SMS.`,
    );
  if (kept.length >= max) throw refusal();
  const entries = [...kept, { appointmentId: booking.appointmentId, participationId: booking.participationId, startsAt: booking.startsAt }];
  const version = current?.version ?? 0;
  const expiresAt = Math.max(...entries.map((e) => Math.floor(Date.parse(e.startsAt) / 1000))) + DAY;
  return {
    item: (e) =>
      e.upcoming
        .put({ phone, serviceId, entries, version: version + 1, expiresAt })
        .where((attr, op) => (current ? op.eq(attr.version, version) : op.notExists(attr.version)))
        .commit() as unknown as TransactionItem,
    refusal,
    retry: true,
  };
}

/**
 * Takes one e-mail of an address's daily allowance (UTC day), when the e-mail is sent: the
 * confirmations and changes the public asks for, reminders excepted, as for SMS. An e-mail over
 * the allowance is not sent; the booking and its SMS are not refused for it (the e-mail never
 * replaces the SMS). The key holds a hash of the address, never the address.
 */
export async function takeEmail(address: string, now: Date): Promise<boolean> {
  const key = `email#${createHash("sha256").update(address.trim().toLowerCase()).digest("hex")}`;
  return (await RateLimit.take({ key, limit: current().emailsPerAddressPerDay, windowSeconds: DAY }, now)).granted;
}
