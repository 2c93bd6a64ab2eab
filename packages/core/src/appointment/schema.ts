import { z } from "zod";
import { Email, Id, LocalDate, PersonName } from "../schema/common";
import { RelativeInput } from "../schema/department-file";

/** An instant with its offset (any offset), e.g. 2026-12-07T09:00:00+01:00 or …Z. */
export const Instant = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, "date et heure ISO 8601 avec fuseau attendues")
  .refine((value) => !Number.isNaN(Date.parse(value)), "date inexistante");

export const ServiceUserBookingInput = z.object({
  firstName: PersonName,
  lastName: PersonName,
  /** required online (the reminder goes there); optional when an agent books */
  phone: z.string().trim().min(1, "obligatoire").max(30, "30 caractères au plus").optional(),
  email: Email.optional(),
  birthDate: LocalDate.optional(),
  address: z.string().trim().min(1).max(300, "300 caractères au plus").optional(),
});

/** POST /v1/public/appointments body. */
export const BookInput = z.object({
  motifId: Id,
  placeId: Id,
  startsAt: Instant,
  serviceUser: ServiceUserBookingInput.optional(),
  /** agents: an usager already known to the organisation, instead of `serviceUser` */
  serviceUserId: Id.optional(),
  relative: RelativeInput.optional(),
});
export type BookInput = z.infer<typeof BookInput>;

export const IdempotencyKey = z
  .string({ error: "en-tête Idempotency-Key obligatoire" })
  .min(8, "8 caractères au moins")
  .max(128, "128 caractères au plus")
  .regex(/^[A-Za-z0-9_.:-]+$/, "lettres, chiffres, '_', '.', ':' ou '-' uniquement");

export const RescheduleInput = z.object({ startsAt: Instant });

// what the public API answers: in core's schema entry point, so the site validates with the same schemas
export { Booked, ManageView } from "../schema/appointment";
