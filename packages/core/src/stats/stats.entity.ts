import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/**
 * Counters per organisation, local month and service, updated with ADD in the transaction of
 * each change (booking, cancellation, status), so statistics never scan appointments. Each
 * counter is split over a few shards so concurrent bookings rarely touch the same item; a
 * read sums them. Counts are per participation (one per usager and appointment).
 */
export const STATUS_COUNTERS = ["booked", "seen", "excused", "revoked", "noshow"] as const;

/**
 * Counters added with issue #14, all per the appointment's month and service: SMS sent and their
 * delivery reports; cancellations (excused or revoked before the start) by how long before;
 * freed time of the agents (slots of cancelled appointments still to come) and how much of it
 * another appointment took again; the call list's outcomes.
 */
export const RECOVERY_COUNTERS = [
  "smsSent",
  "smsDelivered",
  "smsFailed",
  "cancelledUnder1Day",
  "cancelled1To7Days",
  "cancelledOver7Days",
  "freed",
  "refilled",
  "callConfirmed",
  "callCancelled",
  "callUnreachable",
] as const;

export const StatsEntity = new Entity(
  {
    model: { entity: "stats", version: "1", service: SERVICE },
    attributes: {
      organisationId: { type: "string", required: true },
      month: { type: "string", required: true },
      serviceId: { type: "string", required: true },
      shard: { type: "string", required: true },
      total: { type: "number" },
      online: { type: "number" },
      agent: { type: "number" },
      booked: { type: "number" },
      seen: { type: "number" },
      excused: { type: "number" },
      revoked: { type: "number" },
      noshow: { type: "number" },
      smsSent: { type: "number" },
      smsDelivered: { type: "number" },
      smsFailed: { type: "number" },
      cancelledUnder1Day: { type: "number" },
      cancelled1To7Days: { type: "number" },
      cancelledOver7Days: { type: "number" },
      freed: { type: "number" },
      refilled: { type: "number" },
      callConfirmed: { type: "number" },
      callCancelled: { type: "number" },
      callUnreachable: { type: "number" },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["organisationId"] },
        sk: { field: "sk", composite: ["month", "serviceId", "shard"] },
      },
    },
  },
  entityConfig(),
);
