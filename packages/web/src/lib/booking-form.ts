// Shapes shared by the booking form (client) and its Server Action: no server-only imports here.

export const BOOKING_FIELDS = [
  "firstName",
  "lastName",
  "phone",
  "email",
  "address",
  "relativeFirstName",
  "relativeLastName",
  "relativeBirthDate",
  "prescriberName",
  "prescriberStructure",
  "prescriberPhone",
  "prescriberEmail",
] as const;
export type BookingField = (typeof BOOKING_FIELDS)[number];

export type BookingValues = Record<BookingField, string> & { forWhom: "self" | "relative" };

/** The API's field paths (`fields` of a 400) and the form input each belongs to. */
export const FIELD_OF_API_PATH: Record<string, BookingField> = {
  "serviceUser.firstName": "firstName",
  "serviceUser.lastName": "lastName",
  "serviceUser.phone": "phone",
  "serviceUser.email": "email",
  "serviceUser.address": "address",
  "relative.firstName": "relativeFirstName",
  "relative.lastName": "relativeLastName",
  "relative.birthDate": "relativeBirthDate",
  "prescriber.name": "prescriberName",
  "prescriber.structure": "prescriberStructure",
  "prescriber.phone": "prescriberPhone",
  "prescriber.email": "prescriberEmail",
};

export interface AlternativeSlot {
  startsAt: string;
  /** "Mardi 1 décembre 2026 à 14:00", formatted on the server in the département's timezone. */
  label: string;
}

export interface BookingFormState {
  /** Sent as Idempotency-Key: kept after an unanswered request, renewed after a definite refusal. */
  idempotencyKey: string;
  values?: BookingValues;
  fieldErrors?: Partial<Record<BookingField, string>>;
  formError?: string;
  /** The chosen slot is gone: the nearest free ones, and the week to see them all. */
  slotGone?: { reason: "taken" | "unavailable"; alternatives: AlternativeSlot[]; slotsHref: string };
}
