import { createHash, randomBytes } from "node:crypto";
import { DateTime } from "luxon";
import * as AgentTime from "../agent-time";
import * as Appointment from "../appointment";
import * as Calendar from "../calendar";
import { readTogether } from "../db/batch-get";
import * as Department from "../department";
import { NotFoundError } from "../error";
import * as Motif from "../motif";
import * as Place from "../place";
import * as RateLimit from "../rate-limit";
import * as Settings from "../settings";
import type { AgentContext } from "../session";
import { CalendarFeedEntity } from "./calendar-feed.entity";

/**
 * An agent's secret calendar feed (DESIGN "Agent accounts"): an address with a random token
 * (256 bits) that calendar software subscribes to. Only the token's SHA-256 is stored, so the
 * address is shown once, when it is made; making a new one replaces it (the old address stops
 * working), revoking deletes it. The feed holds the agent's appointments from 30 days ago to 6
 * months ahead, with no usager surname beyond an initial, no phone number and, for discreet
 * motifs, no motif name.
 */
export const PAST_DAYS = 30;
export const FUTURE_MONTHS = 6;
/** Reads of one address per hour: calendar software polls every 30 minutes to a few hours. */
export const READS_PER_HOUR = 30;
const HOUR = 3600;

const FORMAT = /^[A-Za-z0-9_-]{43}$/;

function hash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function feedUrl(token: string, base: string = Settings.publicUrl()): string {
  return `${base.replace(/\/$/, "")}/v1/public/calendar-feeds/${token}`;
}

export interface FeedStatus {
  active: boolean;
  createdAt?: string;
}

/** Whether the agent has a feed, and since when (the address itself is never shown again). */
export async function status(ctx: AgentContext): Promise<FeedStatus> {
  const item = (await CalendarFeedEntity.get({ agentId: ctx.agentId }).go()).data;
  return item ? { active: true, createdAt: item.createdAt } : { active: false };
}

/** POST /v1/agent/calendar-feed: a new secret address, replacing the agent's previous one. */
export async function create(ctx: AgentContext, now: Date): Promise<{ url: string; createdAt: string }> {
  const token = randomBytes(32).toString("base64url");
  const createdAt = now.toISOString();
  await CalendarFeedEntity.put({ agentId: ctx.agentId, tokenHash: hash(token), createdAt }).go({ response: "none" });
  return { url: feedUrl(token), createdAt };
}

/** DELETE /v1/agent/calendar-feed: the address stops working at once. */
export async function revoke(ctx: AgentContext): Promise<FeedStatus> {
  await CalendarFeedEntity.delete({ agentId: ctx.agentId }).go({ response: "none" });
  return { active: false };
}

/** Initials of an appointment's label ("Dubois Chloé (Léo)" → "D. C."): never a whole surname. */
export function initials(label: string | undefined): string | undefined {
  const words = (label ?? "").replace(/\(.*\)/g, " ").split(/[\s-]+/).filter(Boolean);
  return words.length > 0 ? words.map((word) => `${word.charAt(0).toLocaleUpperCase("fr-FR")}.`).join(" ") : undefined;
}

/**
 * GET /v1/public/calendar-feeds/{token}: the feed as an iCalendar file. An unknown, malformed or
 * revoked token is the same 404; each address may be read `READS_PER_HOUR` times an hour. Reads
 * the feed (gsi3), the agent's days over the range (one query: the appointments they hold),
 * those appointments (one BatchGetItem per 100), then their motifs and places (one more).
 */
export async function read(token: string, now: Date): Promise<string> {
  if (!FORMAT.test(token)) throw notFound();
  const tokenHash = hash(token);
  const feed = (await CalendarFeedEntity.query.byTokenHash({ tokenHash }).go()).data[0];
  if (!feed) throw notFound();
  const taken = await RateLimit.take({ key: `calendar-feed#${tokenHash}`, limit: READS_PER_HOUR, windowSeconds: HOUR }, now);
  if (!taken.granted) {
    throw new RateLimit.RateLimitedError("limit.calendar_feed", "Ce calendrier a été lu trop souvent : réessayez dans une heure.", taken.retryAfterSeconds);
  }
  const department = await Department.get();
  const today = DateTime.fromJSDate(now).setZone(department.timezone);
  const days = await AgentTime.daysOf(feed.agentId, today.minus({ days: PAST_DAYS }).toISODate()!, today.plus({ months: FUTURE_MONTHS }).toISODate()!);
  const ids = [...new Set(days.flatMap((day) => day.busy.map((b) => b.appointmentId)))].sort();
  const appointments = (await readTogether(ids.map((id) => Appointment.read(id))))
    .filter((a) => a !== null && a.agentIds.includes(feed.agentId) && ["booked", "seen", "noshow"].includes(a.status))
    .sort((a, b) => Date.parse(a!.startsAt) - Date.parse(b!.startsAt));
  const motifIds = [...new Set(appointments.map((a) => a!.motifId))];
  const placeIds = [...new Set(appointments.map((a) => a!.placeId))];
  const found = await readTogether([...motifIds.map((id) => Motif.read(id)), ...placeIds.map((id) => Place.read(id))]);
  const motifs = new Map(found.slice(0, motifIds.length).flatMap((m) => (m && "motifId" in m ? [[m.motifId, m] as const] : [])));
  const places = new Map(found.slice(motifIds.length).flatMap((p) => (p && "placeId" in p ? [[p.placeId, p] as const] : [])));
  const events = appointments.map((a) => {
    const motif = motifs.get(a!.motifId);
    const place = places.get(a!.placeId);
    const discreet = !motif || motif.notification === "discreet";
    const who = a!.collective ? `séance collective, ${a!.seatsTaken} inscrit${a!.seatsTaken > 1 ? "s" : ""}` : initials(a!.label);
    return {
      id: a!.appointmentId,
      startsAt: a!.startsAt,
      endsAt: a!.endsAt,
      title: [discreet ? "Rendez-vous" : motif.name, who].filter(Boolean).join(" — "),
      location: place?.name ?? "",
      description: [a!.collective ? who : who ? `Usager : ${who}` : undefined, `Fiche : ${Settings.publicUrl().replace(/\/$/, "")}/agent/rendez-vous/${encodeURIComponent(a!.appointmentId)}`].filter(Boolean).join("\n"),
    };
  });
  return Calendar.agentFeed("Mes rendez-vous (RDV)", events);
}

function notFound(): NotFoundError {
  return new NotFoundError("calendar_feed.not_found", "Ce calendrier n'existe pas ou a été révoqué.");
}
