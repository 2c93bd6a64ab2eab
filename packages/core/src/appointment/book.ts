import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import * as Agent from "../agent";
import * as AgentTime from "../agent-time";
import * as Audit from "../audit";
import { transact } from "../db/transact";
import * as Department from "../department";
import { DomainError, ValidationError } from "../error";
import * as Limits from "../limits";
import * as Notification from "../notification";
import { expiresAt } from "../retention";
import { fieldErrors } from "../schema/common";
import * as Service from "../service";
import { ForbiddenError, canSee, type AgentContext } from "../session";
import * as Slot from "../slot";
import * as Stats from "../stats";
import type { Actor } from "./actor";
import { bookingAttempt, type NewParticipation } from "./booking-items";
import { SlotTakenError } from "./errors";
import { agentTimeFor, readForBooking } from "./booking-read";
import { replay, requestHash } from "./idempotency";
import { joinSession } from "./join-session";
import { AgentBookOptions, BookInput, IdempotencyKey, type Booked } from "./schema";
import { candidates } from "./slot-choice";
import { prescriberEmail, prescriberOf } from "./prescriber";

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
    // A retried request is refused for what its first attempt did (the slot is taken by it, the
    // number's appointments now count it…), or a key is reused with another body: the key's
    // record answers (the first result, or a 422). Only requests that fail read it.
    if (!(error instanceof DomainError)) throw error;
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
  const department = await Department.get();
  const start = DateTime.fromISO(input.startsAt, { setZone: true }).toUTC();
  const day = Slot.localDay(start.toISO()!, department.timezone);
  // No read of the idempotency key first: the transaction writes it on the condition that it is
  // new, and a request that fails finds the first result then (see `book`).
  const read = await readForBooking(input, actor, department, day);
  const { motif, place } = read;
  if (place.organisationId !== motif.organisationId) throw new ValidationError({ placeId: "ce lieu ne propose pas ce motif" });
  if (actor.kind === "agent") await assertAgentMayBook(actor, motif.organisationId, motif.serviceId);
  const { identity, user, phoneKnown } = read.party();
  const bookedBy = prescriberOf(input, department.code);
  if (motif.locationType === "home" && !identity.address) {
    throw new ValidationError({ "serviceUser.address": "obligatoire pour un rendez-vous à domicile" });
  }
  const service = await Service.fromId(motif.serviceId);
  const label = `${identity.lastName} ${identity.firstName}${input.relative ? ` (${input.relative.firstName})` : ""}`;
  const participationId = randomUUID();
  const smsBlocked = Notification.noSmsReason(motif, { ...identity, smsOptOut: user.record?.smsOptOut ?? false });
  const participant: NewParticipation = {
    key, hash, now, participationId, organisationId: motif.organisationId, user, identity, relative: input.relative, smsBlocked,
    receipts: async (appointmentId, startsAt, endsAt) => [
      ...(await Notification.plannedMessages(
        "confirmation",
        {
          appointment: { appointmentId, startsAt, endsAt, timezone: department.timezone },
          participation: { participationId, tokenVersion: 1, relative: input.relative, noSmsReason: smsBlocked },
          motif, place, service, user: { ...identity, smsOptOut: user.record?.smsOptOut ?? false },
        },
        now,
      )),
      ...prescriberEmail({ appointmentId, participationId, startsAt, timezone: department.timezone, prescriber: input.prescriber, usager: identity, motif, place, serviceName: service?.name ?? "", now }),
    ],
    counted: Stats.increment(motif.organisationId, motif.serviceId, Stats.monthOf(input.startsAt, department.timezone), { total: 1, booked: 1, [actor.kind === "usager" ? "online" : "agent"]: 1 }),
    invitationId: actor.kind === "usager" ? actor.invitation?.invitationId : undefined,
    audit: (appointmentId) =>
      actor.kind === "agent" && actor.context ? [Audit.entry(appointmentId, actor.context, "book", { usager: [null, label], startsAt: [null, input.startsAt] }, now)] : [],
    // what the public may take (per number, per client); agents are not limited
    limits: (appointmentId, startsAt, attempt) =>
      actor.kind === "usager"
        ? Limits.plan({
            now, client: options.client, phone: identity.phone, sms: smsBlocked ? 0 : 1, placePhone: place.phone,
            booking: { serviceId: motif.serviceId, appointmentId, participationId, startsAt, assumeNone: attempt === 1 && !phoneKnown },
          })
        : Promise.resolve(new Limits.Plan([])),
  };

  if (motif.collective) return joinSession(participant, { motif, placeId: place.placeId, start: start.toISO()! });

  const appointmentId = randomUUID();
  const end = start.plus({ minutes: motif.durationMinutes });
  const interval: AgentTime.BusyInterval = { appointmentId, start: start.toISO()!, end: end.plus({ minutes: motif.bufferMinutes }).toISO()! };
  // a référent-only motif booked through an invitation: only its référents' slots
  const referents = actor.kind === "usager" ? actor.invitation?.agentIds : undefined;
  const rules = referents ? read.rules.filter((rule) => referents.includes(rule.agentId)) : read.rules;
  const agentIds = [...new Set([...rules.map((rule) => rule.agentId), ...(actor.kind === "agent" ? (actor.agentIds ?? []) : [])])].sort();
  const [time, absences] = await Promise.all([
    agentTimeFor(read.placeTime, agentIds, read.around),
    Slot.absencesOfAgents(place.placeId, motif.motifId, agentIds, read.around[0]!, read.absences),
  ]);
  const availability: Slot.Availability = { rules, absences: Slot.withOwnAbsences(absences, time.ownAbsences), busy: time.busy };
  const groups = candidates(
    actor, start.toMillis(), availability,
    (busy, range) => Slot.compute(department, motif, place.placeId, { ...availability, busy }, { from: day, to: day, ...range }),
    now, day, department.timezone,
  );
  const moment = Notification.reminderAt(interval.start, department.timezone, motif, now);
  const reminderFields = moment
    ? { reminderAt: moment.toISOString(), scheduleStatus: "pending" as const, workQueue: "work", workDueAt: now.toISOString() }
    : { reminderNote: "moment_passed" };

  return transact(async (attempt) => {
    // the first attempt decides on what was read above; after a conflict, on the agents' own days
    const state = attempt === 1 ? time.state : await AgentTime.readState([...new Set(groups.flat())], AgentTime.localDaysOf(interval.start, interval.end, department.timezone));
    for (const agentIds of groups) {
      const taken = AgentTime.reserveIn(state, agentIds, interval, department.timezone);
      if (!taken) continue; // this agent is taken now: try the next one
      return bookingAttempt(participant, {
        appointmentId, startsAt: interval.start, endsAt: end.toISO()!, timezone: department.timezone, time: taken,
        scheduled: { appointmentId, status: "booked", startsAt: interval.start, timezone: department.timezone, reminderAt: moment?.toISOString(), scheduleStatus: moment ? "pending" : undefined },
        appointmentItem: (e) =>
          e.appointment
            .create({
              appointmentId, organisationId: motif.organisationId, serviceId: motif.serviceId, motifId: motif.motifId, placeId: place.placeId, agentIds,
              startsAt: interval.start, endsAt: end.toISO()!, timezone: department.timezone, status: "booked", collective: false, seatsTaken: 1,
              participationId: participant.participationId,
              createdBy: actor.kind, createdByAgentId: actor.kind === "agent" ? actor.agentId : undefined, bookedBy, bookedAt: now.toISOString(), label, ...reminderFields, expiresAt: expiresAt(end.toISO()!),
            })
            .commit(),
      }, attempt);
    }
    throw new SlotTakenError();
  });
}
