import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";

/** An usager of the département. Phone stored in E.164. */
export const ServiceUserEntity = new Entity(
  {
    model: { entity: "serviceUser", version: "1", service: SERVICE },
    attributes: {
      serviceUserId: { type: "string", required: true },
      firstName: { type: "string", required: true },
      lastName: { type: "string", required: true },
      phone: { type: "string" },
      phoneIsMobile: { type: "boolean", required: true, default: false },
      email: { type: "string" },
      birthDate: { type: "string" },
      address: { type: "string" },
      smsOptOut: { type: "boolean", required: true, default: false },
      /** appointments marked no-show (moved with each status change, in its transaction): the call list's "previous no-show" */
      noShows: { type: "number" },
      /** TTL: 2 years after the usager's last appointment (moved on by each booking) */
      expiresAt: { type: "number" },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["serviceUserId"] }, sk: { field: "sk", composite: [] } },
      /** the same person coming back (families share a phone: names or birth date decide) */
      byPhone: {
        index: "gsi3",
        pk: { field: "gsi3pk", composite: ["phone"] },
        sk: { field: "gsi3sk", composite: ["serviceUserId"] },
      },
      byEmail: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["email"] },
        sk: { field: "gsi1sk", composite: ["serviceUserId"] },
      },
    },
  },
  entityConfig(),
);

/**
 * An usager as known to one organisation: agents search their organisation's usagers by name
 * prefix (sort key) without seeing other organisations' files.
 */
export const UserProfileEntity = new Entity(
  {
    model: { entity: "userProfile", version: "1", service: SERVICE },
    attributes: {
      organisationId: { type: "string", required: true },
      serviceUserId: { type: "string", required: true },
      /** lower-case, accent-free "lastname firstname" */
      searchName: { type: "string", required: true },
      /** TTL: as the usager's record */
      expiresAt: { type: "number" },
      ...timestamps,
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["organisationId"] },
        sk: { field: "sk", composite: ["searchName", "serviceUserId"] },
      },
      byServiceUser: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["serviceUserId"] },
        sk: { field: "gsi2sk", composite: ["organisationId"] },
      },
    },
  },
  entityConfig(),
);
