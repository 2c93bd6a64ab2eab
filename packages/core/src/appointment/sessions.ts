import { fn } from "../validate";
import { DateTime } from "luxon";
import * as Department from "../department";
import { NotFoundError } from "../error";
import * as Motif from "../motif";
import * as Place from "../place";
import * as Slot from "../slot";
import { AppointmentEntity } from "./appointment.entity";

export interface SessionInfo {
  id: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  seatsLeft: number;
}

type AppointmentRecord = Awaited<ReturnType<ReturnType<typeof AppointmentEntity.query.byOrganisationStart>["go"]>>["data"][number];

/** Collective sessions of a motif at a place with seats left, starting within the usager's window. */
export function openSessions(
  appointments: AppointmentRecord[],
  motif: Motif.MotifRecord,
  placeId: string,
  now: Date,
  bookingWindow: boolean,
): SessionInfo[] {
  const earliest = now.getTime() + (bookingWindow ? motif.minDelayMinutes * 60_000 : 0);
  const latest = bookingWindow ? now.getTime() + motif.maxDelayDays * 86_400_000 : Number.POSITIVE_INFINITY;
  return appointments
    .filter((a) => a.collective && a.motifId === motif.motifId && a.placeId === placeId && a.status === "booked")
    .filter((a) => Date.parse(a.startsAt) >= earliest && Date.parse(a.startsAt) <= latest)
    .map((a) => {
      const capacity = a.capacity ?? motif.capacity ?? 0;
      return {
        id: a.appointmentId,
        startsAt: Slot.toLocalIso(a.startsAt, a.timezone),
        endsAt: Slot.toLocalIso(a.endsAt, a.timezone),
        capacity,
        seatsLeft: Math.max(0, capacity - a.seatsTaken),
      };
    })
    .filter((s) => s.seatsLeft > 0)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

function instantsOf(from: string, to: string, timezone: string) {
  return {
    start: DateTime.fromISO(from, { zone: timezone }).startOf("day").toUTC().toISO()!,
    end: DateTime.fromISO(to, { zone: timezone }).plus({ days: 1 }).startOf("day").toUTC().toISO()!,
  };
}

/** Appointments of an organisation starting within local days [from, to] (one query, paged). */
export async function organisationAppointments(organisationId: string, from: string, to: string, timezone: string): Promise<AppointmentRecord[]> {
  const { start, end } = instantsOf(from, to, timezone);
  const result = await AppointmentEntity.query
    .byOrganisationStart({ organisationId })
    .between({ startsAt: start }, { startsAt: end })
    .go({ pages: "all" });
  return result.data.filter((a) => a.startsAt < end);
}

/** What an agenda shows of an appointment (see `summary`), and whom it may be shown to. */
export const SUMMARY_FIELDS = ["appointmentId", "organisationId", "serviceId", "motifId", "placeId", "agentIds", "startsAt", "endsAt", "timezone", "status", "label", "collective", "seatsTaken", "capacity", "arrivedAt"] as const;
export type AppointmentSummaryRecord = Pick<AppointmentRecord, (typeof SUMMARY_FIELDS)[number]>;

/**
 * The same query as `organisationAppointments`, answering only what an agenda shows: a week of
 * a large organisation is hundreds of appointments, and their keys, timestamps and reminder
 * fields were half of what was read.
 */
export async function organisationSummaries(organisationId: string, from: string, to: string, timezone: string): Promise<AppointmentSummaryRecord[]> {
  const { start, end } = instantsOf(from, to, timezone);
  const result = await AppointmentEntity.query
    .byOrganisationStart({ organisationId })
    .between({ startsAt: start }, { startsAt: end })
    .go({ pages: "all", attributes: [...SUMMARY_FIELDS] });
  return (result.data as AppointmentSummaryRecord[]).filter((a) => a.startsAt < end);
}

/** GET /v1/public/sessions?motif&place&from&to */
export const listSessions = fn(Slot.ListInput, async (input, now: Date): Promise<SessionInfo[]> => {
  const { motif: motifId, place: placeId, from, to } = input;
  const [motif, place, department] = await Promise.all([Motif.fromIdOnline(motifId), Place.fromId(placeId), Department.get()]);
  if (place.organisationId !== motif.organisationId) throw new NotFoundError("place.not_found", "Ce lieu ne propose pas ce motif.");
  if (!motif.collective) return [];
  const appointments = await organisationAppointments(motif.organisationId, from, to, department.timezone);
  return openSessions(appointments, motif, placeId, now, true);
});
