import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/**
 * Busy time of one agent on one local day: the intervals of the appointments they hold that
 * day, kept compact so slot search reads an agent's weeks in one query whatever the number of
 * appointments. Booking transactions condition on `version`, so two bookings that read the same
 * day cannot both commit overlapping intervals.
 */
export const AgentDayEntity = new Entity(
  {
    model: { entity: "agentDay", version: "1", service: SERVICE },
    attributes: {
      agentId: { type: "string", required: true },
      /** local date YYYY-MM-DD in the département's timezone */
      day: { type: "string", required: true },
      /** [{appointmentId, start, end}] as UTC ISO instants; buffer included in `end` */
      busy: {
        type: "list",
        required: true,
        default: () => [],
        items: {
          type: "map",
          properties: {
            appointmentId: { type: "string", required: true },
            start: { type: "string", required: true },
            end: { type: "string", required: true },
          },
        },
      },
      version: { type: "number", required: true, default: 0 },
      expiresAt: { type: "number" },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["agentId"] },
        sk: { field: "sk", composite: ["day"] },
      },
    },
  },
  entityConfig(),
);
