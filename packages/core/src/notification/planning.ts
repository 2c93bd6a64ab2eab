import { DateTime } from "luxon";
import * as ManageToken from "../manage-token";
import type * as Motif from "../motif";
import * as Reminder from "../reminder";
import * as ReminderTrial from "../reminder-trial";
import * as Settings from "../settings";
import { emailContent } from "./email-texts";
import { messageText, trialReminderText, type MessageContext, type MessageKind } from "./texts";

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
  motif: Pick<Motif.MotifRecord, "notification" | "locationType"> & { videoUrl?: string };
  serviceName: string;
  /** the place as stored: its short name for SMS where it has one */
  place: { name: string; shortName?: string; phone?: string };
  participationId: string;
  tokenVersion: number;
  relativeFirstName?: string;
  /** a reminder in a trial's wording (stage settings `reminderTrial`) */
  reminderWording?: string;
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
  return messageText(input.kind, contextFor(input, stage), input.reminderWording);
}

/** What the texts of a message are written from. */
export function contextFor(input: TextInput, stage: StageForTexts = currentStage()): MessageContext {
  return {
    service: input.motif.notification === "discreet" ? null : input.serviceName,
    startsAt: input.startsAt,
    timezone: input.timezone,
    placeName: input.place.shortName ?? input.place.name,
    locationType: input.motif.locationType,
    videoUrl: input.motif.locationType === "video" ? input.motif.videoUrl : undefined,
    relativeFirstName: input.relativeFirstName,
    link: Settings.manageLink(ManageToken.derive(input.participationId, input.tokenVersion, stage.tokenSecret), stage.publicUrl),
    siteUrl: stage.publicUrl,
    placePhone: input.place.phone,
    production: stage.production,
  };
}

/** A message to create in the transaction of the change that justifies it (status pending, in the work index). */
export interface PlannedReceipt {
  appointmentId: string;
  receiptId: string;
  participationId: string;
  kind: MessageKind;
  channel: "sms" | "email";
  /** E.164 number or e-mail address */
  to: string;
  text: string;
  /** e-mails: subject, HTML version, the .ics attached */
  subject?: string;
  html?: string;
  ics?: string;
  /** a reminder sent in a trial's wording: `<trial id>/<text id>` */
  variant?: string;
  status: "pending";
  attempts: number;
  workQueue: string;
  workDueAt: string;
  expiresAt: number;
}

const receiptExpiry = (startsAt: string) => Math.floor(DateTime.fromISO(startsAt).plus({ years: 2 }).toSeconds());

export function plannedReceipt(input: TextInput & { appointmentId: string; to: string; now: Date; key?: string; variant?: string }): PlannedReceipt {
  return {
    appointmentId: input.appointmentId,
    receiptId: `${input.participationId}.${input.kind}${input.key ? `.${input.key}` : ""}`,
    participationId: input.participationId,
    kind: input.kind,
    channel: "sms",
    to: input.to,
    text: textFor(input),
    ...(input.variant ? { variant: input.variant } : {}),
    status: "pending",
    attempts: 0,
    workQueue: "work",
    workDueAt: input.now.toISOString(),
    expiresAt: receiptExpiry(input.startsAt),
  };
}

/** What a message to one participation's usager is about, as the callers have it at hand. */
export interface MessageSubject {
  appointment: { appointmentId: string; startsAt: string; endsAt: string; timezone: string };
  participation: { participationId: string; tokenVersion: number; relative?: { firstName: string }; noSmsReason?: NoSmsReason; reminderVariant?: string };
  motif: TextInput["motif"] & { name?: string; instructions?: string };
  place: TextInput["place"] & { address?: string };
  service: { name: string; shortName?: string } | null | undefined;
  /** the usager to write to (phone in E.164) */
  user: { phone?: string; phoneIsMobile: boolean; smsOptOut: boolean; email?: string; firstName?: string } | null | undefined;
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
  const input: TextInput & { appointmentId: string; to: string; now: Date; key?: string } = {
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
  };
  // a trial's text, when the stage runs one and the text fits this appointment in one segment
  const variant = kind === "reminder" ? ReminderTrial.reminderVariant(participation) : undefined;
  const usable = variant && trialReminderText(variant.text, contextFor(input)) !== undefined ? variant : undefined;
  return plannedReceipt({ ...input, reminderWording: usable?.text, variant: usable?.key });
}

/**
 * The e-mail of a `kind` message to the participation's usager, or undefined when they gave no
 * address or the motif sends nothing. Independent of the SMS: an usager without a mobile, or
 * opted out of SMS, still gets it; it never replaces the SMS. Its id is the SMS's with "email".
 */
export async function plannedEmail(kind: MessageKind, subject: MessageSubject, now: Date, stage: StageForTexts = currentStage()): Promise<PlannedReceipt | undefined> {
  const { appointment, participation, motif, place, service, user } = subject;
  if (!user?.email || motif.notification === "none") return undefined;
  const link = Settings.manageLink(ManageToken.derive(participation.participationId, participation.tokenVersion, stage.tokenSecret), stage.publicUrl);
  const cancelled = kind === "cancellation" || kind === "revocation";
  const discreet = motif.notification === "discreet";
  // the calendar builder (the ics package and its validation library) loads on first use, not with every notifying function
  const ics = cancelled
    ? undefined
    : (await import("../calendar")).appointmentEvent({
        id: appointment.appointmentId,
        startsAt: appointment.startsAt,
        endsAt: appointment.endsAt,
        cancelled: false,
        locationType: motif.locationType,
        place,
        motif: discreet || !motif.name ? undefined : { name: motif.name, service: service?.name ?? "" },
        instructions: motif.instructions,
        videoUrl: motif.locationType === "video" ? motif.videoUrl : undefined,
        manageUrl: link,
      });
  const content = emailContent({
    kind,
    firstName: user.firstName,
    relativeFirstName: participation.relative?.firstName,
    service: discreet ? null : (service?.name ?? null),
    startsAt: appointment.startsAt,
    timezone: appointment.timezone,
    locationType: motif.locationType,
    place,
    instructions: motif.instructions,
    videoUrl: motif.locationType === "video" ? motif.videoUrl : undefined,
    link,
    siteUrl: stage.publicUrl,
    departmentName: Settings.get().department.name,
    production: stage.production,
    withCalendar: ics !== undefined,
  });
  const key = receiptKey(kind, appointment.startsAt);
  return {
    appointmentId: appointment.appointmentId,
    receiptId: `${participation.participationId}.email.${kind}${key ? `.${key}` : ""}`,
    participationId: participation.participationId,
    kind,
    channel: "email",
    to: user.email,
    subject: content.subject,
    text: content.text,
    html: content.html,
    ...(ics ? { ics } : {}),
    status: "pending",
    attempts: 0,
    workQueue: "work",
    workDueAt: now.toISOString(),
    expiresAt: receiptExpiry(appointment.startsAt),
  };
}

/** Every message of a `kind` to the participation's usager: the SMS and the e-mail, each when they get one. */
export async function plannedMessages(kind: MessageKind, subject: MessageSubject, now: Date): Promise<PlannedReceipt[]> {
  return [plannedMessage(kind, subject, now), await plannedEmail(kind, subject, now)].filter((r): r is PlannedReceipt => r !== undefined);
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
