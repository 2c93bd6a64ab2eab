import { createHash, randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "../error";
import * as Agent from "../agent";
import * as Limits from "../limits";
import * as Department from "../department";
import * as ManageToken from "../manage-token";
import * as Motif from "../motif";
import * as Notification from "../notification";
import * as Service from "../service";
import * as Audit from "../audit";
import * as Stats from "../stats";
import { ForbiddenError, canSee, type AgentContext } from "../session";
import { UserProfileEntity } from "../service-user/service-user.entity";
import * as Place from "../place";
import { fieldErrors } from "../schema/common";
import { parsePhone } from "../schema/phone";
import * as ServiceUser from "../service-user";
import * as Slot from "../slot";
import { Db } from "../db/service";
import { AgentDayEntity } from "./agent-day.entity";
import { conditionalDayWrite } from "./agent-day";
import { AppointmentEntity } from "./appointment.entity";
import { localDaysOf, mergeBusy, overlaps, type BusyInterval } from "./busy";
import { IdempotencyEntity } from "./idempotency.entity";
import { AgentBookOptions, BookInput, IdempotencyKey, type Booked } from "./schema";
import { backoff, isRetryable, reasonCodes, type TransactionResult } from "./transaction";

export const RETENTION_YEARS = 2;
const IDEMPOTENCY_HOURS = 24;
const MAX_ATTEMPTS = 30;

export type Actor =
  | { kind: "usager" }
  | {
      kind: "agent";
      agentId: string;
      /** the agent saw the warning (outside opening rules or the booking window) and confirmed */
      acknowledgeWarnings?: boolean;
      /** agents to book; defaults to the free agents of the slot */
      agentIds?: string[];
      /** the signed-in agent (access and audit) */
      context?: AgentContext;
    };

export class SlotTakenError extends ConflictError {
  constructor() {
    super("appointment.slot_taken", "Ce créneau vient d'être réservé par quelqu'un d'autre. Merci d'en choisir un autre.");
  }
}

export function expiresAt(endIso: string): number {
  return Math.floor(DateTime.fromISO(endIso, { zone: "utc" }).plus({ years: RETENTION_YEARS }).toSeconds());
}

function requestHash(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The first result of an idempotency key, or a 422 when the key came with another body. */
async function replay(key: string, hash: string): Promise<Booked | null> {
  const record = (await IdempotencyEntity.get({ key }).go({ consistent: true })).data;
  if (!record) return null;
  if (record.requestHash !== hash) {
    throw new DomainError(
      "idempotency.key_reused",
      "unprocessable",
      "Cette clé Idempotency-Key a déjà servi pour une autre demande.",
      { "Idempotency-Key": "déjà utilisée avec un autre contenu" },
    );
  }
  const appointment = (await AppointmentEntity.get({ appointmentId: record.appointmentId }).go({ consistent: true })).data;
  if (!appointment) throw new NotFoundError("appointment.not_found", "Ce rendez-vous n'existe plus.");
  return {
    id: appointment.appointmentId,
    startsAt: Slot.toLocalIso(appointment.startsAt, appointment.timezone),
    endsAt: Slot.toLocalIso(appointment.endsAt, appointment.timezone),
    manageToken: ManageToken.derive(record.participationId, 1),
  };
}

interface DayWrite {
  agentId: string;
  day: string;
  busy: BusyInterval[];
  version: number;
  exists: boolean;
}

/**
 * Reads the agent days an interval touches and returns their new contents, or null when the
 * interval overlaps the agent's busy time. The writes condition on the versions read here.
 */
export async function reserveDays(agentIds: string[], interval: BusyInterval, timezone: string, ignoreAppointmentId?: string): Promise<DayWrite[] | null> {
  const days = localDaysOf(interval.start, interval.end, timezone);
  const writes: DayWrite[] = [];
  for (const agentId of agentIds) {
    for (const day of days) {
      const current = (await AgentDayEntity.get({ agentId, day }).go({ consistent: true })).data;
      const busy = (current?.busy ?? []).filter((b) => b.appointmentId !== ignoreAppointmentId);
      if (busy.some((b) => overlaps(b, interval))) return null;
      writes.push({ agentId, day, busy: mergeBusy(busy, [interval]), version: current?.version ?? 0, exists: !!current });
    }
  }
  return writes;
}

/** Whether `start` is a slot start of the day with no appointment, or with any single one of today's appointments. */
function couldHaveBeenOffered(start: number, grid: (busy: Slot.Availability["busy"]) => Array<{ startsAt: string }>, busy: Slot.Availability["busy"]): boolean {
  const isStart = (busyNow: Slot.Availability["busy"]) => grid(busyNow).some((s) => Date.parse(s.startsAt) === start);
  if (isStart({})) return true;
  return Object.entries(busy).some(([agentId, intervals]) => intervals.some((interval) => isStart({ [agentId]: [interval] })));
}

/** Agents in the order to try: the least busy that day first, ties at random (spreads the load). */
function orderCandidates(agentIds: string[], busy: Record<string, BusyInterval[]>, day: string, timezone: string): string[] {
  const load = (agentId: string) => (busy[agentId] ?? []).filter((b) => Slot.localDay(b.start, timezone) === day).length;
  return agentIds
    .map((agentId) => ({ agentId, load: load(agentId), tie: Math.random() }))
    .sort((a, b) => a.load - b.load || a.tie - b.tie)
    .map((c) => c.agentId);
}

/**
 * Books an appointment (an individual slot, or a seat in a collective session). The booking is
 * one DynamoDB transaction: the idempotency record, the appointment and its participation, the
 * usager, and every concerned agent day conditioned on the version read — so two bookings can
 * never both take overlapping time of an agent, and a collective session never exceeds its
 * capacity. A transaction cancelled by a concurrent change is retried after a fresh read, so
 * bookings of different slots never fail because they raced.
 */
export interface BookOptions {
  idempotencyKey: unknown;
  now: Date;
  actor?: Actor;
  /** online bookings: the client (see Limits.clientKey), for the per-client limit */
  client?: string;
}

export async function book(body: unknown, options: BookOptions): Promise<Booked> {
  const request = parseRequest(body, options.idempotencyKey);
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

function parseRequest(body: unknown, idempotencyKey: unknown) {
  const keyParsed = IdempotencyKey.safeParse(idempotencyKey);
  const parsed = BookInput.safeParse(body);
  const fields = {
    ...(keyParsed.success ? {} : { "Idempotency-Key": keyParsed.error.issues[0]?.message ?? "invalide" }),
    ...(parsed.success ? {} : fieldErrors(parsed.error)),
  };
  if (!keyParsed.success || !parsed.success) throw new ValidationError(fields);
  return { input: parsed.data, key: keyParsed.data, hash: requestHash(parsed.data) };
}

async function bookParsed(
  { input, key, hash }: ReturnType<typeof parseRequest>,
  options: Omit<BookOptions, "idempotencyKey">,
): Promise<Booked> {
  const actor: Actor = options.actor ?? { kind: "usager" };
  const first = await replay(key, hash);
  if (first) return first;

  const [motif, place, department] = await Promise.all([
    actor.kind === "usager" ? Motif.fromIdOnline(input.motifId) : Motif.fromId(input.motifId),
    Place.fromId(input.placeId),
    Department.get(),
  ]);
  const service = await Service.fromId(motif.serviceId);
  if (place.organisationId !== motif.organisationId) {
    throw new ValidationError({ placeId: "ce lieu ne propose pas ce motif" });
  }
  if (actor.kind === "agent") await assertAgentMayBook(actor, motif.organisationId, motif.serviceId);
  const { identity, user } = await resolveServiceUser(input, actor, department.code, motif.organisationId);
  if (motif.locationType === "home" && !identity.address) {
    throw new ValidationError({ "serviceUser.address": "obligatoire pour un rendez-vous à domicile" });
  }
  const label = `${identity.lastName} ${identity.firstName}${input.relative ? ` (${input.relative.firstName})` : ""}`;
  const month = Stats.monthOf(input.startsAt, department.timezone);
  const counted = Stats.increment(motif.organisationId, motif.serviceId, month, { total: 1, booked: 1, [actor.kind === "usager" ? "online" : "agent"]: 1 });
  const participationId = randomUUID();
  const appointmentId = randomUUID();
  const smsBlocked = Notification.noSmsReason(motif, { ...identity, smsOptOut: user.record?.smsOptOut ?? false });
  const confirmation = (appointmentId: string, startsAt: string) =>
    smsBlocked
      ? []
      : [
          Notification.plannedReceipt({
            kind: "confirmation", appointmentId, startsAt, timezone: department.timezone, motif, serviceName: service?.shortName ?? service?.name ?? "", place,
            participationId, tokenVersion: 1, relativeFirstName: input.relative?.firstName, to: identity.phone ?? "", now: options.now,
          }),
        ];
  const audit = (appointmentId: string) =>
    actor.kind === "agent" && actor.context
      ? [Audit.entry(appointmentId, actor.context, "book", { usager: [null, label], startsAt: [null, input.startsAt] }, options.now)]
      : [];
  // what the public may take (per number, per client); agents are not limited
  const limits = (appointmentId: string, startsAt: string) =>
    actor.kind === "usager"
      ? Limits.plan({
          now: options.now, client: options.client, phone: identity.phone, sms: smsBlocked ? 0 : 1, placePhone: place.phone,
          booking: { serviceId: motif.serviceId, appointmentId, participationId, startsAt },
        })
      : Promise.resolve(new Limits.Plan([]));
  const common = { key, hash, participationId, identity, user, organisationId: motif.organisationId, smsBlocked, confirmation, now: options.now, counted, audit, limits };

  const start = DateTime.fromISO(input.startsAt, { setZone: true }).toUTC();
  if (motif.collective) return joinSession({ ...common, motif, placeId: place.placeId, start: start.toISO()!, relative: input.relative });

  const end = start.plus({ minutes: motif.durationMinutes });
  const interval: BusyInterval = {
    appointmentId,
    start: start.toISO()!,
    end: end.plus({ minutes: motif.bufferMinutes }).toISO()!,
  };
  const day = Slot.localDay(interval.start, department.timezone);
  let candidates: string[];
  const availability = await Slot.loadAvailability({
    motifId: motif.motifId,
    placeId: place.placeId,
    organisationId: motif.organisationId,
    from: day,
    to: day,
    agentIds: actor.kind === "agent" ? actor.agentIds : undefined,
  });
  const offered = Slot.compute(department, motif, place.placeId, availability, { from: day, to: day, now: options.now, bookingWindow: actor.kind === "usager" });
  const slot = offered.find((s) => Date.parse(s.startsAt) === start.toMillis());
  if (actor.kind === "agent" && actor.acknowledgeWarnings && actor.agentIds?.length) {
    candidates = actor.agentIds; // outside rules or window, confirmed: only overlap is checked
  } else if (slot) {
    candidates = actor.kind === "agent" && actor.agentIds?.length ? slot.agentIds.filter((a) => actor.agentIds!.includes(a)) : slot.agentIds;
    if (candidates.length === 0) throw new SlotTakenError();
  } else if (actor.kind === "agent") {
    // not a free slot now (outside the rules, in the past, or taken): the agent confirms, then only overlap decides
    throw new ConflictError("appointment.needs_confirmation", "Cet horaire est en dehors des plages d'ouverture ou du délai de réservation, ou déjà passé : confirmez pour réserver quand même.");
  } else {
    // Not free now: taken (409) if it is a start the site could have offered, else no such slot
    // (400). Starts are anchored at each free interval's beginning: an opening's start or the
    // end of an appointment. A neighbouring booking made a moment earlier moves the grid of the
    // free interval it cut, so the start offered before it is found from the anchors of today's
    // busy intervals one at a time, not from today's grid.
    if (!couldHaveBeenOffered(start.toMillis(), (busy) => Slot.compute(department, motif, place.placeId, { ...availability, busy }, { from: day, to: day, now: new Date(0), bookingWindow: false }), availability.busy)) {
      throw new ValidationError({ startsAt: "cet horaire ne correspond à aucun créneau proposé" });
    }
    throw new SlotTakenError();
  }
  const moment = Notification.reminderAt(interval.start, department.timezone, motif, options.now);
  const reminderFields = moment
    ? { reminderAt: moment.toISOString(), scheduleStatus: "pending" as const, workQueue: "work", workDueAt: options.now.toISOString() }
    : { reminderNote: "moment_passed" };
  // individual bookings take one agent; an agent booking with chosen agents takes them all
  const groups = actor.kind === "agent" && actor.agentIds?.length ? [candidates] : orderCandidates(candidates, availability.busy, day, department.timezone).map((a) => [a]);

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    let conflicted = false;
    for (const agentIds of groups) {
      const days = await reserveDays(agentIds, interval, department.timezone);
      if (!days) continue; // this agent is taken now: try the next one
      const limited = await limits(appointmentId, interval.start);
      const result = (await Db.transaction
        .write(({ idempotency, appointment, participation, serviceUser, userProfile, agentDay, receipt, stats, audit: audits, rateLimit, upcoming }) => [
          idempotency.create({ key, requestHash: hash, appointmentId, participationId, expiresAt: Math.floor(options.now.getTime() / 1000) + IDEMPOTENCY_HOURS * 3600 }).commit(),
          appointment
            .create({
              appointmentId,
              organisationId: motif.organisationId,
              serviceId: motif.serviceId,
              motifId: motif.motifId,
              placeId: place.placeId,
              agentIds,
              startsAt: interval.start,
              endsAt: end.toISO()!,
              timezone: department.timezone,
              status: "booked",
              collective: false,
              seatsTaken: 1,
              createdBy: actor.kind,
              createdByAgentId: actor.kind === "agent" ? actor.agentId : undefined,
              label,
              ...reminderFields,
              expiresAt: expiresAt(end.toISO()!),
            })
            .commit(),
          ...confirmation(appointmentId, interval.start).map((r) => receipt.create(r).commit()),
          stats.update(counted.key).add(counted.add).commit(),
          ...audit(appointmentId).map((a) => audits.create(a).commit()),
          participation
            .create({
              appointmentId,
              participationId,
              serviceUserId: user.serviceUserId,
              relative: input.relative,
              status: "booked",
              tokenVersion: 1,
              tokenHash: ManageToken.hash(ManageToken.derive(participationId, 1)),
              noSmsReason: smsBlocked,
              expiresAt: expiresAt(end.toISO()!),
            })
            .commit(),
          ...(user.record ? [] : [serviceUser.create({ serviceUserId: user.serviceUserId, ...identity, smsOptOut: false }).commit()]),
          userProfile.put({ organisationId: motif.organisationId, serviceUserId: user.serviceUserId, searchName: ServiceUser.searchName(identity.firstName, identity.lastName) }).commit(),
          ...days.map((d) =>
            conditionalDayWrite(agentDay, d, expiresAt(`${d.day}T23:59:59Z`)),
          ),
          ...limited.items({ rateLimit, upcoming } as Parameters<typeof limited.items>[0]),
        ])
        .go()) as unknown as TransactionResult;
      if (!result.canceled) {
        await Notification.afterChange(appointmentId, options.now);
        return {
          id: appointmentId,
          startsAt: Slot.toLocalIso(interval.start, department.timezone),
          endsAt: Slot.toLocalIso(end.toISO()!, department.timezone),
          manageToken: ManageToken.derive(participationId, 1),
        };
      }
      if (result.data[0]?.code === "ConditionalCheckFailed") {
        const again = await replay(key, hash); // the same key committed concurrently
        if (again) return again;
      }
      const limitsIndex = result.data.length - limited.size;
      const refusal = limited.refusal(result.data, limitsIndex);
      if (refusal) throw refusal;
      const firstDayIndex = limitsIndex - days.length;
      if (!isRetryable(result, [...days.map((_, i) => firstDayIndex + i), ...limited.retryIndexes(limitsIndex)])) {
        throw new Error(`booking transaction cancelled: ${reasonCodes(result).join(",")}`);
      }
      conflicted = true;
      break; // re-read everything and try again
    }
    if (!conflicted) throw new SlotTakenError();
    await backoff(attempt);
  }
  throw new ConflictError("appointment.busy", "Le service est très sollicité : merci de réessayer dans un instant.");
}

interface JoinOptions {
  counted: ReturnType<typeof Stats.increment>;
  limits: (appointmentId: string, startsAt: string) => Promise<Limits.Plan>;
  audit: (appointmentId: string) => ReturnType<typeof Audit.entry>[];
  smsBlocked: Notification.NoSmsReason | undefined;
  confirmation: (appointmentId: string, startsAt: string) => ReturnType<typeof Notification.plannedReceipt>[];
  now: Date;
  key: string;
  hash: string;
  participationId: string;
  identity: ServiceUser.Identity;
  user: { record: unknown; serviceUserId: string };
  organisationId: string;
  motif: Motif.MotifRecord;
  placeId: string;
  start: string;
  relative?: { firstName: string; lastName: string; birthDate?: string };
}

/** A seat in a collective session: a conditional increment keeps the session within capacity. */
async function joinSession(o: JoinOptions): Promise<Booked> {
  const sessions = await AppointmentEntity.query
    .byOrganisationStart({ organisationId: o.organisationId })
    .begins({ startsAt: o.start })
    .go({ pages: "all" });
  const session = sessions.data.find(
    (s) => s.collective && s.motifId === o.motif.motifId && s.placeId === o.placeId && s.status === "booked" && Date.parse(s.startsAt) === Date.parse(o.start),
  );
  if (!session) throw new ValidationError({ startsAt: "aucune séance collective à cet horaire" });
  const capacity = session.capacity ?? o.motif.capacity ?? 0;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const limited = await o.limits(session.appointmentId, session.startsAt);
    const result = (await Db.transaction
      .write(({ idempotency, appointment, participation, serviceUser, userProfile, receipt, stats, audit: audits, rateLimit, upcoming }) => [
        idempotency.create({ key: o.key, requestHash: o.hash, appointmentId: session.appointmentId, participationId: o.participationId, expiresAt: Math.floor(o.now.getTime() / 1000) + IDEMPOTENCY_HOURS * 3600 }).commit(),
        appointment
          .update({ appointmentId: session.appointmentId })
          .add({ seatsTaken: 1 })
          .where((attr, op) => `${op.lt(attr.seatsTaken, capacity)} AND ${op.eq(attr.status, "booked")}`)
          .commit(),
        participation
          .create({
            appointmentId: session.appointmentId,
            participationId: o.participationId,
            serviceUserId: o.user.serviceUserId,
            relative: o.relative,
            status: "booked",
            tokenVersion: 1,
            tokenHash: ManageToken.hash(ManageToken.derive(o.participationId, 1)),
            noSmsReason: o.smsBlocked,
            expiresAt: expiresAt(session.endsAt),
          })
          .commit(),
        ...o.confirmation(session.appointmentId, session.startsAt).map((r) => receipt.create(r).commit()),
        stats.update(o.counted.key).add(o.counted.add).commit(),
        ...o.audit(session.appointmentId).map((a) => audits.create(a).commit()),
        ...(o.user.record ? [] : [serviceUser.create({ serviceUserId: o.user.serviceUserId, ...o.identity, smsOptOut: false }).commit()]),
        userProfile.put({ organisationId: o.organisationId, serviceUserId: o.user.serviceUserId, searchName: ServiceUser.searchName(o.identity.firstName, o.identity.lastName) }).commit(),
        ...limited.items({ rateLimit, upcoming } as Parameters<typeof limited.items>[0]),
      ])
      .go()) as unknown as TransactionResult;
    if (!result.canceled) {
      await Notification.afterChange(session.appointmentId, o.now);
      return {
        id: session.appointmentId,
        startsAt: Slot.toLocalIso(session.startsAt, session.timezone),
        endsAt: Slot.toLocalIso(session.endsAt, session.timezone),
        manageToken: ManageToken.derive(o.participationId, 1),
      };
    }
    if (result.data[0]?.code === "ConditionalCheckFailed") {
      const again = await replay(o.key, o.hash);
      if (again) return again;
    }
    if (result.data[1]?.code === "ConditionalCheckFailed") {
      throw new ConflictError("appointment.session_full", "Cette séance est complète. Merci d'en choisir une autre.");
    }
    const limitsIndex = result.data.length - limited.size;
    const refusal = limited.refusal(result.data, limitsIndex);
    if (refusal) throw refusal;
    if (!isRetryable(result, limited.retryIndexes(limitsIndex))) throw new Error(`session transaction cancelled: ${reasonCodes(result).join(",")}`);
    await backoff(attempt);
  }
  throw new ConflictError("appointment.busy", "Le service est très sollicité : merci de réessayer dans un instant.");
}

/** The agent booking through the agent API, with the options their body adds (validated: a 400 names the field). */
export function agentActor(body: unknown, context: AgentContext): Actor {
  const options = AgentBookOptions.safeParse(body && typeof body === "object" ? body : {});
  if (!options.success) throw new ValidationError(fieldErrors(options.error));
  return { kind: "agent", agentId: context.agentId, context, acknowledgeWarnings: options.data.acknowledgeWarnings === true, agentIds: options.data.agentIds };
}

/** The signed-in agent sees the motif's service, and every agent they name works there. */
async function assertAgentMayBook(actor: Extract<Actor, { kind: "agent" }>, organisationId: string, serviceId: string): Promise<void> {
  if (actor.context && !canSee(actor.context, organisationId, serviceId)) {
    throw new ForbiddenError("Vous ne pouvez pas prendre de rendez-vous pour ce service.");
  }
  if (actor.agentIds) await Agent.assertWorkFor(actor.agentIds, { organisationId, serviceId });
}

/**
 * The usager of a booking: online, from the form (a mobile number required, the same person
 * found again by phone and names); for agents, an usager already known to the organisation, or
 * a new one whose phone is optional.
 */
async function resolveServiceUser(input: BookInput, actor: Actor, departmentCode: string, organisationId: string) {
  if (actor.kind === "agent" && input.serviceUserId) {
    const [record, profile] = await Promise.all([
      ServiceUser.fromId(input.serviceUserId),
      UserProfileEntity.query.byServiceUser({ serviceUserId: input.serviceUserId, organisationId }).go(),
    ]);
    if (!record || profile.data.length === 0) throw new ValidationError({ serviceUserId: "usager inconnu dans cette organisation" });
    const identity: ServiceUser.Identity = {
      firstName: record.firstName, lastName: record.lastName, phone: record.phone, phoneIsMobile: record.phoneIsMobile,
      email: record.email, birthDate: record.birthDate, address: input.serviceUser?.address ?? record.address,
    };
    return { identity, user: { record, serviceUserId: record.serviceUserId } };
  }
  if (!input.serviceUser) throw new ValidationError({ serviceUser: "obligatoire" });
  const form = input.serviceUser;
  let phone: { e164: string; mobile: boolean } | null = null;
  if (form.phone) {
    phone = parsePhone(form.phone, departmentCode);
    if (!phone) throw new ValidationError({ "serviceUser.phone": "numéro de téléphone invalide" });
  }
  if (actor.kind === "usager" && !phone) throw new ValidationError({ "serviceUser.phone": "obligatoire" });
  if (actor.kind === "usager" && !phone!.mobile) {
    throw new ValidationError({ "serviceUser.phone": "un numéro de mobile est nécessaire pour recevoir le SMS de rappel" });
  }
  const identity: ServiceUser.Identity = {
    firstName: form.firstName,
    lastName: form.lastName,
    phone: phone?.e164,
    phoneIsMobile: phone?.mobile ?? false,
    email: form.email?.toLowerCase(),
    birthDate: form.birthDate,
    address: form.address,
  };
  return { identity, user: await ServiceUser.findOrNew(identity) };
}
