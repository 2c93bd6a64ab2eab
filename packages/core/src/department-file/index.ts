import { randomUUID } from "node:crypto";
import { validate as validateInput } from "../validate";
import { DateTime } from "luxon";
import type { z } from "zod";
import * as Agent from "../agent";
import * as AgentTime from "../agent-time";
import { localDaysOf, type BusyInterval } from "../agent-time";
import * as Appointment from "../appointment";
import * as Commune from "../commune";
import { communesByCode } from "../commune/dataset";
import { normalize } from "../commune/search";
import * as Department from "../department";
import { ValidationError } from "../error";
import * as ManageToken from "../manage-token";
import * as Motif from "../motif";
import * as Clock from "../clock";
import * as Notification from "../notification";
import * as OpeningRule from "../opening-rule";
import * as Organisation from "../organisation";
import * as Place from "../place";
import * as Service from "../service";
import * as ServiceUser from "../service-user";
import * as Stats from "../stats";
import { monthOf } from "../stats";
import { DepartmentFile, type DepartmentFileInput } from "../schema/department-file";
import { parsePhone } from "../schema/phone";
import { absenceItem, motifItem, openingRuleItem, placeItem } from "./items";

export { DepartmentFile } from "../schema/department-file";

/** Appointment data is kept two years after the appointment (guarantee 7 in docs/architecture.md). */
export const RETENTION_YEARS = 2;

/** Statuses whose time stays taken in the agent's agenda (a no-show did use the time). */
/** A work-index due date that is always past, and the same at every import (idempotent). */
const AS_SOON_AS_POSSIBLE = "1970-01-01T00:00:00.000Z";

export const BLOCKING_STATUSES = new Set(["booked", "seen", "noshow"]);

/**
 * Validates a département file: the zod schema (types, formats, cross-references) and the
 * communes against the national dataset. Throws a ValidationError whose fields are keyed by path
 * (`motifs[3].durationMinutes`); returns the parsed file otherwise.
 */
export function validate(input: unknown): DepartmentFile {
  const file = validateInput(DepartmentFile, input, { message: "Le fichier du département est invalide." });
  const communes = communesByCode();
  const fields: Record<string, string> = {};
  file.organisations.forEach((organisation, i) => {
    organisation.communes.forEach((code, j) => {
      const commune = communes.get(code);
      if (!commune) fields[`organisations[${i}].communes[${j}]`] = `commune inconnue : ${code}`;
      else if (commune.departmentCode !== file.department.code) {
        fields[`organisations[${i}].communes[${j}]`] =
          `la commune ${code} (${commune.name}) n'est pas dans le département ${file.department.code}`;
      }
    });
  });
  if (Object.keys(fields).length > 0) throw new ValidationError(fields, "Le fichier du département est invalide.");
  return file;
}

export interface LoadSummary {
  organisations: number;
  services: number;
  places: number;
  motifs: number;
  agents: number;
  openingRules: number;
  absences: number;
  appointments: number;
  communes: number;
}

function epochSeconds(iso: string, plusYears: number): number {
  return Math.floor(DateTime.fromISO(iso, { zone: "utc" }).plus({ years: plusYears }).toSeconds());
}

/**
 * Loads a département file: validates everything first (nothing is written when anything is
 * wrong), then upserts every item by its id. Loading the same file again writes the same data.
 * Items missing from the file are not deleted (a file describes, it does not purge), except the
 * served-commune list, which is derived from the organisations and rebuilt.
 */
