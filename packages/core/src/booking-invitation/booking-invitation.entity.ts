import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";

/**
 * An invitation to book (docs/architecture.md, "Booking invitations"): an agent (or a business
 * tool) invites an usager known to the organisation to book one of a few motifs. Found by the
 * hash of its link's token (the token is derived from the id under the stage secret, never
 * stored), and listed per organisation newest first. Its messages are receipts under
 * `invitation.<id>` (the first ones, and the reminder due 3 days later, sent by the reconciler).
 */
export const BookingInvitationEntity = new Entity(
  {
    model: { entity: "bookingInvitation", version: "1", service: SERVICE },
    attributes: {
      invitationId: { type: "string", required: true },
      organisationId: { type: "string", required: true },
      serviceId: { type: "string", required: true },
      motifIds: { type: "list", items: { type: "string" }, required: true },
      serviceUserId: { type: "string", required: true },
      /** the usager's names when invited, for the agents' list (no read per row) */
      firstName: { type: "string", required: true },
      lastName: { type: "string", required: true },
      referentAgentIds: { type: "list", items: { type: "string" }, required: true, default: () => [] },
      channels: { type: "list", items: { type: "string" }, required: true },
      /** last local day the link may be used */
      expiresOn: { type: "string", required: true },
      timezone: { type: "string", required: true },
      status: { type: ["sent", "booked"] as const, required: true },
      sentAt: { type: "string", required: true },
      openedAt: { type: "string" },
      bookedAt: { type: "string" },
      appointmentId: { type: "string" },
      createdByAgentId: { type: "string" },
      tokenHash: { type: "string", required: true },
      expiresAt: { type: "number", required: true },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["invitationId"] }, sk: { field: "sk", composite: [] } },
      byOrganisation: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["organisationId"] },
        sk: { field: "gsi2sk", composite: ["sentAt", "invitationId"] },
      },
      byTokenHash: {
        index: "gsi3",
        pk: { field: "gsi3pk", composite: ["tokenHash"] },
        sk: { field: "gsi3sk", composite: [] },
      },
    },
  },
  entityConfig(),
);
