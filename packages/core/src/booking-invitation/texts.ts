import { DateTime } from "luxon";
import { segmentCount, toGsm7 } from "../notification";

/**
 * The messages of a booking invitation. The SMS follows the product's SMS rules: GSM-7 only, one
 * segment (the most explicit wording that fits), the service named (a neutral wording for
 * discreet motifs), never the motif, never a name typed by anyone; "[TEST]" outside production.
 * The e-mail says the same with the organisation's name.
 */
export interface InvitationTextContext {
  /** the service's short name (or name); null when one of the motifs is discreet */
  service: string | null;
  /** last local day, YYYY-MM-DD */
  expiresOn: string;
  link: string;
  production: boolean;
}

type Wording = (w: { what: string; until: string; link: string }) => string;

const WORDINGS: Record<"invitation" | "reminder", Wording[]> = {
  invitation: [
    (w) => `Nous vous invitons à prendre ${w.what}. Choisissez votre créneau avant le ${w.until} : ${w.link}`,
    (w) => `Nous vous invitons à prendre ${w.what} avant le ${w.until} : ${w.link}`,
    (w) => `Invitation à prendre ${w.what} avant le ${w.until} : ${w.link}`,
  ],
  reminder: [
    (w) => `Rappel : nous vous invitons à prendre ${w.what}. Choisissez votre créneau avant le ${w.until} : ${w.link}`,
    (w) => `Rappel : nous vous invitons à prendre ${w.what} avant le ${w.until} : ${w.link}`,
    (w) => `Rappel : prenez ${w.what} avant le ${w.until} : ${w.link}`,
  ],
};

function words(ctx: InvitationTextContext) {
  const until = DateTime.fromISO(ctx.expiresOn).setLocale("fr");
  return { what: ctx.service ? `RDV ${ctx.service}` : "RDV", until: until.toFormat("d/MM"), link: ctx.link };
}

/** The invitation's SMS (or its reminder's): the first wording that fits in one segment, else the shortest. */
export function invitationSms(kind: "invitation" | "reminder", ctx: InvitationTextContext): string {
  const w = words(ctx);
  const texts = WORDINGS[kind].map((wording) => toGsm7(`${ctx.production ? "" : "[TEST] "}${wording(w)}`));
  return texts.find((text) => text.length <= 160 && segmentCount(text) === 1) ?? texts[texts.length - 1]!;
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The invitation's e-mail (or its reminder's): subject, plain text and a simple HTML version. */
export function invitationEmail(kind: "invitation" | "reminder", ctx: InvitationTextContext & { organisation: string; departmentName: string }) {
  const until = DateTime.fromISO(ctx.expiresOn).setLocale("fr").toFormat("cccc d LLLL yyyy");
  const what = ctx.service ? `un rendez-vous ${ctx.service}` : "un rendez-vous";
  const subject = `${ctx.production ? "" : "[TEST] "}${kind === "reminder" ? "Rappel : " : ""}Invitation à prendre ${what}`;
  const lines = [
    "Bonjour,",
    `${ctx.organisation} vous invite à prendre ${what}.`,
    `Choisissez le jour et l'heure qui vous conviennent avant le ${until} :`,
    ctx.link,
    `${ctx.departmentName}`,
  ];
  const text = lines.join("\n\n");
  const html = [
    `<div style="font-family: Marianne, Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #161616">`,
    `<p>${escapeHtml(lines[0]!)}</p>`,
    `<p>${escapeHtml(lines[1]!)}</p>`,
    `<p>${escapeHtml(lines[2]!)}</p>`,
    `<p><a href="${escapeHtml(ctx.link)}" style="color: #000091">Choisir mon rendez-vous</a></p>`,
    `<p>${escapeHtml(ctx.departmentName)}</p>`,
    `</div>`,
  ].join("");
  return { subject, text, html };
}
