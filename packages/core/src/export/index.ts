import { validate } from "../validate";
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
import { APPOINTMENT_COLUMNS, appointmentCells, csv } from "./csv";

export const ExportInput = z
  .object({ organisationId: Id, from: LocalDate, to: LocalDate, format: z.enum(["csv", "xlsx"]) })
  .refine((i) => i.to >= i.from && daysBetween(i.from, i.to) <= 366, { path: ["to"], message: "de 1 à 367 jours" });

/** Appointments of an organisation over a date range, as CSV (see `csv.ts`) or XLSX. */
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
  const rows = visible.map((a) =>
    appointmentCells(a, {
      service: services.find((s) => s.serviceId === a.serviceId)?.name ?? "",
      motif: motifs.find((m) => m.motifId === a.motifId)?.name ?? "",
      place: places.find((p) => p.placeId === a.placeId)?.name ?? "",
      agents: a.agentIds.map((id) => agents.find((g) => g.agentId === id)).map((g) => (g ? `${g.firstName} ${g.lastName}` : "")),
      usager: a.label,
    }),
  );
  const filename = `rendez-vous-${organisationId}-${from}-${to}.${format}`;
  if (format === "csv") {
    return { filename, contentType: "text/csv; charset=utf-8", body: csv(APPOINTMENT_COLUMNS, rows) };
  }
  // loaded when first needed: the XLSX library is most of the export function's code, and CSV needs none of it
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Rendez-vous");
  sheet.addRow([...APPOINTMENT_COLUMNS]).font = { bold: true };
  rows.forEach((row) => sheet.addRow(row));
  sheet.columns.forEach((column) => (column.width = 18));
  return {
    filename,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
