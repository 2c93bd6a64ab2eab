import { CustomAttributeType, Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";
import type { BusyInterval, FreedInterval } from "./busy";

/**
 * A day's busy list is stored as one JSON string of [appointmentId, start, end] tuples rather
 * than a DynamoDB list of maps: slot search reads hundreds of intervals per request, and
 * unmarshalling nested attributes (SDK, ElectroDB and DynamoDB Local alike) cost more than the
 * rest of the search. Items written as a list of maps are still read.
 */
export function encodeBusy(busy: BusyInterval[]): string {
  return JSON.stringify(busy.map((b) => [b.appointmentId, b.start, b.end]));
}

export function decodeBusy(stored: unknown): BusyInterval[] {
  if (Array.isArray(stored)) return stored as BusyInterval[];
  if (typeof stored !== "string") return [];
  return (JSON.parse(stored) as Array<[string, string, string]>).map(([appointmentId, start, end]) => ({ appointmentId, start, end }));
}

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
      /** [{appointmentId, start, end}] as UTC ISO instants, buffer included in `end` (stored encoded, see encodeBusy) */
      busy: {
        type: CustomAttributeType<BusyInterval[]>("any"),
        required: true,
        default: () => [],
        set: (busy?: BusyInterval[]) => encodeBusy(busy ?? []),
        get: (stored: unknown) => decodeBusy(stored),
      },
      /**
       * Time of this day that a cancellation, revocation or move gave back while it was still to
       * come, until another appointment takes it (then counted as refilled): what the statistics'
       * refill rate is made of. JSON like `busy`; absent on most days.
       */
      freed: {
        type: CustomAttributeType<FreedInterval[]>("any"),
        set: (freed?: FreedInterval[]) => (freed && freed.length > 0 ? JSON.stringify(freed) : undefined),
        get: (stored: unknown) => (typeof stored === "string" ? (JSON.parse(stored) as FreedInterval[]) : []),
      },
      version: { type: "number", required: true, default: 0 },
      expiresAt: { type: "number" },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["agentId"] },
        // "time#<day>": an agent's days sort before their absences ("time#~absence#<id>", see
        // AbsenceEntity), so one query from a day on returns both (slot search)
        sk: { field: "sk", composite: ["day"], template: "time#${day}" },
      },
    },
  },
  entityConfig(),
);
