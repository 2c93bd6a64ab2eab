import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";

/**
 * An usager waiting for an earlier slot of a motif (docs/architecture.md, "Recovering freed
 * time"). While waiting it carries `waitingFor` (`<motif>#<place>`, or `<motif>#*` for every place
 * of the motif's organisation) and `waitingSince`, the keys of the sparse `waiting` index: finding
 * whom to offer freed time is a query of that index, oldest first, never a scan. Leaving, booking
 * or expiring removes them. Entries made from an appointment's manage link have the id
 * `p.<participationId>` (one per participation) and carry the appointment.
 */
export const WaitlistEntryEntity = new Entity(
  {
    model: { entity: "waitlistEntry", version: "1", service: SERVICE },
    attributes: {
      entryId: { type: "string", required: true },
      motifId: { type: "string", required: true },
      serviceId: { type: "string", required: true },
      organisationId: { type: "string", required: true },
      placeId: { type: "string" },
      commune: { type: "string" },
      /** last local day a slot may fall on (the latest date asked, at most 60 days after joining) */
      until: { type: "string", required: true },
      timezone: { type: "string", required: true },
      /** E.164 mobile number the offers go to */
      phone: { type: "string", required: true },
      firstName: { type: "string", required: true },
      lastName: { type: "string", required: true },
      appointmentId: { type: "string" },
      participationId: { type: "string" },
      /** the appointment's start when the entry was made: offers are earlier than it */
      before: { type: "string" },
      status: { type: ["waiting", "booked", "left"] as const, required: true },
      tokenHash: { type: "string" },
      waitingFor: { type: "string" },
      waitingSince: { type: "string" },
      /** local day of the last offer sent (one offer SMS per entry and day) */
      lastOfferedOn: { type: "string" },
      expiresAt: { type: "number", required: true },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["entryId"] }, sk: { field: "sk", composite: [] } },
      waiting: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["waitingFor"] },
        sk: { field: "gsi2sk", composite: ["waitingSince"] },
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

/**
 * One offer of a freed slot to one entry, found by the hash of its link's token (the token is
 * derived, never stored, like a manage token). Taken once: the booking's own guarantees decide
 * who gets the slot; the offer records the appointment it became.
 */
export const WaitlistOfferEntity = new Entity(
  {
    model: { entity: "waitlistOffer", version: "1", service: SERVICE },
    attributes: {
      tokenHash: { type: "string", required: true },
      offerId: { type: "string", required: true },
      entryId: { type: "string", required: true },
      motifId: { type: "string", required: true },
      placeId: { type: "string", required: true },
      /** UTC instants */
      startsAt: { type: "string", required: true },
      endsAt: { type: "string", required: true },
      timezone: { type: "string", required: true },
      status: { type: ["open", "taken"] as const, required: true },
      appointmentId: { type: "string" },
      expiresAt: { type: "number", required: true },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["tokenHash"] }, sk: { field: "sk", composite: [] } },
    },
  },
  entityConfig(),
);

/**
 * The waiting entries of one mobile number, so joining can condition on them (`version`): at most
 * N open entries per number however many requests race. Entries that left, booked or expired are
 * dropped at the next join.
 */
export const WaitlistHolderEntity = new Entity(
  {
    model: { entity: "waitlistHolder", version: "1", service: SERVICE },
    attributes: {
      phone: { type: "string", required: true },
      entries: {
        type: "list",
        required: true,
        items: { type: "map", properties: { entryId: { type: "string", required: true }, until: { type: "string", required: true } } },
      },
      version: { type: "number", required: true, default: 0 },
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["phone"] }, sk: { field: "sk", composite: [], template: "waitlist" } },
    },
  },
  entityConfig(),
);
