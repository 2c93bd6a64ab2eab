import * as AgentTime from "../agent-time";
import { transact } from "../db/transact";
import { ConflictError } from "../error";
import * as FreedTime from "../freed-time";
import * as Motif from "../motif";
import * as Notification from "../notification";
import * as ReminderTrial from "../reminder-trial";
import * as Stats from "../stats";
import * as Webhook from "../webhook";
import { cancellationCounters } from "./cancellation-counters";
import { fromToken, messageFor, resolveToken, selfServicePolicy, view } from "./manage-link";
import type { ManageView } from "./schema";

/**
 * POST …/cancel: the participation (and an individual appointment) becomes excused; the time is
 * freed at once, in the same transaction, conditioned on the agents' days as read.
 */
export async function cancel(token: string, now: Date): Promise<ManageView> {
  return transact<ManageView>(async () => {
    const { participation, appointment } = await resolveToken(token);
    const motif = await Motif.fromId(appointment.motifId);
    if (participation.status === "excused") return { done: await view(participation, appointment, now) }; // already done: same answer
    const policy = selfServicePolicy("cancel", motif.cancelUntilMinutesBefore, appointment.startsAt, appointment.status, appointment.collective, now);
    if (!policy.allowed) throw new ConflictError("appointment.cancel_not_allowed", policy.reason!);
    const month = Stats.monthOf(appointment.startsAt, appointment.timezone);
    const freed = appointment.collective ? null : await AgentTime.release(appointment, now);
    const message = await messageFor("cancellation", participation, appointment, motif, now);
    const counted = Stats.increment(appointment.organisationId, appointment.serviceId, month, { booked: -1, excused: 1, ...cancellationCounters(appointment.startsAt, 1, now) });
    const trial = ReminderTrial.statusMoves([participation], appointment.organisationId, appointment.serviceId, "booked", "excused");
    const { appointmentId } = appointment;
    // an individual appointment is cancelled; a session loses one participant
    const event = Webhook.event(appointment.collective ? "appointment.updated" : "appointment.cancelled", appointment, now);
    return {
      write: (e) => {
        const items = [
          e.participation
            .patch({ appointmentId, participationId: participation.participationId })
            .set({ status: "excused" })
            .where((attr, op) => op.eq(attr.status, "booked"))
            .where(ReminderTrial.countedAsRead(participation))
            .commit(),
          appointment.collective
            ? e.appointment.patch({ appointmentId }).add({ seatsTaken: -1, version: 1 }).where((attr, op) => op.eq(attr.status, "booked")).commit()
            : e.appointment
                .patch({ appointmentId })
                .set({ status: "excused", scheduleStatus: "pending", workQueue: "work", workDueAt: now.toISOString() })
                .add({ version: 1 })
                .where((attr, op) => op.eq(attr.status, "booked"))
                .commit(),
          ...(freed ? AgentTime.writes(e, [freed]).items : []),
          ...message.map((r) => e.receipt.create(r).commit()),
          e.stats.update(counted.key).add(counted.add).commit(),
          ...trial.map((t) => e.trialCount.update(t.key).add(t.add).commit()),
          Webhook.item(e, event),
          // the time goes to the waitlist once this commits (offered by the reconciler)
          ...(appointment.collective ? [] : [FreedTime.item(e, { appointmentId, motifId: appointment.motifId, placeId: appointment.placeId, organisationId: appointment.organisationId, startsAt: appointment.startsAt, timezone: appointment.timezone }, now)]),
        ];
        const versioned = items.length - (appointment.collective ? 0 : 1);
        // every condition is on what was read: any failure means "read again"
        return { items, versioned: items.map((_, i) => i).slice(0, versioned) };
      },
      committed: async () => {
        await Notification.afterChange(appointmentId, now);
        await Webhook.publish([event], now);
        return fromToken(token, now);
      },
    };
  });
}
