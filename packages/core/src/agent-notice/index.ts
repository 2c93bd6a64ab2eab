import * as z from "zod";
import * as Agent from "../agent";
import * as Appointment from "../appointment";
import * as Calendar from "../calendar";
import { readTogether } from "../db/batch-get";
import { isConditionFailure } from "../db/condition";
import * as Email from "../email";
import * as Motif from "../motif";
import * as Place from "../place";
import * as Settings from "../settings";
import type { AgentContext } from "../session";
import { fn } from "../validate";
import { NOTICE_CHOICES, NoticePreferenceEntity, NoticeSentEntity } from "./agent-notice.entity";

/**
 * E-mails to the agents of an appointment when an usager books, cancels or reschedules it online
 * (never when an agent does): each agent chooses every change, changes within the next 2 days
 * (the default) or none. Sent after the change has committed, each claimed first so a retry
 * sends nothing twice; the usager's phone number is never in them.
 */
export const SOON_HOURS = 48;
const KEEP_DAYS = 30;

export const PreferenceInput = z.object({ changes: z.enum(NOTICE_CHOICES, "« all », « soon » ou « none » attendu") });
export type Preference = z.infer<typeof PreferenceInput>;

/** GET /v1/agent/me/notifications */
export async function preference(ctx: AgentContext): Promise<Preference> {
  const item = (await NoticePreferenceEntity.get({ agentId: ctx.agentId }).go()).data;
  return { changes: item?.changes ?? "soon" };
}

/** POST /v1/agent/me/notifications {changes} */
export const setPreference = fn(PreferenceInput, async (input, ctx: AgentContext): Promise<Preference> => {
  await NoticePreferenceEntity.put({ agentId: ctx.agentId, changes: input.changes }).go({ response: "none" });
  return input;
});

export interface OnlineChange {
  kind: "booked" | "cancelled" | "rescheduled";
  appointmentId: string;
  /** a reschedule: where it was */
  previousStartsAt?: string;
}

const SUBJECTS = { booked: "Nouveau rendez-vous pris en ligne", cancelled: "Rendez-vous annulé en ligne", rescheduled: "Rendez-vous déplacé en ligne" } as const;

/** Tells the appointment's agents of a change an usager made online, as each chose; returns how many e-mails were sent. */
export async function afterOnlineChange(change: OnlineChange, now: Date): Promise<number> {
  const [appointment] = await readTogether([Appointment.read(change.appointmentId)]);
  if (!appointment) return 0;
  // most changes concern nobody who asked (the default: within 2 days): decided on the preferences alone
  const preferences = (await NoticePreferenceEntity.get(appointment.agentIds.map((agentId) => ({ agentId }))).go()).data;
  const soon = [appointment.startsAt, change.previousStartsAt].some((start) => start !== undefined && Date.parse(start) > now.getTime() && Date.parse(start) - now.getTime() <= SOON_HOURS * 3_600_000);
  const choiceOf = (agentId: string) => preferences.find((p) => p.agentId === agentId)?.changes ?? "soon";
  const concerned = appointment.agentIds.filter((agentId) => choiceOf(agentId) === "all" || (choiceOf(agentId) === "soon" && soon));
  if (concerned.length === 0) return 0;
  const [agents, [motif, place]] = await Promise.all([Agent.getMany(concerned), readTogether([Motif.read(appointment.motifId), Place.read(appointment.placeId)])]);
  const told = agents.filter((agent) => agent.email);
  const base = Settings.publicUrl().replace(/\/$/, "");
  const link = `${base}/agent/rendez-vous/${encodeURIComponent(appointment.appointmentId)}`;
  const when = new Intl.DateTimeFormat("fr-FR", { timeZone: appointment.timezone, dateStyle: "full", timeStyle: "short" });
  const ics = Calendar.appointmentEvent({
    id: appointment.appointmentId,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    cancelled: change.kind === "cancelled",
    locationType: motif?.locationType ?? "on_site",
    place: { name: place?.name ?? "", address: place?.address },
    manageUrl: link,
  });
  const text = [
    `${SUBJECTS[change.kind]} :`,
    `${motif?.name ?? "Rendez-vous"}, ${place?.name ?? ""}`,
    change.previousStartsAt ? `Avant : ${when.format(new Date(change.previousStartsAt))}` : undefined,
    `${change.kind === "rescheduled" ? "Désormais" : "Le"} : ${when.format(new Date(appointment.startsAt))}`,
    appointment.label ? `Usager : ${appointment.label}` : undefined,
    `Voir le rendez-vous : ${link}`,
    "",
    `Vous recevez ce message selon vos préférences (« Mon compte ») : ${base}/agent/mon-compte`,
  ].filter((line) => line !== undefined).join("\n");
  let sent = 0;
  const email = await Email.current();
  for (const agent of told) {
    // the change's identity: a booking or cancellation happens once; a reschedule once per new start
    const key = change.kind === "rescheduled" ? `rescheduled#${appointment.startsAt}` : change.kind;
    try {
      await NoticeSentEntity.create({ appointmentId: appointment.appointmentId, change: key, agentId: agent.agentId, expiresAt: Math.floor(now.getTime() / 1000) + KEEP_DAYS * 86_400 }).go({ response: "none" });
    } catch (error) {
      if (isConditionFailure(error)) continue; // already told
      throw error;
    }
    await email.send({
      to: agent.email,
      subject: SUBJECTS[change.kind],
      text,
      attachments: [{ filename: "rendez-vous.ics", contentType: "text/calendar; charset=utf-8", content: ics }],
      appointmentId: appointment.appointmentId,
    });
    sent++;
  }
  return sent;
}
