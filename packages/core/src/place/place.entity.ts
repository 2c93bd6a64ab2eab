import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";

/** A lieu: where appointments happen (or the agent's base for home, phone and video ones). */
export const PlaceEntity = new Entity(
  {
    model: { entity: "place", version: "1", service: SERVICE },
    attributes: {
      placeId: { type: "string", required: true },
      organisationId: { type: "string", required: true },
      name: { type: "string", required: true },
      /** the name SMS use (see PlaceInput); the name when absent */
      shortName: { type: "string" },
      address: { type: "string", required: true },
      phone: { type: "string" },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["placeId"] }, sk: { field: "sk", composite: [] } },
      byOrganisation: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["organisationId"] },
        sk: { field: "gsi1sk", composite: ["placeId"] },
      },
    },
  },
  entityConfig(),
);
