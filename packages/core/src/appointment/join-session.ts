import { transact } from "../db/transact";
import { ValidationError } from "../error";
import type * as Motif from "../motif";
import { AppointmentEntity } from "./appointment.entity";
import { bookingAttempt, type NewParticipation } from "./booking-items";
import { SessionFullError } from "./errors";
import type { Booked } from "./schema";

/**
 * A seat in a collective session: the session's seat count goes up on the condition that it is
 * below capacity (and the session still booked), in the booking's transaction, so a session
 * never exceeds its capacity whatever the concurrency.
 */
export async function joinSession(participant: NewParticipation, target: { motif: Motif.MotifRecord; placeId: string; start: string }): Promise<Booked> {
  const sessions = await AppointmentEntity.query.byOrganisationStart({ organisationId: participant.organisationId }).begins({ startsAt: target.start }).go({ pages: "all" });
  const session = sessions.data.find(
    (s) => s.collective && s.motifId === target.motif.motifId && s.placeId === target.placeId && s.status === "booked" && Date.parse(s.startsAt) === Date.parse(target.start),
  );
  if (!session) throw new ValidationError({ startsAt: "aucune séance collective à cet horaire" });
  const capacity = session.capacity ?? target.motif.capacity ?? 0;
  return transact((attempt) =>
    bookingAttempt(participant, {
      appointmentId: session.appointmentId, startsAt: session.startsAt, endsAt: session.endsAt, timezone: session.timezone, time: null,
      appointmentItem: (e) =>
        e.appointment
          .update({ appointmentId: session.appointmentId })
          .add({ seatsTaken: 1, version: 1 })
          .where((attr, op) => `${op.lt(attr.seatsTaken, capacity)} AND ${op.eq(attr.status, "booked")}`)
          .commit() as never,
      appointmentFailed: () => new SessionFullError(),
    }, attempt),
  );
}
