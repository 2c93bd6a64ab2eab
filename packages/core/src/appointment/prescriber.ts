import { DateTime } from "luxon";
import { ValidationError } from "../error";
import type * as Notification from "../notification";
import { nameForMessage } from "../schema/common";
import { parsePhone } from "../schema/phone";
import * as Settings from "../settings";
import type { PrescriberInput } from "./schema";

/** The appointment's `bookedBy` for a prescripteur's booking (the phone in E.164), or undefined. */
export function prescriberOf(input: { prescriber?: PrescriberInput }, departmentCode: string) {
  const prescriber = input.prescriber;
  if (!prescriber) return undefined;
  let phone: string | undefined;
  if (prescriber.phone) {
    phone = parsePhone(prescriber.phone, departmentCode)?.e164;
    if (!phone) throw new ValidationError({ "prescriber.phone": "numéro de téléphone invalide" });
  }
  return { kind: "prescriber" as const, name: prescriber.name, structure: prescriber.structure, phone, email: prescriber.email?.toLowerCase() };
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/**
 * The prescripteur's confirmation e-mail, a receipt of the booking like the usager's messages
 * (created in its transaction, sent after it commits, counted against the address's daily
 * e-mails): the usager's names only if they pass the person-name rule, the date, time, place and
 * service; never the usager's phone, never the manage link (the usager has it).
 */
export function prescriberEmail(input: {
  appointmentId: string;
  participationId: string;
  startsAt: string;
  timezone: string;
  prescriber?: PrescriberInput;
  usager: { firstName: string; lastName: string };
  motif: { notification: string; locationType: string };
  place: { name: string; address: string };
  serviceName: string;
  now: Date;
}): Notification.PlannedReceipt[] {
  if (!input.prescriber?.email || input.motif.notification === "none") return [];
  const settings = Settings.get();
  const when = DateTime.fromISO(input.startsAt, { setZone: true }).setZone(input.timezone).setLocale("fr");
  const date = `${when.toFormat("cccc d LLLL yyyy")} à ${when.toFormat("H'h'mm")}`;
  const who = [nameForMessage(input.usager.firstName), nameForMessage(input.usager.lastName)].filter(Boolean).join(" ") || "la personne que vous accompagnez";
  const what = input.motif.notification === "discreet" ? "Le rendez-vous" : `Le rendez-vous ${input.serviceName}`;
  const where = input.motif.locationType === "on_site" ? `${input.place.name}, ${input.place.address}` : input.motif.locationType === "phone" ? "par téléphone" : input.place.name;
  const lines = [
    "Bonjour,",
    `${what} que vous avez pris pour ${who} est confirmé le ${date} (${where}).`,
    "La personne a reçu un SMS avec le lien pour annuler ou déplacer ce rendez-vous.",
  ];
  return [
    {
      appointmentId: input.appointmentId,
      receiptId: `${input.participationId}.prescriber.confirmation`,
      participationId: input.participationId,
      kind: "confirmation",
      channel: "email",
      to: input.prescriber.email.toLowerCase(),
      subject: `${settings.production ? "" : "[TEST] "}Rendez-vous confirmé pour la personne que vous accompagnez`,
      text: lines.join("\n\n"),
      html: `<div style="font-family: Marianne, Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #161616">${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}</div>`,
      status: "pending",
      attempts: 0,
      workQueue: "work",
      workDueAt: input.now.toISOString(),
      expiresAt: Math.floor(Date.parse(input.startsAt) / 1000) + 2 * 365 * 86_400,
    },
  ];
}
