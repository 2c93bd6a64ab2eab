import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/** Every agent action on an appointment: who, when, what changed (DESIGN guarantee 7). */
export const AuditEntity = new Entity(
  {
    model: { entity: "audit", version: "1", service: SERVICE },
    attributes: {
      appointmentId: { type: "string", required: true },
      auditId: { type: "string", required: true },
      at: { type: "string", required: true },
      agentId: { type: "string", required: true },
      agentName: { type: "string", required: true },
      action: { type: "string", required: true },
      /** {field: [before, after]} */
      changes: { type: "any" },
      expiresAt: { type: "number" },
    },
    indexes: {
      primary: {
        collection: "appointment",
        pk: { field: "pk", composite: ["appointmentId"] },
        sk: { field: "sk", composite: ["at", "auditId"] },
      },
    },
  },
  entityConfig(),
);
