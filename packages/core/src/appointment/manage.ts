import { DateTime } from "luxon";
import { Db } from "../db/service";
import * as Department from "../department";
import { ConflictError, NotFoundError, ValidationError } from "../error";
import * as ManageToken from "../manage-token";
import * as Limits from "../limits";
import * as Motif from "../motif";
import * as Notification from "../notification";
import * as Stats from "../stats";
import * as Audit from "../audit";
import type { AgentContext } from "../session";
import * as Place from "../place";
import { fieldErrors } from "../schema/common";
import * as Service from "../service";
import * as ServiceUser from "../service-user";
import * as Slot from "../slot";
import { AgentDayEntity } from "./agent-day.entity";
import { conditionalDayWrite } from "./agent-day";
import { AppointmentEntity, ParticipationEntity } from "./appointment.entity";
import { SlotTakenError, expiresAt, reserveDays } from "./book";
import { localDaysOf, type BusyInterval } from "./busy";
import { RescheduleInput, type ManageView } from "./schema";
import { backoff, isRetryable, reasonCodes, type TransactionResult } from "./transaction";

const MAX_ATTEMPTS = 30;

type AppointmentRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof AppointmentEntity.get>["go"]>>["data"]>;
type ParticipationRecord = Awaited<ReturnType<ReturnType<typeof ParticipationEntity.query.byTokenHash>["go"]>>["data"][number];

const notFound = () => new NotFoundError("appointment.not_found", "Ce lien de rendez-vous n'est pas valide ou a expiré.");

/** The participation a manage token opens (and nothing else), with its appointment. */
export async function resolveToken(token: string): Promise<{ participation: ParticipationRecord; appointment: AppointmentRecord }> {
  if (!ManageToken.looksValid(token)) throw notFound();
  const found = await ParticipationEntity.query.byTokenHash({ tokenHash: ManageToken.hash(token) }).go();
  const participation = found.data[0];
  if (!participation) throw notFound();
  // constant-time equality is implicit: the look-up is by hash; the version check revokes old links
  if (ManageToken.derive(participation.participationId, participation.tokenVersion) !== token) throw notFound();
  const appointment = (await AppointmentEntity.get({ appointmentId: participation.appointmentId }).go({ consistent: true })).data;
  if (!appointment) throw notFound();
  return { participation, appointment };
}

interface Policy {
  allowed: boolean;
  reason?: string;
}

/** Usager self-service cut-offs of the motif: until N minutes before the start, or never. */
export function selfServicePolicy(
  kind: "cancel" | "reschedule",
  cutoffMinutes: number,
  startsAt: string,
  status: string,
  collective: boolean,
  now: Date,
): Policy {
  if (status !== "booked") return { allowed: false, reason: "Ce rendez-vous n'est plus prévu." };
  if (Date.parse(startsAt) <= now.getTime()) return { allowed: false, reason: "Ce rendez-vous est déjà passé." };
  if (kind === "reschedule" && collective) {
    return { allowed: false, reason: "Pour une séance collective, annulez puis inscrivez-vous à une autre séance." };
  }
  const cutoff = Motif.selfServiceCutoff(cutoffMinutes);
  const verb = kind === "cancel" ? "annulé" : "déplacé";
  if (cutoff === null) return { allowed: false, reason: `Ce rendez-vous ne peut pas être ${verb} en ligne : merci d'appeler le service.` };
  if (Date.parse(startsAt) - cutoff * 60_000 < now.getTime()) {
    const delay = cutoff >= 120 && cutoff % 60 === 0 ? `${cutoff / 60} heures` : `${cutoff} minutes`;
    return { allowed: false, reason: `Ce rendez-vous ne peut plus être ${verb} en ligne moins de ${delay} avant : merci d'appeler le service.` };
  }
  return { allowed: true };
}

async function view(participation: ParticipationRecord, appointment: AppointmentRecord, now: Date): Promise<ManageView> {
  const [motif, place, service, user] = await Promise.all([
    Motif.fromId(appointment.motifId),
    Place.fromId(appointment.placeId),
    Service.fromId(appointment.serviceId),
    ServiceUser.fromId(participation.serviceUserId),
  ]);
  const status = appointment.collective && participation.status !== "booked" ? participation.status : appointment.status;
  const cancel = selfServicePolicy("cancel", motif.cancelUntilMinutesBefore, appointment.startsAt, status, appointment.collective, now);
  const reschedule = selfServicePolicy("reschedule", motif.rescheduleUntilMinutesBefore, appointment.startsAt, status, appointment.collective, now);
  return {
    id: appointment.appointmentId,
    status,
    startsAt: Slot.toLocalIso(appointment.startsAt, appointment.timezone),
    endsAt: Slot.toLocalIso(appointment.endsAt, appointment.timezone),
    service: service?.name ?? "",
    motif: { id: motif.motifId, name: motif.name, locationType: motif.locationType, durationMinutes: motif.durationMinutes, instructions: motif.instructions },
    // the address is shown only where the usager goes: on-site appointments
    place: { id: place.placeId, name: place.name, address: motif.locationType === "on_site" ? place.address : undefined, phone: place.phone },
    serviceUser: { firstName: user?.firstName ?? "" },
    relative: participation.relative ? { firstName: participation.relative.firstName } : undefined,
    collective: appointment.collective,
    canCancel: cancel.allowed,
    cancelBlockedReason: cancel.reason,
    canReschedule: reschedule.allowed,
    rescheduleBlockedReason: reschedule.reason,
  };
}

