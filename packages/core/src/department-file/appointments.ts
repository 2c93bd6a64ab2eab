import { DateTime } from "luxon";
import { localDaysOf, type BusyInterval } from "../agent-time";
import { normalize } from "../commune/search";
import * as ManageToken from "../manage-token";
import * as Notification from "../notification";
import { expiresAt } from "../retention";
import type { DepartmentFile } from "../schema/department-file";
import { parsePhone } from "../schema/phone";
import { monthOf } from "../stats";

/** A work-index due date that is always past, and the same at every import (idempotent). */
const AS_SOON_AS_POSSIBLE = "1970-01-01T00:00:00.000Z";

/** Statuses whose time stays taken in the agent's agenda (a no-show did use the time). */
export const BLOCKING_STATUSES = new Set(["booked", "seen", "noshow"]);

/**
 * The items of a file's appointments: appointments, participations, usagers and their profiles
 * (kept 2 years after their last appointment), the agents' busy time per day, and the counters.
 */
export function appointmentRecords(file: DepartmentFile, now: Date) {
  const { department } = file;
  const zone = department.timezone;
  const motifs = new Map(file.motifs.map((motif) => [motif.id, motif]));
  const appointments = [];
  const participations = [];
  const serviceUsers = new Map<string, Record<string, unknown>>();
  const profiles = new Map<string, { organisationId: string; serviceUserId: string; searchName: string }>();
  const userExpiry = new Map<string, number>();
  const noShows = new Map<string, number>();
  const busyByAgentDay = new Map<string, BusyInterval[]>();
  for (const a of file.appointments) {
    const motif = motifs.get(a.motifId)!;
    const startsAt = DateTime.fromISO(a.start, { zone }).toUTC();
    const endsAt = a.end ? DateTime.fromISO(a.end, { zone }).toUTC() : startsAt.plus({ minutes: motif.durationMinutes });
    const startIso = startsAt.toISO()!;
    const endIso = endsAt.toISO()!;
    // booked appointments to come get their reminder schedule (set up by the reconciler)
    const moment = a.status === "booked" ? Notification.reminderAt(startIso, zone, motif, now) : null;
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
      // an individual appointment's one participation (ids as written below)
      participationId: motif.collective || a.serviceUsers.length !== 1 ? undefined : `${a.id}.${a.serviceUsers[0]!.id}`,
      createdBy: a.createdBy,
      label: motif.collective ? undefined : labelOf(a.serviceUsers[0]!),
      ...(moment
        ? { reminderAt: moment.toISOString(), scheduleStatus: "pending" as const, workQueue: "work", workDueAt: AS_SOON_AS_POSSIBLE }
        : {}),
      expiresAt: expiresAt(endIso),
    });
    for (const user of a.serviceUsers) {
      const phone = user.phone ? parsePhone(user.phone, department.code) : null;
      userExpiry.set(user.id, Math.max(userExpiry.get(user.id) ?? 0, expiresAt(endIso)));
      // the usager's no-shows in the file (the call list's "previous no-show"); the usager's last entry carries the total
      noShows.set(user.id, (noShows.get(user.id) ?? 0) + (a.status === "noshow" ? 1 : 0));
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
        ...(noShows.get(user.id) ? { noShows: noShows.get(user.id) } : {}),
      });
      // one profile per usager and organisation, however many appointments they have there
      // (a batch write refuses the same key twice)
      profiles.set(`${motif.organisationId}|${user.id}`, {
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
        expiresAt: expiresAt(endIso),
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
  return {
    appointments,
    participations,
    serviceUsers: [...serviceUsers.values()].map((user) => ({ ...user, expiresAt: userExpiry.get(user.serviceUserId as string) })),
    profiles: [...profiles.values()].map((profile) => ({ ...profile, expiresAt: userExpiry.get(profile.serviceUserId) })),
    busyByAgentDay,
    counters: importedCounters(file),
  };
}

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
