import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/**
 * Counters of a reminder trial per organisation, service and text, moved with ADD at write time:
 * `reminded` when a reminder is sent with the text (once per participation), then each status
 * the participation holds (booked, seen, excused, revoked, noshow) moved in the transaction of
 * every status change. Split over shards like the statistics counters; a read sums them.
 */
export const TrialCountEntity = new Entity(
  {
    model: { entity: "trialCount", version: "1", service: SERVICE },
    attributes: {
      organisationId: { type: "string", required: true },
      trialId: { type: "string", required: true },
      textId: { type: "string", required: true },
      serviceId: { type: "string", required: true },
      shard: { type: "string", required: true },
      reminded: { type: "number" },
      booked: { type: "number" },
      seen: { type: "number" },
      excused: { type: "number" },
      revoked: { type: "number" },
      noshow: { type: "number" },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["organisationId"] },
        sk: { field: "sk", composite: ["trialId", "textId", "serviceId", "shard"] },
      },
    },
  },
  entityConfig(),
);
