import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";

/** An organisation (MDS, site) and the communes it serves (sectorisation by INSEE code). */
export const OrganisationEntity = new Entity(
  {
    model: { entity: "organisation", version: "1", service: SERVICE },
    attributes: {
      organisationId: { type: "string", required: true },
      name: { type: "string", required: true },
      communes: { type: "list", items: { type: "string" }, required: true, default: () => [] },
      ...timestamps,
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["organisationId"] },
        sk: { field: "sk", composite: [] },
      },
      /** every organisation of the département */
      all: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: [] },
        sk: { field: "gsi1sk", composite: ["organisationId"] },
      },
    },
  },
  entityConfig(),
);
