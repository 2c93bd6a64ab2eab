import * as z from "zod";
import { Id, LocalDate } from "./common";

/** What a booking invitation is sent by. */
export const INVITATION_CHANNELS = ["sms", "email"] as const;

/** An invitation's state as agents see it: sent, opened (its link was followed), booked, or expired unbooked. */
export const INVITATION_STATES = ["sent", "opened", "booked", "expired"] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

/**
 * POST /v1/agent/booking-invitations (and, at merge, the integration API's POST /v1/api/invitations):
 * whom (an usager known to the organisation, or the business tool's `externalId`), what (motifs,
 * or every motif of a service open to invitations), optional référent agents and last day.
 */
export const BookingInvitationInput = z
  .object({
    serviceUserId: Id.optional(),
    externalId: z.string().trim().min(1, "ne doit pas être vide").max(100, "100 caractères au plus").optional(),
    organisationId: Id,
    motifIds: z.array(Id).min(1, "au moins un motif").max(20, "20 motifs au plus").optional(),
    serviceId: Id.optional(),
    referentAgentIds: z.array(Id).min(1, "au moins un agent").max(10, "10 agents au plus").optional(),
    /** the last local day the invitation may be used (default: 30 days after sending) */
    expiresOn: LocalDate.optional(),
    channels: z.array(z.enum(INVITATION_CHANNELS, { error: "« sms » ou « email » attendu" })).min(1, "au moins un canal").max(2),
  })
  .superRefine((input, ctx) => {
    if (!input.serviceUserId === !input.externalId) {
      ctx.addIssue({ code: "custom", path: ["serviceUserId"], message: "« serviceUserId » ou « externalId » attendu (un seul des deux)" });
    }
    if (!input.motifIds === !input.serviceId) {
      ctx.addIssue({ code: "custom", path: ["motifIds"], message: "« motifIds » ou « serviceId » attendu (un seul des deux)" });
    }
  });
export type BookingInvitationInput = z.infer<typeof BookingInvitationInput>;

/** GET /v1/agent/booking-invitations?organisationId= */
export const BookingInvitationListInput = z.object({ organisationId: Id });

/** An invitation as agents see it. */
export const BookingInvitationInfo = z.object({
  id: z.string(),
  organisationId: z.string(),
  state: z.enum(INVITATION_STATES),
  serviceUser: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }),
  service: z.object({ id: z.string(), name: z.string() }),
  motifs: z.array(z.object({ id: z.string(), name: z.string() })),
  referentAgentIds: z.array(z.string()),
  channels: z.array(z.enum(INVITATION_CHANNELS)),
  sentAt: z.string(),
  openedAt: z.string().optional(),
  bookedAt: z.string().optional(),
  appointmentId: z.string().optional(),
  expiresOn: z.string(),
});
export type BookingInvitationInfo = z.infer<typeof BookingInvitationInfo>;

/** GET /v1/public/invitations/{invitationToken}: what the invitation page shows (as little personal data as needed). */
export const InvitationView = z.object({
  state: z.enum(["open", "booked", "expired"]),
  /** the usager's first name, for a greeting */
  firstName: z.string(),
  service: z.string(),
  organisation: z.string(),
  expiresOn: z.string(),
  motifs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      durationMinutes: z.number(),
      locationType: z.enum(["on_site", "home", "phone", "video"]),
      /** places where the motif has opening hours */
      placeIds: z.array(z.string()),
    }),
  ),
  places: z.array(z.object({ id: z.string(), name: z.string(), address: z.string() })),
});
export type InvitationView = z.infer<typeof InvitationView>;

/** POST /v1/public/invitations/{invitationToken}/book */
export const InvitationBookInput = z.object({ motifId: Id, placeId: Id, startsAt: z.string().min(1, "obligatoire").max(40, "40 caractères au plus") });