/** GET /v1/public/appointments/{token}: what the usager needs to see, and what they may do. */
export async function fromToken(token: string, now: Date): Promise<ManageView> {
  const { participation, appointment } = await resolveToken(token);
  return view(participation, appointment, now);
}

/** Removes an appointment's intervals from its agents' days, conditioned on the versions read. */
export async function releaseDays(appointment: AppointmentRecord) {
  const days = localDaysOf(appointment.startsAt, appointment.endsAt, appointment.timezone);
  const writes = [];
  for (const agentId of appointment.agentIds) {
    for (const day of days) {
      const current = (await AgentDayEntity.get({ agentId, day }).go({ consistent: true })).data;
      if (!current) continue;
      writes.push({ agentId, day, busy: current.busy.filter((b) => b.appointmentId !== appointment.appointmentId), version: current.version });
    }
  }
  return writes;
}

/** The SMS a change sends to this participation's usager, unless they get none (no mobile, opted out, motif not notified). */
export async function messageFor(
  kind: Notification.MessageKind,
  participation: ParticipationRecord,
  appointment: AppointmentRecord,
  motif: Motif.MotifRecord,
  now: Date,
) {
  if (participation.noSmsReason) return [];
  const [user, place, service] = await Promise.all([ServiceUser.fromId(participation.serviceUserId), Place.fromId(appointment.placeId), Service.fromId(appointment.serviceId)]);
  if (!user?.phone || Notification.noSmsReason(motif, user)) return [];
  return [
    Notification.plannedReceipt({
      kind, appointmentId: appointment.appointmentId, startsAt: appointment.startsAt, timezone: appointment.timezone, motif,
      serviceName: service?.shortName ?? service?.name ?? "", place, participationId: participation.participationId, tokenVersion: participation.tokenVersion,
      relativeFirstName: participation.relative?.firstName, to: user.phone, now, key: kind === "reschedule" ? appointment.startsAt : undefined,
    }),
  ];
}

/** POST …/cancel: the participation (and an individual appointment) becomes excused; the time is freed at once. */
export async function cancel(token: string, now: Date): Promise<ManageView> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const { participation, appointment } = await resolveToken(token);
    const motif = await Motif.fromId(appointment.motifId);
    if (participation.status === "excused") return view(participation, appointment, now); // already done: same answer
    const policy = selfServicePolicy("cancel", motif.cancelUntilMinutesBefore, appointment.startsAt, appointment.status, appointment.collective, now);
    if (!policy.allowed) throw new ConflictError("appointment.cancel_not_allowed", policy.reason!);
    const days = appointment.collective ? [] : await releaseDays(appointment);
    const message = await messageFor("cancellation", participation, appointment, motif, now);
    const counted = Stats.increment(appointment.organisationId, appointment.serviceId, Stats.monthOf(appointment.startsAt, appointment.timezone), { booked: -1, excused: 1 });
    const result = (await Db.transaction
      .write(({ appointment: appointments, participation: participations, agentDay, receipt, stats }) => [
        participations
          .patch({ appointmentId: appointment.appointmentId, participationId: participation.participationId })
          .set({ status: "excused" })
          .where((attr, op) => op.eq(attr.status, "booked"))
          .commit(),
        appointment.collective
          ? appointments.patch({ appointmentId: appointment.appointmentId }).add({ seatsTaken: -1 }).where((attr, op) => op.eq(attr.status, "booked")).commit()
          : appointments
              .patch({ appointmentId: appointment.appointmentId })
              .set({ status: "excused", scheduleStatus: "pending", workQueue: "work", workDueAt: now.toISOString() })
              .where((attr, op) => op.eq(attr.status, "booked"))
              .commit(),
        ...days.map((d) =>
          conditionalDayWrite(agentDay, d, expiresAt(`${d.day}T23:59:59Z`)),
        ),
        ...message.map((r) => receipt.create(r).commit()),
        stats.update(counted.key).add(counted.add).commit(),
      ])
      .go()) as unknown as TransactionResult;
    if (!result.canceled) {
      await Notification.afterChange(appointment.appointmentId, now);
      return fromToken(token, now);
    }
    if (!isRetryable(result, result.data.map((_, i) => i))) throw new Error(`cancel transaction cancelled: ${reasonCodes(result).join(",")}`);
    await backoff(attempt);
  }
  throw new ConflictError("appointment.busy", "Le service est très sollicité : merci de réessayer dans un instant.");
}

