import { DateTime } from "luxon";
import * as z from "zod";
import { validate } from "../validate";
import * as AgentTime from "../agent-time";
import * as Audit from "../audit";
import { transact, type TransactionEntities } from "../db/transact";
import { ConflictError } from "../error";
import * as FreedTime from "../freed-time";
import * as ManageToken from "../manage-token";
import * as Motif from "../motif";
import * as Notification from "../notification";
import * as ReminderTrial from "../reminder-trial";
import type { AgentContext } from "../session";
import * as Stats from "../stats";
import * as Webhook from "../webhook";
import { detail, load } from "./agent-view";
import { messageFor } from "./manage-link";
import { cancellationCounters } from "./cancellation-counters";
import { reschedule } from "./reschedule";
import { Instant } from "./schema";

export const STATUSES = ["booked", "seen", "excused", "revoked", "noshow"] as const;
export const StatusInput = z.object({ status: z.enum(STATUSES) });

type Detail = Awaited<ReturnType<typeof detail>>;

/**
 * Marks a past appointment seen, excused, revoked or no-show (one click from the agenda or the
 * "to mark" list). Counters move from the old status to the new one in the same transaction,
 * conditioned on the status read.
 */
export async function setStatus(appointmentId: string, body: unknown, ctx: AgentContext, now: Date) {
  const { status } = validate(StatusInput, body);
  return transact<Detail>(async () => {
    const { appointment, collection } = await load(appointmentId, ctx);
    if (Date.parse(appointment.startsAt) > now.getTime()) {
      throw new ConflictError("appointment.not_past", "Ce rendez-vous est à venir : pour l'annuler, utilisez « Annuler le rendez-vous ».");
    }
    if (appointment.status === status) return { done: await detail(appointmentId, ctx) };
    const month = Stats.monthOf(appointment.startsAt, appointment.timezone);
    const participations = collection.participation.filter((p) => p.status === appointment.status);
    const counted = Stats.increment(appointment.organisationId, appointment.serviceId, month, { [appointment.status]: -participations.length, [status]: participations.length });
    const noShowDelta = (status === "noshow" ? 1 : 0) - (appointment.status === "noshow" ? 1 : 0);
    const trial = ReminderTrial.statusMoves(participations, appointment.organisationId, appointment.serviceId, appointment.status, status);
    const event = Webhook.event("appointment.status_changed", appointment, now);
    return {
      write: (e) => ({
        items: [
          e.appointment.patch({ appointmentId }).set({ status }).add({ version: 1 }).where((attr, op) => op.eq(attr.status, appointment.status)).commit(),
          // each participation as read: its trial counting (a reminder counted meanwhile makes the change read again)
          ...participations.map((p) => e.participation.patch({ appointmentId, participationId: p.participationId }).set({ status }).where(ReminderTrial.countedAsRead(p)).commit()),
          // each usager's no-show count (the call list's "previous no-show"), moved with the status;
          // not for collective sessions, whose participants could take the transaction past 100 items
          ...(noShowDelta === 0 || appointment.collective ? [] : participations.map((p) => e.serviceUser.patch({ serviceUserId: p.serviceUserId }).add({ noShows: noShowDelta }).commit())),
          e.stats.update(counted.key).add(counted.add).commit(),
          ...trial.map((t) => e.trialCount.update(t.key).add(t.add).commit()),
          e.audit.create(Audit.entry(appointmentId, ctx, "status", { status: [appointment.status, status] }, now, appointment.expiresAt)).commit(),
          Webhook.item(e, event),
        ],
        versioned: [0, ...participations.map((_, i) => i + 1)],
      }),
      committed: async () => {
        await Webhook.publish([event], now);
        return detail(appointmentId, ctx);
      },
    };
  });
}

/**
 * The service cancels an appointment to come (revoked): the time is freed, each usager gets an
 * SMS, the reminder schedule is deleted.
 */
