import { DateTime } from "luxon";
import { nameForMessage } from "../schema/common";
import { segmentCount, toGsm7 } from "./gsm";

/**
 * SMS texts (docs/architecture.md, product rules): French, GSM-7 only (accents outside it are
 * always transliterated: one UCS-2 character would cut a segment from 160 to 70 characters).
 * They name the service (a neutral label for discreet motifs), the date, the time, the place name
 * (phone motifs: "nous vous appellerons"), the relative's first name, and the manage link; never
 * the motif, never the address.
 *
 * A segment costs the same whatever it holds, so each kind has a few wordings, from the most
 * explicit to the most compact, and a message takes the first that fits in one segment. When
 * none does with the names in full, the reminder (one segment, always) shortens the names; the
 * other kinds keep them and take the most explicit wording that fits in two segments (a place
 * name cut to a few letters helps nobody: a short name for SMS on the place or the service is the
 * fix). The link, the date and the time are never cut.
 */
export interface MessageContext {
  /** service name (its short name where it has one), or null for discreet motifs */
  service: string | null;
  startsAt: string;
  timezone: string;
  /** place name (its short name where it has one) */
  placeName: string;
  locationType: "on_site" | "home" | "phone" | "video";
  /** video motifs: the meeting link, in the text when it fits one segment (else the manage page gives it) */
  videoUrl?: string;
  /** set when the link did not fit: the text points to the manage page, which shows it */
  videoOnManagePage?: boolean;
  relativeFirstName?: string;
  link: string;
  /** site address, for cancellation messages */
  siteUrl: string;
  placePhone?: string;
  production: boolean;
}

/** "offer": a freed slot offered to an usager of the waitlist (the link opens the offer, not an appointment) */
export type MessageKind = "confirmation" | "reminder" | "reschedule" | "cancellation" | "revocation" | "offer";

/** The most segments a message of each kind may take (the reminder: one, always). */
export const MAX_SEGMENTS: Record<MessageKind, number> = { reminder: 1, confirmation: 2, reschedule: 2, cancellation: 2, revocation: 2, offer: 1 };

/** What a wording is written with: the names (possibly shortened) and the fixed facts. */
interface Words {
  /** "RDV PMI", "RDV PMI pour Léo", "RDV" (discreet) */
  what: string;
  at: string;
  long: string;
  short: string;
  link: string;
  siteUrl: string;
  phone?: string;
}

type Wording = (w: Words) => string;

/** Wordings of each kind, most explicit first; the last is the most compact. */
const WORDINGS: Record<MessageKind, Wording[]> = {
  confirmation: [
    (w) => `${w.what} confirmé le ${w.long}, ${w.at}. Un rappel vous sera envoyé. Pour annuler ou déplacer : ${w.link}`,
    (w) => `${w.what} confirmé le ${w.long}, ${w.at}. Pour annuler ou déplacer : ${w.link}`,
    (w) => `${w.what} confirmé le ${w.short}, ${w.at}. Annuler/déplacer : ${w.link}`,
  ],
  reschedule: [
    (w) => `Votre ${w.what} est déplacé au ${w.long}, ${w.at}. Pour annuler ou déplacer : ${w.link}`,
    (w) => `${w.what} déplacé au ${w.long}, ${w.at}. Pour annuler ou déplacer : ${w.link}`,
    (w) => `${w.what} déplacé au ${w.short}, ${w.at}. Annuler/déplacer : ${w.link}`,
  ],
  reminder: [
    (w) => `Rappel : ${w.what} le ${w.long}, ${w.at}. Pour annuler ou déplacer : ${w.link}`,
    (w) => `Rappel : ${w.what} ${w.short}, ${w.at}. Annuler/déplacer : ${w.link}`,
  ],
  cancellation: [
    (w) => `Votre ${w.what} du ${w.long} est bien annulé. Pour reprendre RDV : ${w.siteUrl}`,
    (w) => `${w.what} du ${w.short} annulé. Pour reprendre RDV : ${w.siteUrl}`,
  ],
  offer: [
    (w) => `Un créneau s'est libéré : ${w.what} le ${w.long}, ${w.at}. Pour le prendre : ${w.link}`,
    (w) => `Créneau libéré : ${w.what} le ${w.long}, ${w.at}. Pour le prendre : ${w.link}`,
    (w) => `Créneau libéré : ${w.what} ${w.short}, ${w.at}. Le prendre : ${w.link}`,
  ],
  revocation: [
    (w) => `Le service a annulé votre ${w.what} du ${w.long}. Pour reprendre RDV${w.phone ? ` : ${w.phone} ou` : " :"} ${w.siteUrl}`,
    (w) => `Le service a annulé votre ${w.what} du ${w.short}. Reprendre RDV${w.phone ? ` : ${w.phone} ou` : " :"} ${w.siteUrl}`,
  ],
};

