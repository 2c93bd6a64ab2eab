import { DateTime } from "luxon";
import * as Agent from "../agent";
import * as AgentTime from "../agent-time";
import * as Appointment from "../appointment";
import * as Department from "../department";
import * as DepartmentFile from "../department-file";
import { NotFoundError } from "../error";
import * as Motif from "../motif";
import * as OpeningRule from "../opening-rule";
import * as Organisation from "../organisation";
import * as Place from "../place";
import * as Service from "../service";
import * as ServiceUser from "../service-user";
import { APPOINTMENT_COLUMNS, STATUS_LABELS, appointmentCells, csv } from "./csv";

/**
 * The département's export (`npm run export`): what a table holds, as the département file the
 * import reads (`departement.json`) and two spreadsheets (`rendez-vous.csv`, `usagers.csv`), for
 * leaving a host or auditing what is kept. A maintenance job: it reads the whole département
 * through each concept's list functions — paged queries on the existing indexes (organisations,
 * then per organisation its places, motifs, rules, members, agenda and usagers; per agent their
 * absences; per appointment its participations), never a scan — and builds everything in memory
 * before anything is written. Sessions, invitations, password and token hashes, SMS receipts,
 * the audit trail and counters are not exported.
 */

export const FILES = { department: "departement.json", appointments: "rendez-vous.csv", serviceUsers: "usagers.csv" } as const;

/** How many of each kind have been read so far (`onProgress` is called as the counts grow). */
export type ExportCounts = Record<"organisations" | "services" | "places" | "motifs" | "agents" | "openingRules" | "absences" | "appointments" | "participations" | "serviceUsers", number>;

export interface DepartmentExport {
  files: Array<{ name: string; body: Buffer }>;
  /** what was read (appointments and usagers still within their retention period) */
  read: ExportCounts;
  /** rows of each file: the file's collections, and the CSVs' lines */
  written: { file: Record<string, number>; appointmentRows: number; serviceUserRows: number };
  notes: DepartmentFile.FileNotes;
}

const PARALLEL_READS = 8;

/** `work` over `items`, `PARALLEL_READS` at a time, results in the order of `items`. */
async function inParallel<T, R>(items: readonly T[], work: (item: T) => Promise<R>, done?: (count: number) => void): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
      done?.(++finished);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, items.length) }, worker));
  return results;
}

/**
 * Reads the whole département and returns its files. Appointments and usagers whose retention
 * period has passed (`expiresAt` before `now`: DynamoDB's TTL deletes them within days) are left
 * out. Throws `department.not_loaded` on an empty table, and the format's ValidationError (each
 * field named) when the data do not make a valid file: nothing is returned to write then.
 */
export async function department(options: { now: Date; onProgress?: (counts: ExportCounts) => void }): Promise<DepartmentExport> {
  const stored = await Department.stored();
  if (!stored) throw new NotFoundError("department.not_loaded", "Aucun département n'est chargé dans cette base : rien à exporter.");
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  const kept = (item: { expiresAt?: number }) => item.expiresAt === undefined || item.expiresAt > nowSeconds;
  const read: ExportCounts = { organisations: 0, services: 0, places: 0, motifs: 0, agents: 0, openingRules: 0, absences: 0, appointments: 0, participations: 0, serviceUsers: 0 };
  const progress = (changes: Partial<ExportCounts>) => {
    Object.assign(read, changes);
    options.onProgress?.({ ...read });
  };

  const [organisations, services] = await Promise.all([Organisation.listAll(), Service.listAll()]);
  progress({ organisations: organisations.length, services: services.length });
  const perOrganisation = await inParallel(organisations, async ({ organisationId }) => {
    const [places, motifs, openingRules, memberships, appointments, knownUsers] = await Promise.all([
      Place.listByOrganisation(organisationId),
      Motif.listByOrganisation(organisationId),
      OpeningRule.listByOrganisation(organisationId),
      Agent.membersOf(organisationId),
      Appointment.listByOrganisation(organisationId),
      ServiceUser.idsKnownTo(organisationId),
    ]);
    const result = { organisationId, places, motifs, openingRules, memberships, appointments: appointments.filter(kept), knownUsers };
    progress({
      places: read.places + places.length,
      motifs: read.motifs + motifs.length,
      openingRules: read.openingRules + openingRules.length,
      appointments: read.appointments + result.appointments.length,
    });
    return result;
  });
  const memberships = perOrganisation.flatMap((o) => o.memberships);
  const agents = await Agent.getMany([...new Set(memberships.map((m) => m.agentId))].sort());
  progress({ agents: agents.length });
  const absences = (await inParallel(agents, (a) => AgentTime.absencesOf(a.agentId))).flat();
  progress({ absences: absences.length });
  const appointments = perOrganisation.flatMap((o) => o.appointments);
  let participationCount = 0;
  const participations = await inParallel(
    appointments,
    async (a) => {
      const list = await Appointment.participations(a.appointmentId);
      participationCount += list.length;
      return list;
    },
    (done) => {
      if (done % 100 === 0 || done === appointments.length) progress({ participations: participationCount });
    },
  );
  const organisationsOf = new Map<string, string[]>();
  for (const o of perOrganisation) for (const id of o.knownUsers) organisationsOf.set(id, [...(organisationsOf.get(id) ?? []), o.organisationId]);
  const userIds = new Set([...organisationsOf.keys(), ...participations.flat().map((p) => p.serviceUserId)]);
  const serviceUsers = (await ServiceUser.getMany([...userIds].sort())).filter(kept);
  progress({ serviceUsers: serviceUsers.length });

  const records: DepartmentFile.DepartmentRecords = {
    department: { code: stored.code, name: stored.name, timezone: stored.timezone, whitMondayWorked: stored.whitMondayWorked },
    organisations,
    services,
    places: perOrganisation.flatMap((o) => o.places),
    motifs: perOrganisation.flatMap((o) => o.motifs),
    agents,
    memberships,
    openingRules: perOrganisation.flatMap((o) => o.openingRules),
    absences,
    appointments: appointments.map((appointment, i) => ({ appointment, participations: participations[i]! })),
    serviceUsers,
  };
  const { file, notes } = DepartmentFile.fromRecords(records);
  const valid = DepartmentFile.validate(file);
  const appointmentRows = appointmentLines(records);
  const serviceUserRows = serviceUserLines(serviceUsers, organisationsOf);
  return {
    files: [
      { name: FILES.department, body: Buffer.from(`${JSON.stringify(valid, null, 2)}\n`, "utf8") },
      { name: FILES.appointments, body: csv(DEPARTMENT_APPOINTMENT_COLUMNS, appointmentRows) },
      { name: FILES.serviceUsers, body: csv(SERVICE_USER_COLUMNS, serviceUserRows) },
    ],
    read,
    written: {
      file: Object.fromEntries(Object.entries(valid).filter(([, value]) => Array.isArray(value)).map(([key, value]) => [key, (value as unknown[]).length])),
      appointmentRows: appointmentRows.length,
      serviceUserRows: serviceUserRows.length,
    },
    notes,
  };
}

