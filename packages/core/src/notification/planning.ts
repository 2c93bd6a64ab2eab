import { DateTime } from "luxon";
import * as ManageToken from "../manage-token";
import type * as Motif from "../motif";
import * as Reminder from "../reminder";
import * as Settings from "../settings";
import { messageText, type MessageKind } from "./texts";

/**
 * Planning: whether an usager gets an SMS, its exact text, and the receipt that records it —
 * built here and nowhere else, whoever plans it (a booking, a change, a reminder firing).
 */

export type NoSmsReason = "no_mobile" | "opted_out" | "motif_not_notified";

/** Why an usager gets no SMS for a motif, or undefined when they do. */
export function noSmsReason(
  motif: { notification: "normal" | "discreet" | "none" },
  user: { phone?: string; phoneIsMobile: boolean; smsOptOut: boolean },
): NoSmsReason | undefined {
  if (motif.notification === "none") return "motif_not_notified";
  if (!user.phone || !user.phoneIsMobile) return "no_mobile";
  if (user.smsOptOut) return "opted_out";
  return undefined;
}

export interface TextInput {
  kind: MessageKind;
  startsAt: string;
  timezone: string;
  motif: Pick<Motif.MotifRecord, "notification" | "locationType">;
  serviceName: string;
  /** the place as stored: its short name for SMS where it has one */
  place: { name: string; shortName?: string; phone?: string };
  participationId: string;
  tokenVersion: number;
  relativeFirstName?: string;
}

/** What the text of a message takes from the stage: "[TEST]" outside production, the site's address, the token secret. */
export interface StageForTexts {
  production: boolean;
  publicUrl: string;
  tokenSecret: string;
}

function currentStage(): StageForTexts {
  return { production: Settings.get().production, publicUrl: Settings.publicUrl(), tokenSecret: ManageToken.secret() };
}

/**
 * The exact SMS text of a message. The stage is this process's (its settings, PUBLIC_URL and
 * secret) unless given: the bench measures the texts a production stage would send.
 */
export function textFor(input: TextInput, stage: StageForTexts = currentStage()): string {
  return messageText(input.kind, {
    service: input.motif.notification === "discreet" ? null : input.serviceName,
    startsAt: input.startsAt,
    timezone: input.timezone,
    placeName: input.place.shortName ?? input.place.name,
    locationType: input.motif.locationType,
    relativeFirstName: input.relativeFirstName,
    link: Settings.manageLink(ManageToken.derive(input.participationId, input.tokenVersion, stage.tokenSecret), stage.publicUrl),
    siteUrl: stage.publicUrl,
    placePhone: input.place.phone,
    production: stage.production,
  });
}

/** A receipt to create in the transaction of the change that justifies it (status pending, in the work index). */
export function plannedReceipt(input: TextInput & { appointmentId: string; to: string; now: Date; key?: string }) {
  return {
    appointmentId: input.appointmentId,
    receiptId: `${input.participationId}.${input.kind}${input.key ? `.${input.key}` : ""}`,
    participationId: input.participationId,
    kind: input.kind,
    channel: "sms" as const,
    to: input.to,
    text: textFor(input),
    status: "pending" as const,
    attempts: 0,
    workQueue: "work",
    workDueAt: input.now.toISOString(),
    expiresAt: Math.floor(DateTime.fromISO(input.startsAt).plus({ years: 2 }).toSeconds()),
  };
}

export type PlannedReceipt = ReturnType<typeof plannedReceipt>;

/** What a message to one participation's usager is about, as the callers have it at hand. */
export interface MessageSubject {
  appointment: { appointmentId: string; startsAt: string; timezone: string };
  participation: { participationId: string; tokenVersion: number; relative?: { firstName: string }; noSmsReason?: NoSmsReason };
  motif: TextInput["motif"];
  place: TextInput["place"];
  service: { name: string; shortName?: string } | null | undefined;
  /** the usager to write to (phone in E.164) */
  user: { phone?: string; phoneIsMobile: boolean; smsOptOut: boolean } | null | undefined;
}

/**
 * The receipt id's last part: a reminder and a reschedule are sent once per start (a moved
 * appointment gets new ones), the other kinds once per participation.
 */
export function receiptKey(kind: MessageKind, startsAt: string): string | undefined {
  return kind === "reminder" || kind === "reschedule" ? startsAt : undefined;
}

/** The receipt of a `kind` message to the participation's usager, or undefined when they get no SMS. */
export function plannedMessage(kind: MessageKind, subject: MessageSubject, now: Date): PlannedReceipt | undefined {
  const { appointment, participation, motif, place, service, user } = subject;
  if (participation.noSmsReason || !user?.phone || noSmsReason(motif, user)) return undefined;
  return plannedReceipt({
    kind,
    appointmentId: appointment.appointmentId,
    startsAt: appointment.startsAt,
    timezone: appointment.timezone,
    motif,
    serviceName: service?.shortName ?? service?.name ?? "",
    place,
    participationId: participation.participationId,
    tokenVersion: participation.tokenVersion,
    relativeFirstName: participation.relative?.firstName,
    to: user.phone,
    now,
    key: receiptKey(kind, appointment.startsAt),
  });
}

/** The reminder moment of an appointment (lead time of the motif, else of the stage). */
export function reminderAt(startsAt: string, timezone: string, motif: { reminderLeadHours?: number }, now: Date): Date | null {
  const settings = Settings.get();
  return Reminder.reminderMoment({
    startsAt,
    leadHours: motif.reminderLeadHours ?? settings.reminderLeadHours,
    quietHours: settings.quietHours,
    timezone,
    now,
  });
}

/** The link of an offer of freed time (the waitlist): the site's offer page. */
export function offerLink(offerToken: string, base: string = Settings.publicUrl()): string {
  return `${base}/creneau-libere/${offerToken}`;
}

/** The exact SMS text offering a freed slot to an usager of the waitlist (no name in it: nothing typed by the public). */
export function offerText(
  input: { startsAt: string; timezone: string; motif: TextInput["motif"]; serviceName: string; place: TextInput["place"]; offerToken: string },
  stage: StageForTexts = currentStage(),
): string {
  return messageText("offer", {
    service: input.motif.notification === "discreet" ? null : input.serviceName,
    startsAt: input.startsAt,
    timezone: input.timezone,
    placeName: input.place.shortName ?? input.place.name,
    locationType: input.motif.locationType,
    link: offerLink(input.offerToken, stage.publicUrl),
    siteUrl: stage.publicUrl,
    production: stage.production,
  });
}
