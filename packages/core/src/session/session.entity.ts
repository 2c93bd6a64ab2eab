import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";
import { AGENT_ROLES } from "../schema/department-file";

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
      /** the agent's `sessionVersion` when it opened; a different one on the agent ends it (absent: 0) */
      sessionVersion: { type: "number" },
      /** DynamoDB TTL; also checked on read (TTL deletion is lazy) */
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["tokenHash"] }, sk: { field: "sk", composite: [] } },
    },
  },
  entityConfig(),
);

/**
 * An invitation to join an organisation: the e-mailed link's token, hashed; used once. It holds
 * the membership offered (organisation, role, services) and grants it only when accepted, so
 * inviting an existing account changes nothing until its owner agrees. Invitations written
 * before that (`agentId`, membership already granted) are still accepted as they were.
 */
export const InvitationEntity = new Entity(
  {
    model: { entity: "invitation", version: "1", service: SERVICE },
    attributes: {
      tokenHash: { type: "string", required: true },
      invitationId: { type: "string" },
      email: { type: "string" },
      firstName: { type: "string" },
      lastName: { type: "string" },
      organisationId: { type: "string" },
      role: { type: AGENT_ROLES },
      serviceIds: { type: "list", items: { type: "string" } },
      /** older invitations only: the account created (with its membership) when invited */
      agentId: { type: "string" },
      invitedBy: { type: "string", required: true },
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["tokenHash"] }, sk: { field: "sk", composite: [] } },
      /** the pending invitations to an address (a new link supersedes them); older items without an e-mail are not listed */
      byEmail: {
        index: "gsi3",
        pk: { field: "gsi3pk", composite: ["email"] },
        sk: { field: "gsi3sk", composite: ["tokenHash"] },
      },
      /** an organisation's pending invitations (the team page); older items without an organisation are not listed */
      byOrganisation: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["organisationId"], template: "invitations#${organisationId}" },
        sk: { field: "gsi1sk", composite: ["tokenHash"] },
      },
    },
  },
  entityConfig(),
);

/**
 * A temporary sign-in lock of an account (`account#<sha-256 of the e-mail>`, whether the account
 * exists or not) or of a client address (`client#<address or IPv6 /64>`); removed by TTL.
 */
export const SignInLockEntity = new Entity(
  {
    model: { entity: "signInLock", version: "1", service: SERVICE },
    attributes: {
      key: { type: "string", required: true },
      /** epoch seconds; checked on read (TTL deletion is lazy) */
      lockedUntil: { type: "number", required: true },
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["key"] }, sk: { field: "sk", composite: [] } },
    },
  },
  entityConfig(),
);

/** A password reset link: only its token's hash is stored; used once, valid `PASSWORD_RESET_MINUTES`. */
export const PasswordResetEntity = new Entity(
  {
    model: { entity: "passwordReset", version: "1", service: SERVICE },
    attributes: {
      tokenHash: { type: "string", required: true },
      agentId: { type: "string", required: true },
      /** the agent's `sessionVersion` when asked: a link asked before a deactivation or another reset is void */
      sessionVersion: { type: "number", required: true },
      createdAt: { type: "string", required: true },
      /** epoch seconds; DynamoDB TTL, also checked on use */
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["tokenHash"] }, sk: { field: "sk", composite: [] } },
    },
  },
  entityConfig(),
);

/**
 * A ProConnect (OIDC) sign-in under way: what the callback checks the provider's answer against
 * (state, nonce, PKCE verifier), kept server-side under the SHA-256 of a random id that only the
 * browser's httpOnly cookie holds. Deleted on condition at the callback, so it serves once.
 */
export const OidcAttemptEntity = new Entity(
  {
    model: { entity: "oidcAttempt", version: "1", service: SERVICE },
    attributes: {
      attemptHash: { type: "string", required: true },
      state: { type: "string", required: true },
      nonce: { type: "string", required: true },
      codeVerifier: { type: "string", required: true },
      /** the back-office page to open once signed in */
      next: { type: "string", required: true },
      /** DynamoDB TTL; also checked on read */
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["attemptHash"] }, sk: { field: "sk", composite: [] } },
    },
  },
  entityConfig(),
);

/**
 * An agent's identity at an OIDC provider (issuer and `sub`), linked on the first sign-in by a
 * verified e-mail. Its key makes an identity unique: created on condition that it does not exist.
 */
export const OidcLinkEntity = new Entity(
  {
    model: { entity: "oidcLink", version: "1", service: SERVICE },
    attributes: {
      issuer: { type: "string", required: true },
      sub: { type: "string", required: true },
      agentId: { type: "string", required: true },
      linkedAt: { type: "string", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["issuer", "sub"] }, sk: { field: "sk", composite: [] } },
    },
  },
  entityConfig(),
);
