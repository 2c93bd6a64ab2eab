import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";

/**
 * The last local day an absence touches (YYYY-MM-DD): its end's day, or for a recurring one its
 * `until` ("9999-12-31" without one), moved occurrences included. Indexed, so a search reads
 * only the absences still running from its first day on.
 */
export function lastDayOf(absence: { end?: unknown; until?: unknown; recurrence?: unknown; exceptions?: unknown }): string {
  const days = [absence.recurrence ? (typeof absence.until === "string" ? absence.until : "9999-12-31") : String(absence.end ?? "").slice(0, 10)];
  if (Array.isArray(absence.exceptions)) {
    for (const exception of absence.exceptions as Array<{ moved?: { day?: unknown } }>) {
      if (typeof exception?.moved?.day === "string") days.push(exception.moved.day);
    }
  }
  return days.sort().at(-1)!;
}

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
          // weekly
          everyWeeks: { type: "number" },
          weekdays: { type: "list", items: { type: "string" } },
          // monthly: the ordinal-th (1–5, or "last") weekday, every N months
          everyMonths: { type: "number" },
          ordinal: { type: "any" },
          weekday: { type: "string" },
        },
      },
      until: { type: "string" },
      exceptions: { type: "any", required: true, default: () => [] },
      /** computed on every put (see lastDayOf); not returned */
      lastDay: { type: "string", hidden: true, watch: ["end", "until", "recurrence", "exceptions"], set: (_: unknown, item: Record<string, unknown>) => lastDayOf(item) },
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
      /**
       * Every absence of the département still running on a day, in one query (slot search and
       * agendas read all their agents' absences at once): one partition, ordered by last day.
       */
      byLastDay: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: [], template: "absences" },
        sk: { field: "gsi1sk", composite: ["lastDay", "agentId", "absenceId"] },
      },
    },
  },
  entityConfig(),
);