export async function revoke(appointmentId: string, ctx: AgentContext, now: Date) {
  return transact<Detail>(async () => {
    const { appointment, collection } = await load(appointmentId, ctx);
    if (appointment.status !== "booked") throw new ConflictError("appointment.not_booked", "Ce rendez-vous n'est plus prévu.");
    const motif = await Motif.fromId(appointment.motifId);
    const month = Stats.monthOf(appointment.startsAt, appointment.timezone);
    const freed = await AgentTime.release(appointment, now);
    const booked = collection.participation.filter((p) => p.status === "booked");
    const messages = (await Promise.all(booked.map((p) => messageFor("revocation", p, appointment, motif, now)))).flat();
    const counted = Stats.increment(appointment.organisationId, appointment.serviceId, month, { booked: -booked.length, revoked: booked.length, ...cancellationCounters(appointment.startsAt, booked.length, now) });
    const trial = ReminderTrial.statusMoves(booked, appointment.organisationId, appointment.serviceId, "booked", "revoked");
    const event = Webhook.event("appointment.cancelled", appointment, now);
    return {
      write: (e) => {
        const items = [
          e.appointment
            .patch({ appointmentId })
            .set({ status: "revoked", scheduleStatus: "pending", workQueue: "work", workDueAt: now.toISOString() })
            .add({ version: 1 })
            .where((attr, op) => op.eq(attr.status, "booked"))
            .commit(),
          ...booked.map((p) => e.participation.patch({ appointmentId, participationId: p.participationId }).set({ status: "revoked" }).where(ReminderTrial.countedAsRead(p)).commit()),
          ...AgentTime.writes(e, [freed]).items,
          ...messages.map((m) => e.receipt.create(m).commit()),
          e.stats.update(counted.key).add(counted.add).commit(),
          ...trial.map((t) => e.trialCount.update(t.key).add(t.add).commit()),
          e.audit.create(Audit.entry(appointmentId, ctx, "revoke", { status: ["booked", "revoked"] }, now, appointment.expiresAt)).commit(),
          Webhook.item(e, event),
        ];
        const versioned = items.map((_, i) => i);
        // the time goes to the waitlist once this commits (a put: never a conflict)
        if (!appointment.collective) items.push(FreedTime.item(e, { appointmentId, motifId: appointment.motifId, placeId: appointment.placeId, organisationId: appointment.organisationId, startsAt: appointment.startsAt, timezone: appointment.timezone }, now) as never);
        return { items, versioned };
      },
      committed: async () => {
        await Notification.afterChange(appointmentId, now);
        await Webhook.publish([event], now);
        return detail(appointmentId, ctx);
      },
    };
  });
}

export const MoveInput = z.object({ startsAt: Instant });

/** An agent moves an appointment to another free time of its motif and place (cut-offs and window do not apply to agents). */
export async function moveByAgent(appointmentId: string, body: unknown, ctx: AgentContext, now: Date) {
  const { collection } = await load(appointmentId, ctx);
  const participation = collection.participation.find((p) => p.status === "booked");
  if (!participation) throw new ConflictError("appointment.not_booked", "Ce rendez-vous n'est plus prévu.");
  const token = ManageToken.derive(participation.participationId, participation.tokenVersion);
  await reschedule(token, body, now, { agent: ctx });
  return detail(appointmentId, ctx);
}

/** The manage token of an appointment's booked (individual) participation, for an agent who may see it. */
export async function manageTokenForAgent(appointmentId: string, ctx: AgentContext): Promise<string> {
  const { collection } = await load(appointmentId, ctx);
  const participation = collection.participation.find((p) => p.status === "booked");
  if (!participation) throw new ConflictError("appointment.not_booked", "Ce rendez-vous n'est plus prévu.");
  return ManageToken.derive(participation.participationId, participation.tokenVersion);
}

export const ArrivalInput = z.object({ arrived: z.boolean() });

/**
 * The usager is at the desk (`arrived: true`), or that was a mistake (`false`): only for a booked
 * appointment of today (in its timezone) that the agent may see. Conditioned on what was read, so
 * two agents marking at once record one arrival; audited; asking again what is already so changes
 * nothing.
 */
export async function setArrival(appointmentId: string, body: unknown, ctx: AgentContext, now: Date) {
  const { arrived } = validate(ArrivalInput, body);
  return transact<Detail>(async () => {
    const { appointment } = await load(appointmentId, ctx);
    if (appointment.status !== "booked") throw new ConflictError("appointment.not_booked", "Ce rendez-vous n'est plus prévu.");
    const day = (iso: string) => DateTime.fromJSDate(new Date(iso)).setZone(appointment.timezone).toISODate();
    if (day(appointment.startsAt) !== day(now.toISOString())) {
      throw new ConflictError("appointment.not_today", "L'arrivée se note le jour du rendez-vous.");
    }
    if (Boolean(appointment.arrivedAt) === arrived) return { done: await detail(appointmentId, ctx) };
    const before = appointment.arrivedAt ?? null;
    // to the second: the agenda shows the minute
    const after = arrived ? new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString() : null;
    const patch = (e: TransactionEntities) => {
      const base = e.appointment.patch({ appointmentId });
      return (after ? base.set({ arrivedAt: after }) : base.remove(["arrivedAt"]))
        .where((attr, op) => `${op.eq(attr.status, "booked")} AND ${before ? op.eq(attr.arrivedAt, before) : op.notExists(attr.arrivedAt)}`)
        .commit();
    };
    return {
      write: (e) => ({
        items: [patch(e), e.audit.create(Audit.entry(appointmentId, ctx, "arrival", { arrivedAt: [before, after] }, now, appointment.expiresAt)).commit()],
        versioned: [0],
      }),
      committed: () => detail(appointmentId, ctx),
    };
  });
}
