import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";

/**
 * An organisation's API key for a business tool. Only the SHA-256 of the key is stored; the key
 * carries its id (`rdv_<id>_<secret>`), so a request reads its item by primary key (a strongly
 * consistent read: a revoked key — a deleted item — is refused at once).
 */
export const ApiKeyEntity = new Entity(
  {
    model: { entity: "apiKey", version: "1", service: SERVICE },
    attributes: {
      keyId: { type: "string", required: true },
      organisationId: { type: "string", required: true },
      name: { type: "string", required: true },
      scopes: { type: "list", items: { type: "string" }, required: true },
      /** hex SHA-256 of the whole key */
      keyHash: { type: "string", required: true },
      createdByAgentId: { type: "string", required: true },
      createdByName: { type: "string", required: true },
      /** the last request made with it, to the minute */
      lastUsedAt: { type: "string" },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["keyId"] }, sk: { field: "sk", composite: [] } },
      /** an organisation's keys (the admins' list), beside its appointments by last change */
      byOrganisation: {
        index: "gsi3",
        pk: { field: "gsi3pk", composite: ["organisationId"] },
        sk: { field: "gsi3sk", composite: ["keyId"] },
      },
    },
  },
  entityConfig(),
);
