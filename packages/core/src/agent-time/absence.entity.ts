import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";

/** An agent's absence (wall-clock start and end, may span days, optionally recurring). */
export const AbsenceEntity = new Entity(
  {
    model: { entity: "absence", version: "1", service: SERVICE },
    attributes: {
      agentId: { type: "string", required: true },
      absenceId: { type: "string", required: true },
      title: { type: "string" },
      start: { type: "string", required: true },
      end: { type: "string", required: true },
      recurrence: {
        type: "map",
        properties: {
          everyWeeks: { type: "number", required: true },
          weekdays: { type: "list", items: { type: "string" }, required: true },
        },
      },
      until: { type: "string" },
      exceptions: { type: "any", required: true, default: () => [] },
      ...timestamps,
    },
    indexes: {
      /**
       * Every absence of an agent in one query (agents have few; recurring ones have no end).
       * Filed in the agent's partition after their days ("time#<day>", see AgentDayEntity), so
       * slot search reads an agent's days and absences in a single query.
       */
      primary: {
        pk: { field: "pk", composite: ["agentId"] },
        sk: { field: "sk", composite: ["absenceId"], template: "time#~absence#${absenceId}" },
      },
    },
  },
  entityConfig(),
);
