import { validate as validateInput } from "../validate";
import * as Agent from "../agent";
import * as AgentTime from "../agent-time";
import * as Appointment from "../appointment";
import * as Commune from "../commune";
import { communesByCode } from "../commune/dataset";
import { normalize } from "../commune/search";
import * as Department from "../department";
import { captureWrites, compareWithTable, type KindChanges } from "../db/dry-run";
import { ValidationError } from "../error";
import * as Motif from "../motif";
import * as Clock from "../clock";
import * as OpeningRule from "../opening-rule";
import * as Organisation from "../organisation";
import * as Place from "../place";
import * as Service from "../service";
import * as ServiceUser from "../service-user";
import * as Stats from "../stats";
import { DepartmentFile, type DepartmentFileInput } from "../schema/department-file";
import { appointmentRecords } from "./appointments";
import { absenceItem, motifItem, openingRuleItem, placeItem } from "./items";

export { DepartmentFile } from "../schema/department-file";
export { fromRecords, type DepartmentRecords, type FileNotes } from "./from-records";
export { BLOCKING_STATUSES } from "./appointments";
export type { KindChanges } from "../db/dry-run";

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

export interface LoadOptions {
  /** on a stage: the département its settings hold; a file of another one is refused */
  expectedDepartment?: { code: string; stage: string };
  /** told after each kind of item is written, with how many (the CLI prints progress) */
  onProgress?: (kind: keyof LoadSummary, count: number) => void;
}

/**
 * Loads a département file: validates everything first (nothing is written when anything is
 * wrong), then upserts every item by its id. Loading the same file again writes the same data
 * (agents keep the password they chose). Items missing from the file are not deleted (a file
 * describes, it does not purge), except the served-commune list, which is derived from the
 * organisations and rebuilt.
 */
export async function load(input: DepartmentFileInput | unknown, options: LoadOptions = {}): Promise<LoadSummary> {
  const file = validate(input);
  const { department } = file;
  const expected = options.expectedDepartment;
  if (expected && expected.code !== department.code) {
    throw new ValidationError(
      { "department.code": `la stage ${expected.stage} sert le département ${expected.code} ; ce fichier est celui du ${department.code}` },
      "Le fichier concerne un autre département.",
    );
  }
  const loaded = await Department.stored();
  if (loaded && loaded.code !== department.code) {
    throw new ValidationError(
      { "department.code": `cette base sert déjà le département ${loaded.code} ; un fichier du ${department.code} est refusé` },
      "Le fichier concerne un autre département.",
    );
  }
  const progress = options.onProgress ?? (() => undefined);
  const communes = communesByCode();
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
  progress("organisations", file.organisations.length);
  await Service.saveAll(file.services.map((s) => ({ serviceId: s.id, name: s.name, shortName: s.shortName })));
  progress("services", file.services.length);
  await Place.saveAll(file.places.map((p) => placeItem(p, department.code)));
  progress("places", file.places.length);
  await Motif.saveAll(file.motifs.map(motifItem));
  progress("motifs", file.motifs.length);
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
  progress("agents", file.agents.length);
  await OpeningRule.saveAll(file.openingRules.map((r) => openingRuleItem(r, places.get(r.placeId)!.organisationId)));
  progress("openingRules", file.openingRules.length);
  await AgentTime.saveAbsences(file.absences.map(absenceItem));
  progress("absences", file.absences.length);
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
  progress("communes", served.size);

  // Appointments with their participations, usagers and the agents' busy time.
  const records = appointmentRecords(file, Clock.now());
  await Appointment.saveAll(records.appointments);
  await Stats.saveAll(records.counters);
  await ServiceUser.saveAll(records.serviceUsers as never[]);
  await ServiceUser.saveProfiles(records.profiles);
  await Appointment.saveParticipations(records.participations);
  await AgentTime.mergeAll(
    new Map(
      [...records.busyByAgentDay].map(([key, intervals]) => {
        const [agentId, day] = key.split("|") as [string, string];
        return [key, { agentId, day, intervals }];
      }),
    ),
  );
  progress("appointments", file.appointments.length);

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

/**
 * A dry run of `load`: the same validation and the same code, with every write kept instead of
 * sent (db/dry-run.ts), then compared with the table: per kind of item (entity name), how many
 * would be created, updated, left unchanged or deleted. Writes nothing.
 */
export async function preview(input: DepartmentFileInput | unknown, options: LoadOptions = {}): Promise<{ summary: LoadSummary; changes: Record<string, KindChanges> }> {
  const { result, writes } = await captureWrites(() => load(input, options));
  return { summary: result, changes: await compareWithTable(writes) };
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
