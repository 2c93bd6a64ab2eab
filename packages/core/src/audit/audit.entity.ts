import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/** Every agent action on an appointment: who, when, what changed (guarantee 7 in docs/architecture.md). */
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

/**
 * Security events of an account or a client address that concern no appointment: sign-in
 * failures and locks. `subject` is `agent#<agentId>` for an existing account, `email#<sha-256>`
 * for an address that has none, `client#<address or IPv6 /64>` for a client's lock. No e-mail
 * address or password is ever stored here.
 */
export const AccountAuditEntity = new Entity(
  {
    model: { entity: "accountAudit", version: "1", service: SERVICE },
    attributes: {
      subject: { type: "string", required: true },
      auditId: { type: "string", required: true },
      at: { type: "string", required: true },
      action: { type: "string", required: true },
      agentId: { type: "string" },
      emailHash: { type: "string" },
      client: { type: "string" },
      /** for locks: until when (ISO instant) */
      until: { type: "string" },
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["subject"] },
        sk: { field: "sk", composite: ["at", "auditId"] },
      },
    },
  },
  entityConfig(),
);
