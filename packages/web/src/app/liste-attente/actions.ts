"use server";

import { redirect } from "next/navigation";
import { acceptOffer, joinEarlier, joinWaitlist, leaveAppointmentWaitlist, leaveWaitlist } from "@/lib/api";
import { parseLocalDate } from "@/lib/time";
import { paths } from "@/lib/paths";
import { WAITLIST_FIELD_OF_API_PATH, type WaitlistField, type WaitlistFormState, type WaitlistValues } from "@/lib/waitlist-form";

function text(formData: FormData, name: string, max = 100): string {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim().slice(0, max) : "";
}

const UNAVAILABLE = "Le service ne répond pas pour le moment. Merci de réessayer dans un instant.";

/** POST /v1/public/waitlist, then the entry's page (its link lets the usager leave the list). */
export async function joinWaitlistAction(_previous: WaitlistFormState, formData: FormData): Promise<WaitlistFormState> {
  const values: WaitlistValues = {
    firstName: text(formData, "firstName"),
    lastName: text(formData, "lastName"),
    phone: text(formData, "phone", 30),
    latestDate: text(formData, "latestDate", 10),
  };
  const placeId = text(formData, "placeId", 80);
  const result = await joinWaitlist({
    motifId: text(formData, "motifId", 80),
    placeId: placeId || undefined,
    commune: text(formData, "commune", 10),
    latestDate: values.latestDate || undefined,
    serviceUser: { firstName: values.firstName, lastName: values.lastName, phone: values.phone },
  });
  if (result.ok) redirect(paths.waitlist(result.data.manageToken, "inscrit"));
  if (result.kind === "unavailable") return { values, formError: UNAVAILABLE };
  const fields: Partial<Record<WaitlistField, string>> = {};
  for (const [path, message] of Object.entries(result.error.fields ?? {})) {
    const field = WAITLIST_FIELD_OF_API_PATH[path];
    if (field) fields[field] = message;
  }
  return { values, fields, formError: Object.keys(fields).length > 0 ? undefined : result.error.message };
}

/** Leaves the list from the entry's own link. */
export async function leaveWaitlistAction(formData: FormData): Promise<void> {
  const token = text(formData, "token", 200);
  const result = await leaveWaitlist(token);
  redirect(paths.waitlist(token, result.ok ? "quitte" : "erreur"));
}

/** From the manage page: told when an earlier slot frees up. */
export async function joinEarlierAction(formData: FormData): Promise<void> {
  const token = text(formData, "token", 200);
  const result = await joinEarlier(token, parseLocalDate(text(formData, "latestDate", 10)));
  if (result.ok) redirect(paths.manage(token, { message: "liste-attente" }));
  if (result.kind === "rejected" && result.error.code === "limit.waitlist_per_number") redirect(paths.manage(token, { message: "liste-attente-limite" }));
  redirect(paths.manage(token, { message: "liste-attente-impossible" }));
}

/** From the manage page: no longer told. */
export async function leaveEarlierAction(formData: FormData): Promise<void> {
  const token = text(formData, "token", 200);
  const result = await leaveAppointmentWaitlist(token);
  redirect(paths.manage(token, { message: result.ok ? "liste-attente-quittee" : "liste-attente-impossible" }));
}

/** "Je prends ce créneau": the booking (or the move), else back to the offer saying why. */
export async function acceptOfferAction(formData: FormData): Promise<void> {
  const token = text(formData, "token", 200);
  const moves = text(formData, "moves", 5) === "true";
  const result = await acceptOffer(token);
  if (result.ok) redirect(moves ? paths.manage(result.data.manageToken, { message: "deplace" }) : paths.confirmation(result.data.manageToken));
  if (result.kind === "unavailable") redirect(paths.offer(token, "indisponible"));
  const code = result.error.code;
  if (code === "waitlist.offer_taken" || code === "appointment.busy") redirect(paths.offer(token, "pris"));
  if (code.startsWith("limit.")) redirect(paths.offer(token, "limite"));
  redirect(paths.offer(token, "impossible"));
}
