import { DateTime } from "luxon";
import { nameForMessage } from "../schema/common";
import { segmentCount, toGsm7 } from "./gsm";

/**
 * SMS texts (docs/architecture.md, product rules): French, GSM-7 only; the reminder in one segment, the
 * others in two at most. They name the service (a neutral label for discreet motifs), the date,
 * the time, the place name (phone motifs: "nous vous appellerons"), the relative's first name,
 * and the manage link; never the motif, never the address. Long names are cut, never the link.
 */
export interface MessageContext {
  /** service name, or null for discreet motifs */
  service: string | null;
  startsAt: string;
  timezone: string;
  placeName: string;
  locationType: "on_site" | "home" | "phone" | "video";
  relativeFirstName?: string;
  link: string;
  /** site address, for cancellation messages */
  siteUrl: string;
  placePhone?: string;
  production: boolean;
}

export type MessageKind = "confirmation" | "reminder" | "reschedule" | "cancellation" | "revocation";

const MAX_SEGMENTS: Record<MessageKind, number> = { reminder: 1, confirmation: 2, reschedule: 2, cancellation: 2, revocation: 2 };

function shortDate(ctx: MessageContext): string {
  const dt = DateTime.fromISO(ctx.startsAt, { setZone: true }).setZone(ctx.timezone).setLocale("fr");
  return `${dt.toFormat("ccc d/MM")} à ${dt.toFormat("H'h'mm")}`;
}

function longDate(ctx: MessageContext): string {
  const dt = DateTime.fromISO(ctx.startsAt, { setZone: true }).setZone(ctx.timezone).setLocale("fr");
  return `${dt.toFormat("cccc d LLLL")} à ${dt.toFormat("H'h'mm")}`;
}

function where(ctx: MessageContext, place: string): string {
  switch (ctx.locationType) {
    case "phone":
      return "nous vous appellerons";
    case "home":
      return "à votre domicile";
    case "video":
      return "en visio (lien envoyé par le service)";
    default:
      return place;
  }
}

interface Parts {
  service: string;
  place: string;
  relative: string;
}

function compose(kind: MessageKind, ctx: MessageContext, parts: Parts): string {
  const label = parts.service ? `RDV ${parts.service}` : "RDV";
  const forWhom = parts.relative ? ` pour ${parts.relative}` : "";
  const at = where(ctx, parts.place).replace(/\.$/, ""); // a shortened name ends with "."; the sentence adds its own
  let body: string;
  switch (kind) {
    case "reminder":
      body = `Rappel : ${label}${forWhom} ${shortDate(ctx)}, ${at}. Annuler/déplacer : ${ctx.link}`;
      break;
    case "confirmation":
      body = `${label}${forWhom} confirmé le ${longDate(ctx)}, ${at}. Un rappel vous sera envoyé. Pour annuler ou déplacer : ${ctx.link}`;
      break;
    case "reschedule":
      body = `Votre ${label}${forWhom} est déplacé au ${longDate(ctx)}, ${at}. Pour annuler ou déplacer : ${ctx.link}`;
      break;
    case "cancellation":
      body = `Votre ${label}${forWhom} du ${longDate(ctx)} est bien annulé. Pour reprendre RDV : ${ctx.siteUrl}`;
      break;
    case "revocation":
      body = `Le service a annulé votre ${label}${forWhom} du ${longDate(ctx)}. Pour reprendre RDV${ctx.placePhone ? ` : ${nationalPhone(ctx.placePhone)} ou` : " :"} ${ctx.siteUrl}`;
      break;
  }
  return toGsm7(`${ctx.production ? "" : "[TEST] "}${body}`);
}

function nationalPhone(e164: string): string {
  return e164.startsWith("+33") ? `0${e164.slice(3)}`.replace(/(\d{2})(?=\d)/g, "$1 ") : e164;
}

function cut(text: string, length: number): string {
  if (text.length <= length) return text;
  return length <= 1 ? "" : `${text.slice(0, length - 1).trimEnd()}.`;
}

/** The text of a message, names shortened until it fits its segment budget (the link is never cut). */
export function messageText(kind: MessageKind, ctx: MessageContext): string {
  const full: Parts = { service: ctx.service ?? "", place: ctx.placeName, relative: nameForMessage(ctx.relativeFirstName) ?? "" };
  let text = compose(kind, ctx, full);
  const budget = MAX_SEGMENTS[kind];
  if (segmentCount(text) <= budget) return text;
  // shorten the longest name first, a character at a time, down to a few characters each
  const parts = { ...full };
  const floor: Parts = { service: 3, place: 8, relative: 3 } as unknown as Parts;
  for (let guard = 0; guard < 400 && segmentCount(text) > budget; guard++) {
    const key = (Object.keys(parts) as Array<keyof Parts>)
      .filter((k) => parts[k].length > Number(floor[k]))
      .sort((a, b) => parts[b].length - parts[a].length)[0];
    if (!key) break;
    parts[key] = cut(parts[key], parts[key].length - 1);
    text = compose(kind, ctx, parts);
  }
  return text;
}