/** The organisation export's columns, with the ids an audit joins on (and the usagers of every seat, with their own status when it differs). */
export const DEPARTMENT_APPOINTMENT_COLUMNS = ["Identifiant", ...APPOINTMENT_COLUMNS, "Organisation (identifiant)", "Motif (identifiant)", "Lieu (identifiant)", "Agents (identifiants)", "Usagers (identifiants)"] as const;

function appointmentLines(records: DepartmentFile.DepartmentRecords): string[][] {
  const name = <T>(list: T[], key: keyof T, id: string) => list.find((item) => item[key] === id);
  const users = new Map(records.serviceUsers.map((u) => [u.serviceUserId, u]));
  return [...records.appointments]
    .sort((x, y) => (x.appointment.startsAt + x.appointment.appointmentId < y.appointment.startsAt + y.appointment.appointmentId ? -1 : 1))
    .map(({ appointment: a, participations }) => {
      const seats = [...participations].sort((x, y) => (x.serviceUserId < y.serviceUserId ? -1 : x.serviceUserId > y.serviceUserId ? 1 : 0));
      const first = seats[0] && users.get(seats[0].serviceUserId);
      const usager = a.collective || !first ? undefined : `${first.lastName} ${first.firstName}${seats[0]!.relative ? ` (${seats[0]!.relative.firstName})` : ""}`;
      const cells = appointmentCells(a, {
        service: name(records.services, "serviceId", a.serviceId)?.name ?? "",
        motif: name(records.motifs, "motifId", a.motifId)?.name ?? "",
        place: name(records.places, "placeId", a.placeId)?.name ?? "",
        agents: a.agentIds.map((id) => name(records.agents, "agentId", id)).map((g) => (g ? `${g.firstName} ${g.lastName}` : "")),
        usager,
      });
      const seatIds = seats.map((p) => (p.status === a.status ? p.serviceUserId : `${p.serviceUserId} (${STATUS_LABELS[p.status] ?? p.status})`));
      return [a.appointmentId, ...cells, a.organisationId, a.motifId, a.placeId, a.agentIds.join(", "), seatIds.join(", ")];
    });
}

export const SERVICE_USER_COLUMNS = ["Identifiant", "Nom", "Prénom", "Téléphone", "Mobile", "E-mail", "Date de naissance", "Adresse", "SMS refusés", "Organisations (identifiants)"] as const;

function serviceUserLines(users: ServiceUser.ServiceUserRecord[], organisationsOf: Map<string, string[]>): string[][] {
  const yesNo = (value: boolean) => (value ? "oui" : "non");
  return [...users]
    .sort((x, y) => (x.serviceUserId < y.serviceUserId ? -1 : 1))
    .map((u) => [
      u.serviceUserId,
      u.lastName,
      u.firstName,
      u.phone ?? "",
      u.phone ? yesNo(u.phoneIsMobile) : "",
      u.email ?? "",
      u.birthDate ? DateTime.fromISO(u.birthDate).toFormat("dd/MM/yyyy") : "",
      u.address ?? "",
      yesNo(u.smsOptOut),
      [...(organisationsOf.get(u.serviceUserId) ?? [])].sort().join(", "),
    ]);
}