/**
 * POST …/reschedule: moves the appointment to another free slot of the same motif and place,
 * in one transaction that takes the new time and frees the old one (same agent days read with
 * their versions), so a racing booking of the target slot leaves exactly one winner.
 */
export async function reschedule(token: string, body: unknown, now: Date, options: { agent?: AgentContext } = {}): Promise<ManageView> {
  const parsed = RescheduleInput.safeParse(body);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const target = DateTime.fromISO(parsed.data.startsAt, { setZone: true }).toUTC();
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const { participation, appointment } = await resolveToken(token);
    const [motif, department] = await Promise.all([Motif.fromId(appointment.motifId), Department.get()]);
    // agents are not bound by the usager cut-offs or booking window, only by the agents' free time
    const policy = options.agent
      ? selfServicePolicy("reschedule", 0, appointment.startsAt, appointment.status, appointment.collective, new Date(0))
      : selfServicePolicy("reschedule", motif.rescheduleUntilMinutesBefore, appointment.startsAt, appointment.status, appointment.collective, now);
    if (!policy.allowed) throw new ConflictError("appointment.reschedule_not_allowed", policy.reason!);
    if (target.toMillis() === Date.parse(appointment.startsAt)) return view(participation, appointment, now);

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
    const interval: BusyInterval = { appointmentId: appointment.appointmentId, start: target.toISO()!, end: end.plus({ minutes: motif.bufferMinutes }).toISO()! };
    const agentIds = slot.agentIds.includes(appointment.agentIds[0]!) ? [appointment.agentIds[0]!] : [slot.agentIds[0]!];

    // new days (with the new interval, without the old one) and old days (without the old one)
    const newDays = await reserveDays(agentIds, interval, department.timezone, appointment.appointmentId);
    if (!newDays) {
      await backoff(attempt);
      continue;
    }
    const released = (await releaseDays(appointment)).filter((d) => !newDays.some((n) => n.agentId === d.agentId && n.day === d.day));
    const message = await messageFor("reschedule", participation, { ...appointment, startsAt: interval.start }, motif, now);
    // the usager's own reschedules send SMS to their number: counted against its daily SMS limit
    const limited = options.agent
      ? new Limits.Plan([])
      : await Limits.plan({ now, phone: message[0]?.to, sms: message.length, placePhone: (await Place.fromId(appointment.placeId)).phone });
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
    const result = (await Db.transaction
      .write(({ appointment: appointments, agentDay, receipt, stats, audit, rateLimit, upcoming }) => [
        (moment
          ? appointments.patch({ appointmentId: appointment.appointmentId }).set({ reminderAt: moment.toISOString() }).remove(["reminderNote"])
          : appointments.patch({ appointmentId: appointment.appointmentId }).set({ reminderNote: "moment_passed" }).remove(["reminderAt"])
        )
          .set({ startsAt: interval.start, endsAt: end.toISO()!, agentIds, expiresAt: expiresAt(end.toISO()!), scheduleStatus: "pending", workQueue: "work", workDueAt: now.toISOString() })
          .where((attr, op) => `${op.eq(attr.status, "booked")} AND ${op.eq(attr.startsAt, appointment.startsAt)}`)
          .commit(),
        ...newDays.map((d) =>
          conditionalDayWrite(agentDay, d, expiresAt(`${d.day}T23:59:59Z`)),
        ),
        ...released.map((d) =>
          conditionalDayWrite(agentDay, d, expiresAt(`${d.day}T23:59:59Z`)),
        ),
        ...message.map((r) => receipt.create(r).commit()),
        ...moved.map((c) => stats.update(c.key).add(c.add).commit()),
        ...(options.agent
          ? [audit.create(Audit.entry(appointment.appointmentId, options.agent, "reschedule", { startsAt: [appointment.startsAt, interval.start] }, now, appointment.expiresAt)).commit()]
          : []),
        ...limited.items({ rateLimit, upcoming } as Parameters<typeof limited.items>[0]),
      ])
      .go()) as unknown as TransactionResult;
    if (!result.canceled) {
      await Notification.afterChange(appointment.appointmentId, now);
      return fromToken(token, now);
    }
    const refusal = limited.refusal(result.data, result.data.length - limited.size);
    if (refusal) throw refusal;
    if (!isRetryable(result, result.data.map((_, i) => i))) throw new Error(`reschedule transaction cancelled: ${reasonCodes(result).join(",")}`);
    await backoff(attempt);
  }
  throw new ConflictError("appointment.busy", "Le service est très sollicité : merci de réessayer dans un instant.");
}
