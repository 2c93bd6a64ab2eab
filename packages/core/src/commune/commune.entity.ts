import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/**
 * A commune served by at least one organisation, with its name and postcodes, written at import
 * from the national dataset so the API never loads the dataset itself.
 */
export const ServedCommuneEntity = new Entity(
  {
    model: { entity: "servedCommune", version: "1", service: SERVICE },
    attributes: {
      code: { type: "string", required: true },
      name: { type: "string", required: true },
      searchName: { type: "string", required: true },
      postcodes: { type: "list", items: { type: "string" }, required: true },
      organisationIds: { type: "list", items: { type: "string" }, required: true },
    },
    indexes: {
      /** every served commune in one query (a département has at most ~900 communes) */
      primary: { pk: { field: "pk", composite: [] }, sk: { field: "sk", composite: ["code"] } },
    },
  },
  entityConfig(),
);
