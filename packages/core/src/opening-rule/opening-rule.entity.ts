import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";

/** A plage d'ouverture: when an agent receives, where, for which motifs (wall-clock times). */
export const OpeningRuleEntity = new Entity(
  {
    model: { entity: "openingRule", version: "1", service: SERVICE },
    attributes: {
      ruleId: { type: "string", required: true },
      agentId: { type: "string", required: true },
      placeId: { type: "string", required: true },
      organisationId: { type: "string", required: true },
      motifIds: { type: "list", items: { type: "string" }, required: true },
      firstDay: { type: "string", required: true },
      until: { type: "string" },
      start: { type: "string", required: true },
      end: { type: "string", required: true },
      /** null for a single day */
      recurrence: {
        type: "map",
        properties: {
          // weekly
          everyWeeks: { type: "number" },
          weekdays: { type: "list", items: { type: "string" } },
          // monthly: the ordinal-th (1–5, or "last") weekday, every N months
          everyMonths: { type: "number" },
          ordinal: { type: "any" },
          weekday: { type: "string" },
        },
      },
      /** single occurrences cancelled or moved: [{day, cancelled} | {day, moved:{day,start,end}}] */
      exceptions: { type: "any", required: true, default: () => [] },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["ruleId"] }, sk: { field: "sk", composite: [] } },
      /** slot search: every rule of a place in one query */
      byPlace: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["placeId"] },
        sk: { field: "gsi1sk", composite: ["agentId", "ruleId"] },
      },
      /** every rule of an organisation (next availability of every place), or of one agent there */
      byOrganisation: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["organisationId"] },
        sk: { field: "gsi2sk", composite: ["agentId", "ruleId"] },
      },
    },
  },
  entityConfig(),
);
