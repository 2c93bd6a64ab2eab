import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/** An agent's signed-in session; only the SHA-256 of the cookie's token is stored. */
export const SessionEntity = new Entity(
  {
    model: { entity: "session", version: "1", service: SERVICE },
    attributes: {
      tokenHash: { type: "string", required: true },
      agentId: { type: "string", required: true },
      csrfToken: { type: "string", required: true },
      organisationId: { type: "string", required: true },
      createdAt: { type: "string", required: true },
      /** DynamoDB TTL; also checked on read (TTL deletion is lazy) */
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["tokenHash"] }, sk: { field: "sk", composite: [] } },
    },
  },
  entityConfig(),
);

/** An invitation to join as an agent: the e-mailed link's token, hashed; used once. */
export const InvitationEntity = new Entity(
  {
    model: { entity: "invitation", version: "1", service: SERVICE },
    attributes: {
      tokenHash: { type: "string", required: true },
      agentId: { type: "string", required: true },
      invitedBy: { type: "string", required: true },
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["tokenHash"] }, sk: { field: "sk", composite: [] } },
    },
  },
  entityConfig(),
);
