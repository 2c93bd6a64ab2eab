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

/**
 * Configuration changes of an organisation (places, motifs, opening rules, absences,
 * invitations): who, when, what changed, written in the same transaction as the change.
 * One partition per organisation, newest last; kept two years, then removed by TTL.
 */
export const ConfigAuditEntity = new Entity(
  {
    model: { entity: "configAudit", version: "1", service: SERVICE },
    attributes: {
      organisationId: { type: "string", required: true },
      auditId: { type: "string", required: true },
      at: { type: "string", required: true },
      agentId: { type: "string", required: true },
      agentName: { type: "string", required: true },
      action: { type: "string", required: true },
      /** what the change is about: `place`, `motif`, `opening_rule`, `absence`, `invitation` */
      subjectType: { type: "string", required: true },
      subjectId: { type: "string", required: true },
      /** {field: [before, after]} */
      changes: { type: "any" },
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["organisationId"], template: "orgaudit#${organisationId}" },
        sk: { field: "sk", composite: ["at", "auditId"] },
      },
    },
  },
  entityConfig(),
);
