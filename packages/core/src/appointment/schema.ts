import * as z from "zod";
import { Email, Id, LocalDate, PublicPersonName } from "../schema/common";

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Whether the fields of an ISO instant name a moment that exists: a real calendar day (V8's
 * Date.parse rolls 30 February over to 2 March, and Luxon then refuses it), hours 00–23,
 * minutes and seconds 00–59, an offset within ±14:00 (the widest in use).
 */
export function isRealInstant(value: string): boolean {
  const match = INSTANT.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second = "0", offsetHours = "0", offsetMinutes = "0"] = match;
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d); // not Date.UTC: it maps years 0–99 to the 1900s
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return false;
  const offset = Number(offsetHours) * 60 + Number(offsetMinutes);
  return Number(offsetMinutes) <= 59 && offset <= 14 * 60 && !Number.isNaN(Date.parse(value));
}

/**
 * Years an appointment can fall in. Outside them an instant is a typing or client error, and
 * stored it would break what relies on ISO strings: year 10000 is written "+010000-…" (out of
 * sort-key order, refused by this very schema when echoed back), years before 1970 take the
 * timezones' local mean time (offsets like +00:09:21).
 */
export const INSTANT_YEARS = { min: 2000, max: 2099 } as const;

/** An instant with its offset (any offset), e.g. 2026-12-07T09:00:00+01:00 or …Z. */
export const Instant = z
  .string()
  .max(40, "40 caractères au plus")
  .regex(INSTANT, "date et heure ISO 8601 avec fuseau attendues")
  .refine(isRealInstant, "date ou heure inexistante")
  .refine((value) => {
    const year = Number(value.slice(0, 4));
    return year >= INSTANT_YEARS.min && year <= INSTANT_YEARS.max;
  }, `année entre ${INSTANT_YEARS.min} et ${INSTANT_YEARS.max} attendue`);

export const ServiceUserBookingInput = z.object({
  firstName: PublicPersonName,
  lastName: PublicPersonName,
  /** required online (the reminder goes there); optional when an agent books */
  phone: z.string().trim().min(1, "obligatoire").max(30, "30 caractères au plus").optional(),
  email: Email.optional(),
  birthDate: LocalDate.optional(),
  address: z.string().trim().min(1).max(300, "300 caractères au plus").optional(),
});

/** A relative (a child) booked for by the usager: names under the person-name rule too. */
export const RelativeBookingInput = z.object({
  firstName: PublicPersonName,
  lastName: PublicPersonName,
  birthDate: LocalDate.optional(),
});

/**
 * A prescripteur (a partner: CCAS, France Travail, an association) booking for a person they
 * support: their name (under the person-name rule: it may reach an e-mail), structure, and a
 * phone or an e-mail (the confirmation goes there, without the usager's phone).
 */
export const PrescriberInput = z
  .object({
    name: PublicPersonName,
    structure: z.string().trim().min(1, "obligatoire").max(150, "150 caractères au plus"),
    phone: z.string().trim().min(1, "obligatoire").max(30, "30 caractères au plus").optional(),
    email: Email.optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.phone && !value.email) ctx.addIssue({ code: "custom", path: ["email"], message: "un téléphone ou une adresse e-mail est nécessaire" });
  });
export type PrescriberInput = z.infer<typeof PrescriberInput>;

/** POST /v1/public/appointments body. */
export const BookInput = z.object({
  motifId: Id,
  placeId: Id,
  startsAt: Instant,
  serviceUser: ServiceUserBookingInput.optional(),
  /** agents: an usager already known to the organisation, instead of `serviceUser` */
  serviceUserId: Id.optional(),
  relative: RelativeBookingInput.optional(),
  /** booked by a prescripteur for the usager (the public site's « pour une personne que j'accompagne ») */
  prescriber: PrescriberInput.optional(),
});
export type BookInput = z.infer<typeof BookInput>;

/** What an agent's booking adds to the public body. */
export const AgentBookOptions = z.object({
  /** the agent saw the warning (outside opening rules or the booking window) and confirmed */
  acknowledgeWarnings: z.boolean().optional(),
  /** agents to book; defaults to the free agents of the slot */
  agentIds: z.array(Id).min(1, "au moins un agent").max(10, "10 agents au plus").optional(),
});

export const IdempotencyKey = z
  .string({ error: "en-tête Idempotency-Key obligatoire" })
  .min(8, "8 caractères au moins")
  .max(128, "128 caractères au plus")
  .regex(/^[A-Za-z0-9_.:-]+$/, "lettres, chiffres, '_', '.', ':' ou '-' uniquement");

export const RescheduleInput = z.object({ startsAt: Instant });

// what the public API answers: in core's schema entry point, so the site validates with the same schemas
export { Booked, ManageView } from "../schema/appointment";
