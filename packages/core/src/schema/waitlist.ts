import * as z from "zod";
import { Id, LocalDate, PublicPersonName } from "./common";

/** POST /v1/public/waitlist: an usager with no suitable slot asks to be told when one frees up. */
export const WaitlistJoinInput = z.object({
  motifId: Id,
  /** none: every place of the motif serving the commune */
  placeId: Id.optional(),
  commune: z.string().regex(/^(\d{5}|2[AB]\d{3})$/, "code INSEE de commune attendu (5 caractères)"),
  /** the last day a slot may fall on (at most 60 days ahead; 60 days when absent) */
  latestDate: LocalDate.optional(),
  serviceUser: z.object({
    firstName: PublicPersonName,
    lastName: PublicPersonName,
    phone: z.string().trim().min(1, "obligatoire").max(30, "30 caractères au plus"),
  }),
});
export type WaitlistJoinInput = z.infer<typeof WaitlistJoinInput>;

/** POST /v1/public/appointments/{manageToken}/waitlist (and the agents' route): an earlier slot, before `latestDate`. */
export const WaitlistEarlierInput = z.object({ latestDate: LocalDate.optional() });

/** 201 of POST /v1/public/waitlist */
export const WaitlistJoined = z.object({ id: z.string(), manageToken: z.string() });
export type WaitlistJoined = z.infer<typeof WaitlistJoined>;

/** An entry as its usager sees it (from its link, or the appointment's). */
export const WaitlistEntryView = z.object({
  id: z.string(),
  status: z.enum(["waiting", "booked", "left", "expired"]),
  service: z.string(),
  motif: z.object({ id: z.string(), name: z.string() }),
  /** null: every place serving the commune */
  place: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** last local day a slot may fall on */
  until: z.string(),
});
export type WaitlistEntryView = z.infer<typeof WaitlistEntryView>;

/** GET /v1/public/appointments/{manageToken}/waitlist */
export const WaitlistOfAppointment = z.object({ entry: WaitlistEntryView.nullable() });
export type WaitlistOfAppointment = z.infer<typeof WaitlistOfAppointment>;

/** GET /v1/public/offers/{offerToken} */
export const OfferView = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.object({ id: z.string(), name: z.string(), address: z.string().optional() }),
  motif: z.object({ id: z.string(), name: z.string(), locationType: z.string() }),
  service: z.string(),
  /** false: taken by someone else, passed, or the entry left the list */
  available: z.boolean(),
  /** an usager already booked: taking it moves their appointment */
  moves: z.boolean(),
});
export type OfferView = z.infer<typeof OfferView>;
