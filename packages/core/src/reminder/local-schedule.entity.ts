import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/** A schedule of the local scheduler, kept in the table so it survives restarts. */
export const LocalScheduleEntity = new Entity(
  {
    model: { entity: "localSchedule", version: "1", service: SERVICE },
    attributes: {
      name: { type: "string", required: true },
      appointmentId: { type: "string", required: true },
      at: { type: "string", required: true },
      timezone: { type: "string", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: [] }, sk: { field: "sk", composite: ["name"] } },
    },
  },
  entityConfig(),
);
