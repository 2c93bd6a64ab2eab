import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";

/** A service of the département (PMI, service social, RSA…). */
export const ServiceEntity = new Entity(
  {
    model: { entity: "service", version: "1", service: SERVICE },
    attributes: {
      serviceId: { type: "string", required: true },
      name: { type: "string", required: true },
      shortName: { type: "string" },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["serviceId"] }, sk: { field: "sk", composite: [] } },
      /** every service of the département */
      all: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: [] },
        sk: { field: "gsi1sk", composite: ["serviceId"] },
      },
    },
  },
  entityConfig(),
);
