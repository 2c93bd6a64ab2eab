import { DateTime } from "luxon";
import { validate } from "../validate";
import * as AgentTime from "../agent-time";
import * as Audit from "../audit";
import { transact } from "../db/transact";
import * as Department from "../department";
import { ConflictError } from "../error";
import * as FreedTime from "../freed-time";
import * as Limits from "../limits";
import * as Motif from "../motif";
import * as Notification from "../notification";
import * as Webhook from "../webhook";
import * as Place from "../place";
import { expiresAt } from "../retention";
import type { AgentContext } from "../session";
import * as Slot from "../slot";
import * as Stats from "../stats";
import { SlotTakenError } from "./errors";
import { fromToken, messageFor, resolveToken, selfServicePolicy, view } from "./manage-link";
import { RescheduleInput, type ManageView } from "./schema";

/**
 * POST …/reschedule: moves the appointment to another free slot of the same motif and place,
 * in one transaction that takes the new time and frees the old one (same agent days read with
 * their versions), so a racing booking of the target slot leaves exactly one winner. Agents move
 * appointments through it too (`options.agent`: no usager cut-off or booking window, audited).
 */
export async function reschedule(token: string, body: unknown, now: Date, options: { agent?: AgentContext } = {}): Promise<ManageView> {
  const target = DateTime.fromISO(validate(RescheduleInput, body).startsAt, { setZone: true }).toUTC();
  return transact<ManageView>(async () => {
    const { participation, appointment } = await resolveToken(token);
    const [motif, department] = await Promise.all([Motif.fromId(appointment.motifId), Department.get()]);
    // agents are not bound by the usager cut-offs or booking window, only by the agents' free time
    const policy = options.agent
      ? selfServicePolicy("reschedule", 0, appointment.startsAt, appointment.status, appointment.collective, new Date(0))
      : selfServicePolicy("reschedule", motif.rescheduleUntilMinutesBefore, appointment.startsAt, appointment.status, appointment.collective, now);
    if (!policy.allowed) throw new ConflictError("appointment.reschedule_not_allowed", policy.reason!);
    if (target.toMillis() === Date.parse(appointment.startsAt)) return { done: await view(participation, appointment, now) };

    const day = Slot.localDay(target.toISO()!, department.timezone);
    const availability = await Slot.loadAvailability({ motifId: motif.motifId, placeId: appointment.placeId, organisationId: motif.organisationId, from: day, to: day });
    // the appointment's own time is free for itself (a move by a few minutes overlapping it)
    for (const agentId of Object.keys(availability.busy)) {
      availability.busy[agentId] = (availability.busy[agentId] ?? []).filter((b) => b.appointmentId !== appointment.appointmentId);
    }
    const slots = Slot.compute(department, motif, appointment.placeId, availability, { from: day, to: day, now, bookingWindow: !options.agent });
    const slot = slots.find((s) => Date.parse(s.startsAt) === target.toMillis());
    if (!slot) throw new SlotTakenError();
    const end = target.plus({ minutes: motif.durationMinutes });
    const interval: AgentTime.BusyInterval = { appointmentId: appointment.appointmentId, start: target.toISO()!, end: end.plus({ minutes: motif.bufferMinutes }).toISO()! };
    const agentIds = slot.agentIds.includes(appointment.agentIds[0]!) ? [appointment.agentIds[0]!] : [slot.agentIds[0]!];

    // new days (with the new interval, without the old one) and old days (without the old one)
    const taken = await AgentTime.reserve(agentIds, interval, department.timezone, appointment.appointmentId);
    if (!taken) return { retry: true };
    // a day in both keeps its new contents (`writes` keeps the first)
    const released = await AgentTime.release(appointment, now);
    const message = await messageFor("reschedule", participation, { ...appointment, startsAt: interval.start, endsAt: end.toISO()! }, motif, now);
    const sms = message.filter((m) => m.channel === "sms");
    // the usager's own reschedules send SMS to their number: counted against its daily SMS limit
    const limited = options.agent
      ? new Limits.Plan([])
      : await Limits.plan({ now, phone: sms[0]?.to, sms: sms.length, placePhone: (await Place.fromId(appointment.placeId)).phone });
    const moment = Notification.reminderAt(interval.start, appointment.timezone, motif, now);
    const oldMonth = Stats.monthOf(appointment.startsAt, appointment.timezone);
    const newMonth = Stats.monthOf(interval.start, appointment.timezone);
    const origin = appointment.createdBy === "usager" ? "online" : "agent";
    const moved =
      oldMonth === newMonth
        ? []
        : [
            Stats.increment(appointment.organisationId, appointment.serviceId, oldMonth, { total: -1, booked: -1, [origin]: -1 }),
            Stats.increment(appointment.organisationId, appointment.serviceId, newMonth, { total: 1, booked: 1, [origin]: 1 }),
          ];
    const { appointmentId } = appointment;
    const event = Webhook.event("appointment.updated", appointment, now);
    return {
      write: (e) => {
        const items = [
          (moment
            ? e.appointment.patch({ appointmentId }).set({ reminderAt: moment.toISOString() }).remove(["reminderNote"])
            : e.appointment.patch({ appointmentId }).set({ reminderNote: "moment_passed" }).remove(["reminderAt"])
          )
            .set({ startsAt: interval.start, endsAt: end.toISO()!, agentIds, expiresAt: expiresAt(end.toISO()!), scheduleStatus: "pending", workQueue: "work", workDueAt: now.toISOString() })
            .add({ version: 1 })
            .where((attr, op) => `${op.eq(attr.status, "booked")} AND ${op.eq(attr.startsAt, appointment.startsAt)}`)
            .commit(),
          ...AgentTime.writes(e, [taken, released]).items,
          ...message.map((r) => e.receipt.create(r).commit()),
          ...moved.map((c) => e.stats.update(c.key).add(c.add).commit()),
          ...(options.agent
            ? [e.audit.create(Audit.entry(appointmentId, options.agent, "reschedule", { startsAt: [appointment.startsAt, interval.start] }, now, appointment.expiresAt)).commit()]
            : []),
          // the old time goes to the waitlist once this commits (a put: never a conflict)
          FreedTime.item(e, { appointmentId, motifId: appointment.motifId, placeId: appointment.placeId, organisationId: appointment.organisationId, startsAt: appointment.startsAt, timezone: appointment.timezone }, now),
          Webhook.item(e, event),
          // last: the plan reads its refusals from the end of the cancellation reasons
          ...limited.items({ rateLimit: e.rateLimit, upcoming: e.upcoming } as Parameters<typeof limited.items>[0]),
        ];
        return { items: items as never, versioned: items.map((_, i) => i) };
      },
      committed: async () => {
        await Notification.afterChange(appointmentId, now);
        await Webhook.publish([event], now);
        return fromToken(token, now);
      },
      // a limit reached is a refusal, not a conflict
      cancelled: (reasons) => {
        const refusal = limited.refusal(reasons, reasons.length - limited.size);
        if (refusal) throw refusal;
        return undefined;
      },
    };
  });
}
