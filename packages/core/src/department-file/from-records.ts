import { DateTime } from "luxon";
import type { AgentRecord, MembershipRecord } from "../agent";
import type { AbsenceRecord } from "../agent-time";
import type { AppointmentRecord, ParticipationRecord } from "../appointment";
import type { MotifRecord } from "../motif";
import type { OpeningRuleRecord } from "../opening-rule";
import type { OrganisationRecord } from "../organisation";
import type { PlaceRecord } from "../place";
import type { TIMEZONES } from "../schema/common";
import type { DepartmentFileInput } from "../schema/department-file";
import type { ServiceRecord } from "../service";
import type { ServiceUserRecord } from "../service-user";
import { absenceEntry, motifEntry, openingRuleEntry, organisationEntry, placeEntry, serviceEntry, serviceUserEntry } from "./items";

/** What the export read from the table, through each concept's own list functions. */
export interface DepartmentRecords {
  department: { code: string; name: string; timezone: (typeof TIMEZONES)[number]; whitMondayWorked: boolean };
  organisations: OrganisationRecord[];
  services: ServiceRecord[];
  places: PlaceRecord[];
  motifs: MotifRecord[];
  agents: AgentRecord[];
  memberships: MembershipRecord[];
  openingRules: OpeningRuleRecord[];
  absences: AbsenceRecord[];
  appointments: Array<{ appointment: AppointmentRecord; participations: ParticipationRecord[] }>;
  serviceUsers: ServiceUserRecord[];
}

/** What the file cannot say, and so leaves out or simplifies (the export prints it). */
export interface FileNotes {
  /** collective sessions without any participant of their status (the file needs one usager at least) */
  appointmentsLeftOut: string[];
  /** seats of a collective session whose own status differs from the session's (cancelled one by one): "session id / usager id" */
  seatsLeftOut: string[];
  /** usagers in no appointment of the file (created by an agent, or whose appointments are left out) */
  serviceUsersLeftOut: string[];
  /** agents whose memberships differ in role or services between organisations */
  agentsSimplified: string[];
}

/** From the most restricted to the widest role: an agent's single role in the file is the narrowest of theirs. */
const ROLE_ORDER = ["agent", "secretariat", "admin"] as const;

const byId = <T extends { id: string }>(items: T[]): T[] => [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const unique = <T>(items: T[]): T[] => [...new Set(items)];

/**
 * The département file (version 1) of what a table holds, the inverse of `load`: ids kept,
 * every collection in order of id, every default written out, stored forms kept (phones in
 * E.164, e-mails in lower case, an appointment's end always given), times in the département's
 * wall clock. The format gives an agent one role and one service list for all their
 * organisations, and an appointment one status: see `FileNotes` for what it cannot carry.
 * Returns the file before validation (the caller validates it with the format's schema).
 */
export function fromRecords(records: DepartmentRecords): { file: DepartmentFileInput; notes: FileNotes } {
  const { department } = records;
  const zone = department.timezone;
  const notes: FileNotes = { appointmentsLeftOut: [], seatsLeftOut: [], serviceUsersLeftOut: [], agentsSimplified: [] };
  const wallClock = (iso: string) => DateTime.fromISO(iso, { zone: "utc" }).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");
  const users = new Map(records.serviceUsers.map((u) => [u.serviceUserId, u]));

  const agents = records.agents.map((agent) => {
    const own = records.memberships.filter((m) => m.agentId === agent.agentId);
    if (own.length === 0) return { id: agent.agentId, email: agent.email, firstName: agent.firstName, lastName: agent.lastName, organisationIds: agent.organisationIds, serviceIds: agent.serviceIds, role: agent.role };
    const member = new Set(own.map((m) => m.organisationId));
    const organisationIds = unique([...agent.organisationIds.filter((id) => member.has(id)), ...[...member].sort()]);
    const ordered = organisationIds.map((id) => own.find((m) => m.organisationId === id)!);
    const role = ROLE_ORDER.find((r) => ordered.some((m) => m.role === r))!;
    const serviceIds = unique(ordered.flatMap((m) => m.serviceIds));
    if (ordered.some((m) => m.role !== role || m.serviceIds.join() !== serviceIds.join())) notes.agentsSimplified.push(agent.agentId);
    return { id: agent.agentId, email: agent.email, firstName: agent.firstName, lastName: agent.lastName, organisationIds, serviceIds, role };
  });

  const appointments = records.appointments.flatMap(({ appointment: a, participations }) => {
    // a collective session keeps the seats of its own status (seats cancelled one by one are excused while it stays booked)
    const seated = participations
      .filter((p) => {
        if (!a.collective || p.status === a.status) return true;
        notes.seatsLeftOut.push(`${a.appointmentId} / ${p.serviceUserId}`);
        return false;
      })
      .filter((p) => users.has(p.serviceUserId))
      .sort((x, y) => (x.serviceUserId < y.serviceUserId ? -1 : x.serviceUserId > y.serviceUserId ? 1 : 0));
    if (seated.length === 0) {
      notes.appointmentsLeftOut.push(a.appointmentId);
      return [];
    }
    return [{
      id: a.appointmentId,
      motifId: a.motifId,
      placeId: a.placeId,
      agentIds: a.agentIds,
      start: wallClock(a.startsAt),
      end: wallClock(a.endsAt),
      status: a.status,
      createdBy: a.createdBy,
      serviceUsers: seated.map((p) => serviceUserEntry(users.get(p.serviceUserId)!, p.relative)),
    }];
  });

  const inFile = new Set(appointments.flatMap((a) => a.serviceUsers.map((u) => u.id)));
  notes.serviceUsersLeftOut = records.serviceUsers.map((u) => u.serviceUserId).filter((id) => !inFile.has(id)).sort();
  notes.seatsLeftOut.sort();
  notes.appointmentsLeftOut.sort();
  notes.agentsSimplified.sort();

  return {
    file: {
      version: 1,
      department: { code: department.code, name: department.name, timezone: department.timezone, whitMondayWorked: department.whitMondayWorked },
      organisations: byId(records.organisations.map(organisationEntry)),
      services: byId(records.services.map(serviceEntry)),
      places: byId(records.places.map(placeEntry)),
      motifs: byId(records.motifs.map(motifEntry)),
      agents: byId(agents),
      openingRules: byId(records.openingRules.map(openingRuleEntry)) as DepartmentFileInput["openingRules"],
      absences: byId(records.absences.map(absenceEntry)) as DepartmentFileInput["absences"],
      appointments: byId(appointments),
    },
    notes,
  };
}
