import { stringify } from "csv-stringify/sync";
import { validate } from "../validate";
import { DateTime } from "luxon";
import * as z from "zod";
import * as Agent from "../agent";
import { organisationAppointments } from "../appointment/sessions";
import * as Department from "../department";
import * as Motif from "../motif";
import * as Place from "../place";
import { Id, LocalDate } from "../schema/common";
import * as Service from "../service";
import { ForbiddenError, canSee, type AgentContext } from "../session";
import { daysBetween } from "../slot";

export const ExportInput = z
  .object({ organisationId: Id, from: LocalDate, to: LocalDate, format: z.enum(["csv", "xlsx"]) })
  .refine((i) => i.to >= i.from && daysBetween(i.from, i.to) <= 366, { path: ["to"], message: "de 1 à 367 jours" });

const STATUS_LABELS: Record<string, string> = { booked: "Prévu", seen: "Honoré", excused: "Annulé (excusé)", revoked: "Annulé par le service", noshow: "Absence non excusée" };

const COLUMNS = ["Date", "Début", "Fin", "Statut", "Service", "Motif", "Lieu", "Agents", "Usager", "Places prises", "Pris par"] as const;

/** Appointments of an organisation over a date range, as CSV (UTF-8 with BOM, ';' for French spreadsheets) or XLSX. */
export async function appointments(input: unknown, ctx: AgentContext): Promise<{ filename: string; contentType: string; body: Buffer }> {
  const { organisationId, from, to, format } = validate(ExportInput, input);
  if (!ctx.memberships.some((m) => m.organisationId === organisationId)) throw new ForbiddenError();
  const department = await Department.get();
  const [list, motifs, places, services] = await Promise.all([
    organisationAppointments(organisationId, from, to, department.timezone),
    Motif.listByOrganisation(organisationId),
    Place.listByOrganisation(organisationId),
    Service.listAll(),
  ]);
  const visible = list.filter((a) => canSee(ctx, a.organisationId, a.serviceId));
  const agentIds = [...new Set(visible.flatMap((a) => a.agentIds))];
  const agents = await Agent.getMany(agentIds);
  const rows = visible.map((a) => {
    const start = DateTime.fromISO(a.startsAt).setZone(a.timezone);
    return [
      start.toFormat("dd/MM/yyyy"),
      start.toFormat("HH:mm"),
      DateTime.fromISO(a.endsAt).setZone(a.timezone).toFormat("HH:mm"),
      STATUS_LABELS[a.status] ?? a.status,
      services.find((s) => s.serviceId === a.serviceId)?.name ?? "",
      motifs.find((m) => m.motifId === a.motifId)?.name ?? "",
      places.find((p) => p.placeId === a.placeId)?.name ?? "",
      a.agentIds.map((id) => agents.find((g) => g.agentId === id)).map((g) => (g ? `${g.firstName} ${g.lastName}` : "")).join(", "),
      a.label ?? (a.collective ? "Séance collective" : ""),
      a.collective ? `${a.seatsTaken}/${a.capacity ?? ""}` : "",
      a.createdBy === "usager" ? "En ligne" : "Agent",
    ];
  });
  const filename = `rendez-vous-${organisationId}-${from}-${to}.${format}`;
  if (format === "csv") {
    const text = stringify([[...COLUMNS], ...rows], { delimiter: ";" });
    return { filename, contentType: "text/csv; charset=utf-8", body: Buffer.from(`\ufeff${text}`, "utf8") };
  }
  // loaded when first needed: the XLSX library is most of the export function's code, and CSV needs none of it
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Rendez-vous");
  sheet.addRow([...COLUMNS]).font = { bold: true };
  rows.forEach((row) => sheet.addRow(row));
  sheet.columns.forEach((column) => (column.width = 18));
  return {
    filename,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