function dates(ctx: MessageContext): { long: string; short: string } {
  const dt = DateTime.fromISO(ctx.startsAt, { setZone: true }).setZone(ctx.timezone).setLocale("fr");
  const time = dt.toFormat("H'h'mm");
  return { long: `${dt.toFormat("cccc d LLLL")} à ${time}`, short: `${dt.toFormat("ccc d/MM")} à ${time}` };
}

function where(ctx: MessageContext, place: string): string {
  switch (ctx.locationType) {
    case "phone":
      return "nous vous appellerons";
    case "home":
      return "à votre domicile";
    case "video":
      if (ctx.videoUrl) return `en visio : ${ctx.videoUrl}`;
      return ctx.videoOnManagePage ? "en visio (lien sur la page du RDV)" : "en visio (lien envoyé par le service)";
    default:
      return place;
  }
}

function nationalPhone(e164: string): string {
  return e164.startsWith("+33") ? `0${e164.slice(3)}`.replace(/(\d{2})(?=\d)/g, "$1 ") : e164;
}

interface Names {
  service: string;
  place: string;
  relative: string;
}

function compose(wording: Wording, ctx: MessageContext, names: Names): string {
  const what = `RDV${names.service ? ` ${names.service}` : ""}${names.relative ? ` pour ${names.relative}` : ""}`;
  const words: Words = {
    what,
    at: where(ctx, names.place).replace(/\.$/, ""), // a shortened name ends with "."; the sentence adds its own
    ...dates(ctx),
    link: ctx.link,
    siteUrl: ctx.siteUrl,
    phone: ctx.placePhone ? nationalPhone(ctx.placePhone) : undefined,
  };
  return toGsm7(`${ctx.production ? "" : "[TEST] "}${wording(words)}`);
}

/** GSM-7 capacity of n segments (160 alone, 153 each when split): a text longer cannot fit. */
const capacity = (segments: number) => (segments === 1 ? 160 : 153 * segments);

/** Whether the text fits in that many segments (the length test first: counting is slow). */
function fits(text: string, segments: number): boolean {
  return text.length <= capacity(segments) && segmentCount(text) <= segments;
}

function cut(text: string, length: number): string {
  if (text.length <= length) return text;
  return length <= 1 ? "" : `${text.slice(0, length - 1).trimEnd()}.`;
}

/** Names are never cut below these lengths. */
const FLOOR: Names = { service: "xxx", place: "xxxxxxxx", relative: "xxx" };

/**
 * The wording with names cut until the text fits (or every name reaches its floor): the longest
 * first, down to the next longest, so that long names end up about as long as each other.
 */
function shortened(wording: Wording, ctx: MessageContext, full: Names, segments: number): string {
  const names = { ...full };
  let text = compose(wording, ctx, names);
  for (let guard = 0; guard < 200 && !fits(text, segments); guard++) {
    const cuttable = (Object.keys(names) as Array<keyof Names>)
      .filter((k) => names[k].length > FLOOR[k].length)
      .sort((a, b) => names[b].length - names[a].length);
    const key = cuttable[0];
    if (!key) break;
    const length = names[key].length;
    const tied = cuttable.filter((k) => names[k].length === length).length;
    const next = cuttable.find((k) => names[k].length < length);
    // the characters over capacity (at least one: an extended character counts twice), shared
    // between names of equal length, and never below the next longest name in one step
    const over = Math.max(1, Math.ceil((text.length - capacity(segments)) / tied));
    const target = Math.max(FLOOR[key].length, length - over, next ? Math.min(names[next].length, length - 1) : 0);
    names[key] = cut(names[key], target);
    text = compose(wording, ctx, names);
  }
  return text;
}

