"use server";

import { redirect } from "next/navigation";
import { cancelAppointment, rescheduleAppointment } from "@/lib/api";
import { localDateOf, mondayOf, parseInstant } from "@/lib/time";
import { addQuery, paths } from "@/lib/paths";

function text(formData: FormData, name: string, max: number): string {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim().slice(0, max) : "";
}

function optional(value: string): string | undefined {
  return value === "" ? undefined : value;
}

/** Cancels, then back to the manage page with the outcome. */
export async function cancelAction(formData: FormData): Promise<void> {
  const token = text(formData, "token", 200);
  const motif = optional(text(formData, "motif", 80));
  const result = await cancelAppointment(token);
  if (result.ok) redirect(paths.manage(token, { motif, message: "annule" }));
  if (result.kind === "unavailable") redirect(addQuery(paths.cancel(token, motif), { erreur: "indisponible" }));
  redirect(paths.manage(token, { motif, message: "annulation-impossible" }));
}

/** Moves the appointment to the chosen slot; a slot taken meanwhile sends back to the week. */
export async function rescheduleAction(formData: FormData): Promise<void> {
  const token = text(formData, "token", 200);
  const motif = optional(text(formData, "motif", 80));
  const startsAt = parseInstant(text(formData, "startsAt", 40));
  if (!startsAt) redirect(paths.reschedule(token, motif));
  const result = await rescheduleAppointment(token, startsAt);
  if (result.ok) redirect(paths.manage(token, { motif, message: "deplace" }));
  const week = mondayOf(localDateOf(startsAt));
  if (result.kind === "unavailable") redirect(addQuery(paths.rescheduleConfirm(token, motif, startsAt), { erreur: "indisponible" }));
  const { code, fields } = result.error;
  if (code === "appointment.slot_taken" || code === "appointment.busy" || fields?.startsAt) {
    redirect(addQuery(paths.reschedule(token, motif, week), { erreur: "creneau-pris" }));
  }
  if (code === "limit.sms_per_number") redirect(paths.manage(token, { motif, message: "deplacement-limite" }));
  redirect(paths.manage(token, { motif, message: "deplacement-impossible" }));
}
