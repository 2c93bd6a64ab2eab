import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";
import { AGENT_ROLES } from "../schema/department-file";

/** An agent of the département's services. */
export const AgentEntity = new Entity(
  {
    model: { entity: "agent", version: "1", service: SERVICE },
    attributes: {
      agentId: { type: "string", required: true },
      email: { type: "string", required: true },
      firstName: { type: "string", required: true },
      lastName: { type: "string", required: true },
      organisationIds: { type: "list", items: { type: "string" }, required: true },
      serviceIds: { type: "list", items: { type: "string" }, required: true },
      role: { type: AGENT_ROLES, required: true },
      passwordHash: { type: "string" },
      /** set while the account is deactivated (ISO instant): every sign-in path refuses it, every session check too */
      deactivatedAt: { type: "string" },
      /** sessions opened under another version are over (deactivation, a password reset); absent: 0 */
      sessionVersion: { type: "number" },
      lastSignInAt: { type: "string" },
      /** the OIDC identity (`issuer sub`) linked to this account (see session/oidc.ts), at most one */
      oidcSubject: { type: "string" },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["agentId"] }, sk: { field: "sk", composite: [] } },
      byEmail: {
        index: "gsi3",
        pk: { field: "gsi3pk", composite: ["email"] },
        sk: { field: "gsi3sk", composite: [] },
      },
    },
  },
  entityConfig(),
);

/**
 * One item per (agent, organisation): lists an organisation's agents (a list attribute cannot
 * be indexed) and carries the agent's services there.
 */
export const MembershipEntity = new Entity(
  {
    model: { entity: "membership", version: "1", service: SERVICE },
    attributes: {
      agentId: { type: "string", required: true },
      organisationId: { type: "string", required: true },
      role: { type: AGENT_ROLES, required: true },
      serviceIds: { type: "list", items: { type: "string" }, required: true },
      ...timestamps,
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["agentId"] },
        sk: { field: "sk", composite: ["organisationId"] },
      },
      byOrganisation: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["organisationId"] },
        sk: { field: "gsi1sk", composite: ["agentId"] },
      },
    },
  },
  entityConfig(),
);
