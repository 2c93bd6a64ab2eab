import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";

/**
 * Time of a motif at a place that became free (a cancellation, a revocation, a reschedule away),
 * written in the same transaction as the change that freed it, with a deterministic id (the
 * appointment and its old start), so it exists once. It waits in the sparse work index (gsi4,
 * queue "freed") until the waitlist has offered it (Waitlist.offerFreed, run by the reconciler).
 */
export const FreedTimeEntity = new Entity(
  {
    model: { entity: "freedTime", version: "1", service: SERVICE },
    attributes: {
      freedId: { type: "string", required: true },
      motifId: { type: "string", required: true },
      placeId: { type: "string", required: true },
      organisationId: { type: "string", required: true },
      /** UTC instant the freed time started at */
      startsAt: { type: "string", required: true },
      timezone: { type: "string", required: true },
      workQueue: { type: "string" },
      workDueAt: { type: "string" },
      expiresAt: { type: "number", required: true },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["freedId"] }, sk: { field: "sk", composite: [] } },
      pendingWork: {
        index: "gsi4",
        pk: { field: "gsi4pk", composite: ["workQueue"] },
        sk: { field: "gsi4sk", composite: ["workDueAt"] },
      },
    },
  },
  entityConfig(),
);
