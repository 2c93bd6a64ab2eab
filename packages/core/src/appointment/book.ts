import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import * as Agent from "../agent";
import * as AgentTime from "../agent-time";
import * as Audit from "../audit";
import { transact } from "../db/transact";
import * as Department from "../department";
import { ValidationError } from "../error";
import * as Limits from "../limits";
import * as Motif from "../motif";
import * as Notification from "../notification";
import * as Place from "../place";
import { expiresAt } from "../retention";
import { fieldErrors } from "../schema/common";
import * as Service from "../service";
import * as ServiceUser from "../service-user";
import { ForbiddenError, canSee, type AgentContext } from "../session";
import * as Slot from "../slot";
import * as Stats from "../stats";
import type { Actor } from "./actor";
import { bookingAttempt, type NewParticipation } from "./booking-items";
import { SlotTakenError } from "./errors";
import { replay, requestHash } from "./idempotency";
import { joinSession } from "./join-session";
import { AgentBookOptions, BookInput, IdempotencyKey, type Booked } from "./schema";
import { candidates } from "./slot-choice";

export type { Actor } from "./actor";
export { SlotTakenError } from "./errors";

export interface BookOptions {
  idempotencyKey: unknown;
  now: Date;
  actor?: Actor;
  /** online bookings: the client (see Limits.clientKey), for the per-client limit */
  client?: string;
}

/**
 * Books an appointment (an individual slot, or a seat in a collective session). The booking is
 * one DynamoDB transaction: the idempotency record, the appointment and its participation, the
 * usager, and every concerned agent day conditioned on the version read — so two bookings can
 * never both take overlapping time of an agent, and a collective session never exceeds its
 * capacity. A transaction cancelled by a concurrent change is retried after a fresh read, so
 * bookings of different slots never fail because they raced.
 */
export async function book(body: unknown, options: BookOptions): Promise<Booked> {
  const request = parseRequest(body, options.idempotencyKey, options.actor?.kind === "agent");
  try {
    return await bookParsed(request, options);
  } catch (error) {
    // a retry racing its own first attempt sees the slot taken by it: answer with the first result
    if (!(error instanceof SlotTakenError)) throw error;
    const first = await replay(request.key, request.hash);
    if (first) return first;
    throw error;
  }
}

/** The agent booking through the agent API, with the options their body adds (validated: a 400 names the field). */
export function agentActor(body: unknown, context: AgentContext): Actor {
  // malformed options are reported by `book` with every other field at fault (see parseRequest)
  const options = AgentBookOptions.safeParse(body && typeof body === "object" ? body : {});
  const data = options.success ? options.data : {};
  return { kind: "agent", agentId: context.agentId, context, acknowledgeWarnings: data.acknowledgeWarnings === true, agentIds: data.agentIds };
}

/** The key, the body and (agents) the booking options, every field at fault named in one 400. */
function parseRequest(body: unknown, idempotencyKey: unknown, byAgent: boolean) {
  const keyParsed = IdempotencyKey.safeParse(idempotencyKey);
  const parsed = BookInput.safeParse(body);
  const options = byAgent ? AgentBookOptions.safeParse(body && typeof body === "object" ? body : {}) : undefined;
  const fields = {
    ...(keyParsed.success ? {} : { "Idempotency-Key": keyParsed.error.issues[0]?.message ?? "invalide" }),
    ...(parsed.success ? {} : fieldErrors(parsed.error)),
    ...(options && !options.success ? fieldErrors(options.error) : {}),
  };
  if (!keyParsed.success || !parsed.success || (options && !options.success)) throw new ValidationError(fields);
  return { input: parsed.data, key: keyParsed.data, hash: requestHash(parsed.data) };
}

/** The signed-in agent sees the motif's service, and every agent they name works there. */
async function assertAgentMayBook(actor: Extract<Actor, { kind: "agent" }>, organisationId: string, serviceId: string): Promise<void> {
  if (actor.context && !canSee(actor.context, organisationId, serviceId)) {
    throw new ForbiddenError("Vous ne pouvez pas prendre de rendez-vous pour ce service.");
  }
  if (actor.agentIds) await Agent.assertWorkFor(actor.agentIds, { organisationId, serviceId });
}

