import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/**
 * Counters per organisation, local month and service, updated with ADD in the transaction of
 * each change (booking, cancellation, status), so statistics never scan appointments. Each
 * counter is split over a few shards so concurrent bookings rarely touch the same item; a
 * read sums them. Counts are per participation (one per usager and appointment).
 */
export const STATUS_COUNTERS = ["booked", "seen", "excused", "revoked", "noshow"] as const;

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
