import { fn } from "../validate";
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import * as z from "zod";
import * as Agent from "../agent";
import * as AgentTime from "../agent-time";
import * as Audit from "../audit";
import { transact } from "../db/transact";
import * as Department from "../department";
import { ValidationError } from "../error";
import * as Motif from "../motif";
import * as Notification from "../notification";
import * as Webhook from "../webhook";
import * as Place from "../place";
import { expiresAt } from "../retention";
import { Id } from "../schema/common";
import { ForbiddenError, canSee, type AgentContext } from "../session";
import { detail } from "./agent-view";
import { SlotTakenError } from "./errors";
import { Instant } from "./schema";

export const SessionInput = z.object({
  motifId: Id,
  placeId: Id,
  startsAt: Instant,
  agentIds: z.array(Id).min(1, "au moins un agent").max(10),
  capacity: z.number().int().min(2).max(500).optional(),
});

/**
 * An agent creates a collective session; usagers then join it (one participation each) while
 * seats remain. Its agents' time is taken like a booking's: on their days as read.
 */
export const createSession = fn(SessionInput, async (input, ctx: AgentContext, now: Date) => {
  const [motif, place, department] = await Promise.all([Motif.fromId(input.motifId), Place.fromId(input.placeId), Department.get()]);
  if (!motif.collective) throw new ValidationError({ motifId: "ce motif n'est pas collectif" });
  if (place.organisationId !== motif.organisationId) throw new ValidationError({ placeId: "ce lieu ne propose pas ce motif" });
  if (!canSee(ctx, motif.organisationId, motif.serviceId)) throw new ForbiddenError();
  await Agent.assertWorkFor(input.agentIds, { organisationId: motif.organisationId, serviceId: motif.serviceId });
  const appointmentId = randomUUID();
  const start = DateTime.fromISO(input.startsAt, { setZone: true }).toUTC();
  const end = start.plus({ minutes: motif.durationMinutes });
  const interval = { appointmentId, start: start.toISO()!, end: end.plus({ minutes: motif.bufferMinutes }).toISO()! };
  const moment = Notification.reminderAt(interval.start, department.timezone, motif, now);
  const until = expiresAt(end.toISO()!);
  return transact<Awaited<ReturnType<typeof detail>>>(async () => {
    const taken = await AgentTime.reserve(input.agentIds, interval, department.timezone);
    if (!taken) throw new SlotTakenError();
    const event = Webhook.event("appointment.created", { appointmentId, organisationId: motif.organisationId }, now);
    return {
      write: (e) => {
        const items = [
          e.appointment
            .create({
              appointmentId, organisationId: motif.organisationId, serviceId: motif.serviceId, motifId: motif.motifId, placeId: place.placeId,
              agentIds: input.agentIds, startsAt: interval.start, endsAt: end.toISO()!, timezone: department.timezone, status: "booked",
              collective: true, capacity: input.capacity ?? motif.capacity ?? 2, seatsTaken: 0, createdBy: "agent", createdByAgentId: ctx.agentId,
              ...(moment ? { reminderAt: moment.toISOString(), scheduleStatus: "pending" as const, workQueue: "work", workDueAt: now.toISOString() } : { reminderNote: "moment_passed" }),
              expiresAt: until,
            })
            .commit(),
          ...AgentTime.writes(e, [taken]).items,
          e.audit.create(Audit.entry(appointmentId, ctx, "create_session", { startsAt: [null, interval.start] }, now, until)).commit(),
          Webhook.item(e, event),
        ];
        return { items, versioned: items.map((_, i) => i) };
      },
      committed: async () => {
        await Notification.afterChange(appointmentId, now);
        await Webhook.publish([event], now);
        return detail(appointmentId, ctx);
      },
    };
  });
});