export async function load(input: DepartmentFileInput | unknown): Promise<LoadSummary> {
  const file = validate(input);
  const { department } = file;
  const loaded = await Department.stored();
  if (loaded && loaded.code !== department.code) {
    throw new ValidationError(
      { "department.code": `cette base sert déjà le département ${loaded.code} ; un fichier du ${department.code} est refusé` },
      "Le fichier concerne un autre département.",
    );
  }
  const zone = department.timezone;
  const communes = communesByCode();
  const motifs = new Map(file.motifs.map((motif) => [motif.id, motif]));
  const places = new Map(file.places.map((place) => [place.id, place]));

  await Department.save({
    code: department.code,
    name: department.name,
    timezone: department.timezone,
    whitMondayWorked: department.whitMondayWorked,
  });
  await Organisation.saveAll(
    file.organisations.map((o) => ({ organisationId: o.id, name: o.name, communes: o.communes })),
  );
  await Service.saveAll(file.services.map((s) => ({ serviceId: s.id, name: s.name, shortName: s.shortName })));
  await Place.saveAll(file.places.map((p) => placeItem(p, department.code)));
  await Motif.saveAll(file.motifs.map(motifItem));
  await Agent.saveAll(
    file.agents.map((a) => ({
      agentId: a.id,
      email: a.email.toLowerCase(),
      firstName: a.firstName,
      lastName: a.lastName,
      organisationIds: a.organisationIds,
      serviceIds: a.serviceIds,
      role: a.role,
    })),
  );
  await Agent.saveMemberships(
    file.agents.flatMap((a) =>
      a.organisationIds.map((organisationId) => ({ agentId: a.id, organisationId, role: a.role, serviceIds: a.serviceIds })),
    ),
  );
  await OpeningRule.saveAll(file.openingRules.map((r) => openingRuleItem(r, places.get(r.placeId)!.organisationId)));
  await AgentTime.saveAbsences(file.absences.map(absenceItem));
  // The places of each agent's rules keep a copy of the agent's busy time (slot search): they
  // cover the agent before the appointments below are written, so those are copied as written.
  const placesByAgent = new Map<string, string[]>();
  for (const rule of file.openingRules) placesByAgent.set(rule.agentId, [...new Set([...(placesByAgent.get(rule.agentId) ?? []), rule.placeId])]);
  await AgentTime.coverAll(placesByAgent);

  // Served communes: derived from the organisations, rebuilt on every import.
  const served = new Map<string, string[]>();
  for (const organisation of file.organisations) {
    for (const code of organisation.communes) served.set(code, [...(served.get(code) ?? []), organisation.id]);
  }
  await Commune.rebuildServed(
    [...served].map(([code, organisationIds]) => {
      const commune = communes.get(code)!;
      return { code, name: commune.name, searchName: normalize(commune.name), postcodes: commune.postcodes, organisationIds };
    }),
  );

  // Appointments with their participations, usagers and the agents' busy time.
  const appointments = [];
  const participations = [];
  const serviceUsers = new Map<string, Record<string, unknown>>();
  const profiles = [];
  // usagers and their profiles are kept 2 years after their last appointment
  const userExpiry = new Map<string, number>();
  const busyByAgentDay = new Map<string, BusyInterval[]>();
  for (const a of file.appointments) {
    const motif = motifs.get(a.motifId)!;
    const startsAt = DateTime.fromISO(a.start, { zone }).toUTC();
    const endsAt = a.end ? DateTime.fromISO(a.end, { zone }).toUTC() : startsAt.plus({ minutes: motif.durationMinutes });
    const startIso = startsAt.toISO()!;
    const endIso = endsAt.toISO()!;
    // booked appointments to come get their reminder schedule (set up by the reconciler)
    const moment = a.status === "booked" ? Notification.reminderAt(startIso, zone, motif, Clock.now()) : null;
    appointments.push({
      appointmentId: a.id,
      organisationId: motif.organisationId,
      serviceId: motif.serviceId,
      motifId: a.motifId,
      placeId: a.placeId,
      agentIds: a.agentIds,
      startsAt: startIso,
      endsAt: endIso,
      timezone: zone,
      status: a.status,
      collective: motif.collective,
      capacity: motif.capacity,
      seatsTaken: a.serviceUsers.length,
      createdBy: a.createdBy,
      label: motif.collective ? undefined : labelOf(a.serviceUsers[0]!),
      ...(moment
        ? { reminderAt: moment.toISOString(), scheduleStatus: "pending" as const, workQueue: "work", workDueAt: AS_SOON_AS_POSSIBLE }
        : {}),
      expiresAt: epochSeconds(endIso, RETENTION_YEARS),
    });
    for (const user of a.serviceUsers) {
      const phone = user.phone ? parsePhone(user.phone, department.code) : null;
      userExpiry.set(user.id, Math.max(userExpiry.get(user.id) ?? 0, epochSeconds(endIso, RETENTION_YEARS)));
      serviceUsers.set(user.id, {
        serviceUserId: user.id,
        firstName: user.firstName,
        lastName: user.lastName,
        phone: phone?.e164,
        phoneIsMobile: phone?.mobile ?? false,
        email: user.email?.toLowerCase(),
        birthDate: user.birthDate,
        address: user.address,
        smsOptOut: user.smsOptOut,
      });
      profiles.push({
        organisationId: motif.organisationId,
        serviceUserId: user.id,
        searchName: normalize(`${user.lastName} ${user.firstName}`),
      });
      const participationId = `${a.id}.${user.id}`;
      participations.push({
        appointmentId: a.id,
        participationId,
        serviceUserId: user.id,
        relative: user.relative,
        status: a.status,
        tokenVersion: 1,
        tokenHash: ManageToken.hash(ManageToken.derive(participationId, 1)),
        noSmsReason: Notification.noSmsReason(motif, { phone: phone?.e164, phoneIsMobile: phone?.mobile ?? false, smsOptOut: user.smsOptOut }),
        expiresAt: epochSeconds(endIso, RETENTION_YEARS),
      });
    }
    if (BLOCKING_STATUSES.has(a.status)) {
      const busyEnd = endsAt.plus({ minutes: motif.bufferMinutes }).toISO()!;
      for (const agentId of a.agentIds) {
        for (const day of localDaysOf(startIso, busyEnd, zone)) {
          const key = `${agentId}|${day}`;
          busyByAgentDay.set(key, [...(busyByAgentDay.get(key) ?? []), { appointmentId: a.id, start: startIso, end: busyEnd }]);
        }
      }
    }
  }
  await Appointment.saveAll(appointments);
  await Stats.saveAll(importedCounters(file));
  await ServiceUser.saveAll([...serviceUsers.values()].map((user) => ({ ...user, expiresAt: userExpiry.get(user.serviceUserId as string) })) as never[]);
  // one profile per usager and organisation, however many appointments they have there
  // (a batch write refuses the same key twice)
  await ServiceUser.saveProfiles(
    [...new Map(profiles.map((profile) => [`${profile.organisationId}|${profile.serviceUserId}`, profile])).values()].map((profile) => ({ ...profile, expiresAt: userExpiry.get(profile.serviceUserId) })),
  );
  await Appointment.saveParticipations(participations);
  await AgentTime.mergeAll(
    new Map(
      [...busyByAgentDay].map(([key, intervals]) => {
        const [agentId, day] = key.split("|") as [string, string];
        return [key, { agentId, day, intervals }];
      }),
    ),
  );

  return {
    organisations: file.organisations.length,
    services: file.services.length,
    places: file.places.length,
    motifs: file.motifs.length,
    agents: file.agents.length,
    openingRules: file.openingRules.length,
    absences: file.absences.length,
    appointments: file.appointments.length,
    communes: served.size,
  };
}

