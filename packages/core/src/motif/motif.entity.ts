import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";
import { LOCATION_TYPES, NOTIFICATION_MODES } from "../schema/department-file";

/** A motif: what an usager books (service, duration, location type, booking rules). */
export const MotifEntity = new Entity(
  {
    model: { entity: "motif", version: "1", service: SERVICE },
    attributes: {
      motifId: { type: "string", required: true },
      organisationId: { type: "string", required: true },
      serviceId: { type: "string", required: true },
      name: { type: "string", required: true },
      durationMinutes: { type: "number", required: true },
      locationType: { type: LOCATION_TYPES, required: true },
      online: { type: "boolean", required: true },
      minDelayMinutes: { type: "number", required: true },
      maxDelayDays: { type: "number", required: true },
      bufferMinutes: { type: "number", required: true, default: 0 },
      collective: { type: "boolean", required: true, default: false },
      capacity: { type: "number" },
      /** minutes before the start; -1 when usagers may not do it themselves */
      cancelUntilMinutesBefore: { type: "number", required: true },
      rescheduleUntilMinutesBefore: { type: "number", required: true },
      notification: { type: NOTIFICATION_MODES, required: true, default: "normal" },
      reminderLeadHours: { type: "number" },
      instructions: { type: "string" },
      /** video motifs: the meeting link */
      videoUrl: { type: "string" },
      /** hidden from the public flow, booked only through a booking invitation naming it */
      invitationOnly: { type: "boolean" },
      /** through an invitation, only the invitation's référent agents' slots are offered */
      referentOnly: { type: "boolean" },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["motifId"] }, sk: { field: "sk", composite: [] } },
      byOrganisation: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["organisationId"] },
        sk: { field: "gsi1sk", composite: ["serviceId", "motifId"] },
      },
    },
  },
  entityConfig(),
);