async function bookParsed({ input, key, hash }: ReturnType<typeof parseRequest>, options: Omit<BookOptions, "idempotencyKey">): Promise<Booked> {
  const actor: Actor = options.actor ?? { kind: "usager" };
  const { now } = options;
  const first = await replay(key, hash);
  if (first) return first;

  const [motif, place, department] = await Promise.all([
    actor.kind === "usager" ? Motif.fromIdOnline(input.motifId) : Motif.fromId(input.motifId),
    Place.fromId(input.placeId),
    Department.get(),
  ]);
  const service = await Service.fromId(motif.serviceId);
  if (place.organisationId !== motif.organisationId) throw new ValidationError({ placeId: "ce lieu ne propose pas ce motif" });
  if (actor.kind === "agent") await assertAgentMayBook(actor, motif.organisationId, motif.serviceId);
  const { identity, user } = await ServiceUser.forBooking(input, { online: actor.kind === "usager", departmentCode: department.code, organisationId: motif.organisationId });
  if (motif.locationType === "home" && !identity.address) {
    throw new ValidationError({ "serviceUser.address": "obligatoire pour un rendez-vous à domicile" });
  }
  const label = `${identity.lastName} ${identity.firstName}${input.relative ? ` (${input.relative.firstName})` : ""}`;
  const participationId = randomUUID();
  const smsBlocked = Notification.noSmsReason(motif, { ...identity, smsOptOut: user.record?.smsOptOut ?? false });
  const participant: NewParticipation = {
    key, hash, now, participationId, organisationId: motif.organisationId, user, identity, relative: input.relative, smsBlocked,
    receipts: (appointmentId, startsAt, endsAt) =>
      Notification.plannedMessages(
        "confirmation",
        {
          appointment: { appointmentId, startsAt, endsAt, timezone: department.timezone },
          participation: { participationId, tokenVersion: 1, relative: input.relative, noSmsReason: smsBlocked },
          motif, place, service, user: { ...identity, smsOptOut: user.record?.smsOptOut ?? false },
        },
        now,
      ),
    counted: Stats.increment(motif.organisationId, motif.serviceId, Stats.monthOf(input.startsAt, department.timezone), { total: 1, booked: 1, [actor.kind === "usager" ? "online" : "agent"]: 1 }),
    audit: (appointmentId) =>
      actor.kind === "agent" && actor.context ? [Audit.entry(appointmentId, actor.context, "book", { usager: [null, label], startsAt: [null, input.startsAt] }, now)] : [],
    // what the public may take (per number, per client); agents are not limited
    limits: (appointmentId, startsAt) =>
      actor.kind === "usager"
        ? Limits.plan({ now, client: options.client, phone: identity.phone, sms: smsBlocked ? 0 : 1, placePhone: place.phone, booking: { serviceId: motif.serviceId, appointmentId, participationId, startsAt } })
        : Promise.resolve(new Limits.Plan([])),
  };

  const start = DateTime.fromISO(input.startsAt, { setZone: true }).toUTC();
  if (motif.collective) return joinSession(participant, { motif, placeId: place.placeId, start: start.toISO()! });

  const appointmentId = randomUUID();
  const end = start.plus({ minutes: motif.durationMinutes });
  const interval: AgentTime.BusyInterval = { appointmentId, start: start.toISO()!, end: end.plus({ minutes: motif.bufferMinutes }).toISO()! };
  const day = Slot.localDay(interval.start, department.timezone);
  const availability = await Slot.loadAvailability({
    motifId: motif.motifId, placeId: place.placeId, organisationId: motif.organisationId, from: day, to: day, agentIds: actor.kind === "agent" ? actor.agentIds : undefined,
  });
  const groups = candidates(
    actor, start.toMillis(), availability,
    (busy, range) => Slot.compute(department, motif, place.placeId, { ...availability, busy }, { from: day, to: day, ...range }),
    now, day, department.timezone,
  );
  const moment = Notification.reminderAt(interval.start, department.timezone, motif, now);
  const reminderFields = moment
    ? { reminderAt: moment.toISOString(), scheduleStatus: "pending" as const, workQueue: "work", workDueAt: now.toISOString() }
    : { reminderNote: "moment_passed" };

  return transact(async () => {
    for (const agentIds of groups) {
      const days = await AgentTime.reserve(agentIds, interval, department.timezone);
      if (!days) continue; // this agent is taken now: try the next one
      return bookingAttempt(participant, {
        appointmentId, startsAt: interval.start, endsAt: end.toISO()!, timezone: department.timezone, days,
        appointmentItem: (e) =>
          e.appointment
            .create({
              appointmentId, organisationId: motif.organisationId, serviceId: motif.serviceId, motifId: motif.motifId, placeId: place.placeId, agentIds,
              startsAt: interval.start, endsAt: end.toISO()!, timezone: department.timezone, status: "booked", collective: false, seatsTaken: 1,
              createdBy: actor.kind, createdByAgentId: actor.kind === "agent" ? actor.agentId : undefined, label, ...reminderFields, expiresAt: expiresAt(end.toISO()!),
            })
            .commit(),
      });
    }
    throw new SlotTakenError();
  });
}
