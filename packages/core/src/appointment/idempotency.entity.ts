import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/**
 * One item per Idempotency-Key, written in the booking transaction itself (condition: it does
 * not exist), so a retried request finds the first result and a reused key with another body
 * is told apart by the request hash. Kept 24 hours.
 */
export const IdempotencyEntity = new Entity(
  {
    model: { entity: "idempotency", version: "1", service: SERVICE },
    attributes: {
      key: { type: "string", required: true },
      requestHash: { type: "string", required: true },
      appointmentId: { type: "string", required: true },
      participationId: { type: "string", required: true },
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["key"] }, sk: { field: "sk", composite: [] } },
    },
  },
  entityConfig(),
);
