import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/**
 * An agent's calendar feed: the SHA-256 of the secret token in its address (the token itself is
 * shown once, never stored), found by that hash (gsi3, exact look-ups). One per agent, in the
 * agent's partition: a new token replaces the old one, revoking deletes the item.
 */
export const CalendarFeedEntity = new Entity(
  {
    model: { entity: "calendarFeed", version: "1", service: SERVICE },
    attributes: {
      agentId: { type: "string", required: true },
      tokenHash: { type: "string", required: true },
      createdAt: { type: "string", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["agentId"] }, sk: { field: "sk", composite: [], template: "calendarfeed" } },
      byTokenHash: { index: "gsi3", pk: { field: "gsi3pk", composite: ["tokenHash"] }, sk: { field: "gsi3sk", composite: [] } },
    },
  },
  entityConfig(),
);
