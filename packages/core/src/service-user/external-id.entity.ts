import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";

/**
 * The tie between a business tool's own id for an usager (`externalId`) and the usager, one per
 * organisation: created on the condition that it does not exist, so two racing upserts of one
 * externalId make one usager. `ExternalRefEntity` is the same tie read the other way (an
 * appointment's usagers with their externalIds, in one batch read).
 */
export const ExternalIdEntity = new Entity(
  {
    model: { entity: "externalId", version: "1", service: SERVICE },
    attributes: {
      organisationId: { type: "string", required: true },
      externalId: { type: "string", required: true },
      serviceUserId: { type: "string", required: true },
      expiresAt: { type: "number" },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["organisationId", "externalId"] }, sk: { field: "sk", composite: [] } },
    },
  },
  entityConfig(),
);

export const ExternalRefEntity = new Entity(
  {
    model: { entity: "externalRef", version: "1", service: SERVICE },
    attributes: {
      organisationId: { type: "string", required: true },
      serviceUserId: { type: "string", required: true },
      externalId: { type: "string", required: true },
      expiresAt: { type: "number" },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["serviceUserId", "organisationId"] }, sk: { field: "sk", composite: [] } },
    },
  },
  entityConfig(),
);