/** Parses JSON text, turning a syntax error into a ValidationError. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) throw new ValidationError({ "(racine)": `JSON invalide : ${error.message}` });
    throw error;
  }
}

export type ValidatedFile = z.infer<typeof DepartmentFile>;
export const newId = () => randomUUID();

function labelOf(user: { firstName: string; lastName: string; relative?: { firstName: string } }): string {
  return `${user.lastName} ${user.firstName}${user.relative ? ` (${user.relative.firstName})` : ""}`;
}

/**
 * Counters of the file's appointments, written as absolute values in a shard of their own
 * ("import"), so loading the same file again writes the same counts; later changes add to the
 * other shards.
 */
function importedCounters(file: DepartmentFile) {
  const motifs = new Map(file.motifs.map((m) => [m.id, m]));
  const rows = new Map<string, { organisationId: string; serviceId: string; month: string; shard: string; total: number; online: number; agent: number; booked: number; seen: number; excused: number; revoked: number; noshow: number }>();
  for (const a of file.appointments) {
    const motif = motifs.get(a.motifId)!;
    const month = monthOf(DateTime.fromISO(a.start, { zone: file.department.timezone }).toISO()!, file.department.timezone);
    const key = `${motif.organisationId}|${motif.serviceId}|${month}`;
    const row = rows.get(key) ?? { organisationId: motif.organisationId, serviceId: motif.serviceId, month, shard: "import", total: 0, online: 0, agent: 0, booked: 0, seen: 0, excused: 0, revoked: 0, noshow: 0 };
    const n = a.serviceUsers.length;
    row.total += n;
    row[a.createdBy === "usager" ? "online" : "agent"] += n;
    row[a.status] += n;
    rows.set(key, row);
  }
  return [...rows.values()];
}