/**
 * The text of a message: the most explicit wording that fits in one segment; else, for the
 * reminder, the compact wording with names shortened; for the others, the most explicit wording
 * that fits in two segments (names shortened only if even the compact one does not).
 */
export function messageText(kind: MessageKind, ctx: MessageContext, reminderWording?: string): string {
  if (ctx.locationType === "video" && ctx.videoUrl) {
    // the video link rides along when it costs no extra segment (names in full); otherwise the
    // text points to the manage page, which gives it
    const withLink = fitting(kind, ctx, 1, reminderWording);
    if (withLink) return withLink;
    const without = messageText(kind, { ...ctx, videoUrl: undefined, videoOnManagePage: true }, reminderWording);
    const segments = segmentCount(without);
    return (segments > 1 ? fitting(kind, ctx, segments, reminderWording) : undefined) ?? without;
  }
  const trial = kind === "reminder" && reminderWording !== undefined ? trialReminderText(reminderWording, ctx) : undefined;
  if (trial !== undefined) return trial;
  const full: Names = { service: ctx.service ?? "", place: ctx.placeName, relative: nameForMessage(ctx.relativeFirstName) ?? "" };
  const wordings = WORDINGS[kind];
  const compact = wordings[wordings.length - 1]!;
  for (const wording of wordings) {
    const text = compose(wording, ctx, full);
    if (fits(text, 1)) return text;
  }
  const budget = MAX_SEGMENTS[kind];
  if (budget > 1) {
    for (const wording of wordings) {
      const text = compose(wording, ctx, full);
      if (fits(text, budget)) return text;
    }
  }
  return shortened(compact, ctx, full, budget);
}

/** The most explicit wording that fits that many segments with the names in full (a trial's reminder wording), if any. */
function fitting(kind: MessageKind, ctx: MessageContext, segments: number, reminderWording?: string): string | undefined {
  const full = fullNames(ctx);
  const wordings = kind === "reminder" && reminderWording !== undefined ? [templateWording(reminderWording)] : WORDINGS[kind];
  return wordings.map((wording) => compose(wording, ctx, full)).find((text) => fits(text, segments));
}

/**
 * A reminder wording of a stage's trial (stage settings `reminderTrial`), its placeholders
 * replaced: {rdv}, {date}, {date_courte}, {lieu}, {lien}.
 */
export function templateWording(template: string): Wording {
  return (w) =>
    template.replace(/\{(rdv|date|date_courte|lieu|lien)\}/g, (_, name: string) =>
      name === "rdv" ? w.what : name === "date" ? w.long : name === "date_courte" ? w.short : name === "lieu" ? w.at : w.link,
    );
}

function fullNames(ctx: MessageContext): Names {
  return { service: ctx.service ?? "", place: ctx.placeName, relative: nameForMessage(ctx.relativeFirstName) ?? "" };
}

/** The trial's reminder with the names in full, and its segments (what the synth check measures). */
export function trialReminderInFull(template: string, ctx: MessageContext): { text: string; segments: number } {
  const text = compose(templateWording(template), ctx, fullNames(ctx));
  return { text, segments: segmentCount(text) };
}

/**
 * The reminder in a trial's wording, in one segment (names cut if need be, as the reminder's own
 * wordings), or undefined when even cut names leave it over one segment (a video or phone motif's
 * fixed words are longer than a place's short name): the reminder then takes its own wordings and
 * does not count for the trial.
 */
export function trialReminderText(template: string, ctx: MessageContext): string | undefined {
  const wording = templateWording(template);
  const full = fullNames(ctx);
  const text = compose(wording, ctx, full);
  if (fits(text, 1)) return text;
  const cut = shortened(wording, ctx, full, 1);
  return fits(cut, 1) ? cut : undefined;
}
