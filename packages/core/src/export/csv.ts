import { stringify } from "csv-stringify/sync";
import { DateTime } from "luxon";

/**
 * The CSV of every export (an organisation's appointments, the département's export): UTF-8
 * with a BOM and ';' between fields, as French spreadsheets open them; dates dd/MM/yyyy and
 * times HH:mm in the appointment's timezone.
 */
export function csv(header: readonly string[], rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from(`\ufeff${stringify([[...header], ...rows.map((row) => [...row])], { delimiter: ";" })}`, "utf8");
}

export const STATUS_LABELS: Record<string, string> = { booked: "Prévu", seen: "Honoré", excused: "Annulé (excusé)", revoked: "Annulé par le service", noshow: "Absence non excusée" };

export const APPOINTMENT_COLUMNS = ["Date", "Début", "Fin", "Statut", "Service", "Motif", "Lieu", "Agents", "Usager", "Places prises", "Pris par"] as const;

interface AppointmentFields {
  startsAt: string;
  endsAt: string;
  timezone: string;
  status: string;
  collective: boolean;
  seatsTaken: number;
  capacity?: number;
  createdBy: string;
}

/** The names an appointment's row shows (each export finds them its own way). */
export interface AppointmentNames {
  service: string;
  motif: string;
  place: string;
  /** "Prénom Nom" of each agent */
  agents: string[];
  /** who it is with ("Dubois Chloé (Léo)"); a collective session says so */
  usager?: string;
}

/** An appointment's cells under APPOINTMENT_COLUMNS. */
export function appointmentCells(a: AppointmentFields, names: AppointmentNames): string[] {
  const start = DateTime.fromISO(a.startsAt).setZone(a.timezone);
  return [
    start.toFormat("dd/MM/yyyy"),
    start.toFormat("HH:mm"),
    DateTime.fromISO(a.endsAt).setZone(a.timezone).toFormat("HH:mm"),
    STATUS_LABELS[a.status] ?? a.status,
    names.service,
    names.motif,
    names.place,
    names.agents.join(", "),
    names.usager ?? (a.collective ? "Séance collective" : ""),
    a.collective ? `${a.seatsTaken}/${a.capacity ?? ""}` : "",
    a.createdBy === "usager" ? "En ligne" : "Agent",
  ];
}
