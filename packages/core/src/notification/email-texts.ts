import { DateTime } from "luxon";
import { nameForMessage } from "../schema/common";
import type { MessageKind } from "./texts";

/**
 * The e-mails an usager who gave an address gets beside the SMS (confirmation, changes,
 * reminder): a subject, a plain text and a simple HTML version in the State's look (Marianne
 * where the reader has it, Arial otherwise; no image, no remote asset, nothing but inline styles),
 * in French. Like the SMS they carry the manage link and a name only if it passes the person-name
 * rule; unlike the SMS they give the full place name, the address of on-site appointments and
 * the motif's instructions — but discreet motifs keep the neutral "rendez-vous" (no service).
 */
export interface EmailContext {
  kind: MessageKind;
  /** the usager's first name, as typed: kept only if it passes the person-name rule */
  firstName?: string;
  relativeFirstName?: string;
  /** service name, or null for discreet motifs */
  service: string | null;
  startsAt: string;
  timezone: string;
  locationType: "on_site" | "home" | "phone" | "video";
  place: { name: string; address?: string; phone?: string };
  instructions?: string;
  /** video motifs: the meeting link */
  videoUrl?: string;
  link: string;
  siteUrl: string;
  departmentName: string;
  production: boolean;
  /** whether the .ics file is attached */
  withCalendar: boolean;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

function nationalPhone(e164: string): string {
  return e164.startsWith("+33") ? `0${e164.slice(3)}`.replace(/(\d{2})(?=\d)/g, "$1 ") : e164;
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const HEADINGS: Record<MessageKind, string> = {
  confirmation: "Rendez-vous confirmé",
  reschedule: "Rendez-vous déplacé",
  reminder: "Rappel de rendez-vous",
  cancellation: "Rendez-vous annulé",
  revocation: "Rendez-vous annulé par le service",
  offer: "Un créneau s’est libéré",
};

export function emailContent(ctx: EmailContext): EmailContent {
  const when = DateTime.fromISO(ctx.startsAt, { setZone: true }).setZone(ctx.timezone).setLocale("fr");
  const date = `${when.toFormat("cccc d LLLL yyyy")} à ${when.toFormat("H'h'mm")}`;
  const shortDate = when.toFormat("cccc d LLLL");
  const what = `rendez-vous${ctx.service ? ` ${ctx.service}` : ""}`;
  const relative = nameForMessage(ctx.relativeFirstName);
  const forWhom = relative ? ` pour ${relative}` : "";
  const first = nameForMessage(ctx.firstName);
  const cancelled = ctx.kind === "cancellation" || ctx.kind === "revocation";

  const subjects: Record<MessageKind, string> = {
    confirmation: `Rendez-vous confirmé le ${date}`,
    reschedule: `Rendez-vous déplacé au ${date}`,
    reminder: `Rappel : rendez-vous le ${date}`,
    cancellation: `Rendez-vous du ${shortDate} annulé`,
    revocation: `Rendez-vous du ${shortDate} annulé par le service`,
    // offers of the waitlist go by SMS only; a wording for completeness
    offer: `Un créneau s’est libéré le ${date}`,
  };
  const leads: Record<MessageKind, string> = {
    confirmation: `Votre ${what}${forWhom} est confirmé.`,
    reschedule: `Votre ${what}${forWhom} a été déplacé.`,
    reminder: `Nous vous rappelons votre ${what}${forWhom}.`,
    cancellation: `Votre ${what}${forWhom} du ${date} est bien annulé.`,
    revocation: `Le service a annulé votre ${what}${forWhom} du ${date}. Nous vous prions de nous en excuser.`,
    offer: `Un créneau s’est libéré pour votre ${what}.`,
  };
  const where =
    ctx.locationType === "phone"
      ? "par téléphone : nous vous appellerons"
      : ctx.locationType === "home"
        ? "à votre domicile"
        : ctx.locationType === "video"
          ? ctx.videoUrl
            ? `en visio, avec ce lien : ${ctx.videoUrl}`
            : "en visio (le lien vous sera envoyé par le service)"
          : [ctx.place.name, ctx.place.address].filter(Boolean).join(", ");
  const phone = ctx.place.phone ? nationalPhone(ctx.place.phone) : undefined;
  const facts: Array<[string, string]> = cancelled
    ? []
    : [["Date", date], ["Lieu", where], ...(phone ? ([["Téléphone", phone]] as Array<[string, string]>) : [])];
  const action = cancelled
    ? { label: "Reprendre rendez-vous", href: ctx.siteUrl, sentence: `Pour reprendre rendez-vous : ${ctx.siteUrl}${phone ? ` ou au ${phone}` : ""}` }
    : { label: "Annuler ou déplacer le rendez-vous", href: ctx.link, sentence: `Pour annuler ou déplacer ce rendez-vous : ${ctx.link}` };
  const instructions = !cancelled && ctx.instructions ? ctx.instructions : undefined;
  const calendar = ctx.withCalendar && !cancelled ? "Le rendez-vous est joint à ce message (fichier rendez-vous.ics) pour l'ajouter à votre agenda." : undefined;
  const footer = "Ce message vous est envoyé automatiquement : merci de ne pas y répondre.";
  const test = ctx.production ? "" : "[TEST] ";

  const text = [
    `Bonjour${first ? ` ${first}` : ""},`,
    leads[ctx.kind],
    facts.length ? facts.map(([label, value]) => `${label} : ${value}`).join("\n") : undefined,
    instructions,
    action.sentence,
    calendar,
    footer,
  ]
    .filter(Boolean)
    .join("\n\n");

  const p = (content: string, style = "") => `<p style="margin:0 0 16px;${style}">${content}</p>`;
  const html = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(test + subjects[ctx.kind])}</title>
</head>
<body style="margin:0;padding:0;background-color:#f6f6f6;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="background-color:#f6f6f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="max-width:600px;background-color:#ffffff;border-top:4px solid #000091;font-family:Marianne,Arial,sans-serif;color:#161616;">
<tr><td style="padding:24px 32px 0;">
<p style="margin:0;font-weight:700;font-size:15px;line-height:1.1;text-transform:uppercase;letter-spacing:0.02em;">République<br>Française</p>
<p style="margin:8px 0 0;font-size:14px;color:#3a3a3a;">${escapeHtml(ctx.departmentName)}</p>
</td></tr>
<tr><td style="padding:24px 32px 32px;font-size:16px;line-height:1.5;">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#000091;">${escapeHtml(test + HEADINGS[ctx.kind])}</h1>
${p(escapeHtml(`Bonjour${first ? ` ${first}` : ""},`))}
${p(escapeHtml(leads[ctx.kind]))}
${facts.map(([label, value]) => p(`<strong>${escapeHtml(label)} :</strong> ${escapeHtml(value)}`, "")).join("\n")}
${instructions ? p(escapeHtml(instructions).replace(/\n/g, "<br>")) : ""}
<p style="margin:24px 0;"><a href="${escapeHtml(action.href)}" style="display:inline-block;padding:10px 20px;background-color:#000091;color:#ffffff;text-decoration:none;font-weight:500;">${escapeHtml(action.label)}</a></p>
${p(`Ou copiez cette adresse dans votre navigateur : <a href="${escapeHtml(action.href)}" style="color:#000091;">${escapeHtml(action.href)}</a>`, "font-size:14px;")}
${calendar ? p(escapeHtml(calendar), "font-size:14px;") : ""}
${p(escapeHtml(footer), "font-size:14px;color:#3a3a3a;margin:0;")}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`.replace(/\n{2,}/g, "\n");

  return { subject: test + subjects[ctx.kind], text, html };
}
