import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

export const NOTICE_CHOICES = ["all", "soon", "none"] as const;

/** Which online changes an agent is told of by e-mail (none stored: "soon", the default). In the agent's partition. */
export const NoticePreferenceEntity = new Entity(
  {
    model: { entity: "noticePreference", version: "1", service: SERVICE },
    attributes: {
      agentId: { type: "string", required: true },
      changes: { type: NOTICE_CHOICES, required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["agentId"] }, sk: { field: "sk", composite: [], template: "noticepref" } },
    },
  },
  entityConfig(),
);

/**
 * One e-mail to an agent about one change of an appointment, claimed (a conditional put) before
 * it is sent: a retried request, or the same change seen twice, sends nothing more. Kept 30 days.
 */
export const NoticeSentEntity = new Entity(
  {
    model: { entity: "noticeSent", version: "1", service: SERVICE },
    attributes: {
      appointmentId: { type: "string", required: true },
      /** the change: booked, cancelled, or rescheduled to a start */
      change: { type: "string", required: true },
      agentId: { type: "string", required: true },
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["appointmentId"], template: "agentnotice#${appointmentId}" }, sk: { field: "sk", composite: ["change", "agentId"] } },
    },
  },
  entityConfig(),
);
