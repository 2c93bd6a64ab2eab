import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/**
 * Where an agent's busy time is copied: the places where they have opening rules (see
 * docs/data-model.md, "busy time by place"). Every write of the agent's days checks `version`,
 * so a place added meanwhile (`cover`) never misses a day.
 */
export const AgentPlacesEntity = new Entity(
  {
    model: { entity: "agentPlaces", version: "1", service: SERVICE },
    attributes: {
      agentId: { type: "string", required: true },
      places: { type: "list", items: { type: "string" }, required: true, default: () => [] },
      version: { type: "number", required: true, default: 0 },
    },
    indexes: {
      // "$agentplaces_1": below the agent's "time#…" items, so the query of an agent's days never reads it
      primary: { pk: { field: "pk", composite: ["agentId"] }, sk: { field: "sk", composite: [] } },
    },
  },
  entityConfig(),
);

/**
 * A place's copy of its agents' busy time for one week (Monday, local): one attribute per agent
 * and day, `d|<agentId>|<day>` = JSON [day version, busy tuples], written in the same transaction
 * as the agent's day. The attributes are written and read as raw DynamoDB items (see
 * place-time.ts); this entity only makes the keys.
 */
export const PlaceWeekEntity = new Entity(
  {
    model: { entity: "placeWeek", version: "1", service: SERVICE },
    attributes: {
      placeId: { type: "string", required: true },
      week: { type: "string", required: true },
      expiresAt: { type: "number" },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["placeId"], template: "placetime#${placeId}" },
        sk: { field: "sk", composite: ["week"], template: "week#${week}" },
      },
    },
  },
  entityConfig(),
);

/**
 * The agents whose busy time a place's weeks hold completely: `a|<agentId>` = JSON [version,
 * places] of the agent's place list when their copy was completed (`cover`). An agent of the
 * place's rules without it is read from their own days.
 */
export const PlaceAgentsEntity = new Entity(
  {
    model: { entity: "placeAgents", version: "1", service: SERVICE },
    attributes: {
      placeId: { type: "string", required: true },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["placeId"], template: "placetime#${placeId}" },
        sk: { field: "sk", composite: [], template: "agents" },
      },
    },
  },
  entityConfig(),
);
