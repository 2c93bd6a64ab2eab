"use server";

import { redirect } from "next/navigation";
import { bookInvitation } from "@/lib/api";
import { paths } from "@/lib/paths";

function text(formData: FormData, name: string, max = 100): string {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim().slice(0, max) : "";
}

/** "Confirmer le rendez-vous" on the invitation page: the booking, then its confirmation page; else back saying why. */
export async function bookInvitationAction(formData: FormData): Promise<void> {
  const token = text(formData, "token", 200);
  const motif = text(formData, "motif", 80);
  const lieu = text(formData, "lieu", 80);
  const result = await bookInvitation(token, { motifId: motif, placeId: lieu, startsAt: text(formData, "creneau", 40) });
  if (result.ok) redirect(paths.confirmation(result.data.manageToken));
  if (result.kind === "unavailable") redirect(paths.invitation(token, { motif, lieu, message: "indisponible" }));
  const code = result.error.code;
  if (code === "appointment.slot_taken" || code === "appointment.busy") redirect(paths.invitation(token, { motif, lieu, message: "pris" }));
  if (code.startsWith("limit.")) redirect(paths.invitation(token, { motif, lieu, message: "limite" }));
  // booked or expired meanwhile: the page says which
  redirect(paths.invitation(token));
}
