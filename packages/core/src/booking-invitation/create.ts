import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import * as Agent from "../agent";
import { transact, type TransactionEntities } from "../db/transact";
import * as Department from "../department";
import { NotFoundError, ValidationError } from "../error";
import * as Limits from "../limits";
import * as ManageToken from "../manage-token";
import * as Motif from "../motif";
import * as Notification from "../notification";
import * as Organisation from "../organisation";
import * as RateLimit from "../rate-limit";
import * as Reminder from "../reminder";
import { BookingInvitationInput, type BookingInvitationInfo } from "../schema/booking-invitation";
import * as Service from "../service";
import * as ServiceUser from "../service-user";
import { canSee, type AgentContext } from "../session";
import * as Settings from "../settings";
import { validate } from "../validate";
import { invitationEmail, invitationSms } from "./texts";
import { toInfo } from "./view";

/** Days an invitation stays usable when no last day is given, and at most. */
export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 92;
/** The one reminder of an invitation not booked, this long after it was sent. */
export const REMINDER_AFTER_DAYS = 3;

/** The link's token: derived from the invitation's id under the stage secret (never stored, only its hash). */
export function invitationToken(invitationId: string): string {
  return ManageToken.derive(`invitation.${invitationId}`, 1);
}

export function invitationLink(token: string, base: string = Settings.publicUrl()): string {
  return `${base}/invitation/${token}`;
}

/** Receipts of an invitation sit under this key, like a waitlist entry's offers. */
export const receiptsKey = (invitationId: string) => `invitation.${invitationId}`;

/** The usager a business tool names by its own `externalId` (given by `PUT /v1/api/service-users/{externalId}`). */
export async function resolveExternalId(organisationId: string, externalId: string): Promise<string | null> {
  return ServiceUser.serviceUserIdOf(organisationId, externalId);
}

const organisationNotFound = () => new NotFoundError("organisation.not_found", "Cette organisation n'existe pas.");

/**
 * Invites an usager known to the organisation to book one of the motifs (POST
 * /v1/agent/booking-invitations; the integration API reuses it with the key's context). One
 * transaction writes the invitation, its messages (sent at once, or at the end of quiet hours)
 * and its reminder due 3 days later, and counts the SMS against the number's daily allowance;
 * the messages are sent after it commits, and retried by the reconciler.
 */
export async function create(body: unknown, ctx: AgentContext, now: Date): Promise<BookingInvitationInfo> {
  const input = validate(BookingInvitationInput, body);
  if (!ctx.memberships.some((m) => m.organisationId === input.organisationId)) throw organisationNotFound();
  const [organisation, department] = await Promise.all([Organisation.get(input.organisationId), Department.get()]);
  if (!organisation) throw organisationNotFound();

  const serviceUserId = input.serviceUserId ?? (await resolveExternalId(input.organisationId, input.externalId!));
  if (!serviceUserId) throw new ValidationError({ externalId: "aucun usager de l'organisation n'a cet identifiant" });
  const user = await ServiceUser.knownTo(serviceUserId, input.organisationId);
  if (!user) throw new NotFoundError("service_user.not_found", "Cet usager n'est pas connu de l'organisation.");

  const motifs = await invitedMotifs(input, ctx);
  const serviceId = motifs[0]!.serviceId;
  if (input.referentAgentIds) await Agent.assertWorkFor(input.referentAgentIds, { organisationId: input.organisationId, serviceId }, "referentAgentIds");
  if (motifs.some((m) => m.referentOnly) && !input.referentAgentIds) {
    throw new ValidationError({ referentAgentIds: "obligatoire : un motif n'est ouvert qu'aux référents de l'usager" });
  }

  const channelErrors: Record<string, string> = {};
  const smsBlocked = input.channels.includes("sms") ? Notification.noSmsReason({ notification: "normal" }, { ...user, smsOptOut: user.smsOptOut ?? false }) : undefined;
  if (smsBlocked === "no_mobile") channelErrors.channels = "l'usager n'a pas de numéro de mobile";
  else if (smsBlocked === "opted_out") channelErrors.channels = "l'usager a refusé les SMS";
  else if (input.channels.includes("email") && !user.email) channelErrors.channels = "l'usager n'a pas d'adresse e-mail";
  if (Object.keys(channelErrors).length > 0) throw new ValidationError(channelErrors);

  const today = DateTime.fromJSDate(now).setZone(department.timezone).toISODate()!;
  const last = DateTime.fromISO(today).plus({ days: MAX_DAYS }).toISODate()!;
  const expiresOn = input.expiresOn ?? DateTime.fromISO(today).plus({ days: DEFAULT_DAYS }).toISODate()!;
  if (expiresOn < today) throw new ValidationError({ expiresOn: "doit être aujourd'hui ou après" });
  if (expiresOn > last) throw new ValidationError({ expiresOn: `${MAX_DAYS} jours au plus` });

  const invitationId = randomUUID();
  const token = invitationToken(invitationId);
  const service = await Service.fromId(serviceId);
  const settings = Settings.get();
  const textContext = {
    service: motifs.some((m) => m.notification === "discreet") ? null : (service?.shortName ?? service?.name ?? null),
    expiresOn,
    link: invitationLink(token),
    production: settings.production,
  };
  const validUntil = DateTime.fromISO(expiresOn, { zone: department.timezone }).plus({ days: 1 }).toUTC().toISO()!;
  const expiresAt = Math.floor(DateTime.fromISO(expiresOn).plus({ years: 2 }).toSeconds());
  const sendAt = Reminder.outsideQuietHours(now, settings.quietHours, department.timezone);
  const remindAt = Reminder.outsideQuietHours(new Date(now.getTime() + REMINDER_AFTER_DAYS * 86_400_000), settings.quietHours, department.timezone);
  const receipts = input.channels.flatMap((channel) =>
    (["invitation", "reminder"] as const).map((kind) => {
      const content =
        channel === "sms"
          ? { to: user.phone!, text: invitationSms(kind, textContext) }
          : { to: user.email!, ...invitationEmail(kind, { ...textContext, organisation: organisation.name, departmentName: department.name }) };
      const at = kind === "invitation" ? sendAt : remindAt;
      return {
        appointmentId: receiptsKey(invitationId), receiptId: kind === "invitation" ? channel : `reminder.${channel}`, participationId: invitationId,
        kind: "invitation" as const, channel, ...content, status: "pending" as const, attempts: 0, workQueue: "work", workDueAt: at.toISOString(), validUntil, expiresAt,
      };
    }),
  );
  // the SMS (the invitation's and its reminder's) count against the number's daily allowance, as every SMS the public may cause
  const smsCount = input.channels.includes("sms") ? 1 : 0;
  const smsLimit = { key: `sms#${user.phone}`, limit: Limits.current().smsPerNumberPerDay, windowSeconds: 86_400 };
  const record = {
    invitationId, organisationId: input.organisationId, serviceId, motifIds: motifs.map((m) => m.motifId), serviceUserId,
    firstName: user.firstName, lastName: user.lastName, referentAgentIds: input.referentAgentIds ?? [], channels: input.channels,
    expiresOn, timezone: department.timezone, status: "sent" as const, sentAt: now.toISOString(), createdByAgentId: ctx.agentId,
    tokenHash: ManageToken.hash(token), expiresAt,
  };
  await transact<void>(async () => ({
    write: (e: TransactionEntities) => ({
      items: [
        e.bookingInvitation.create(record).commit(),
        ...receipts.map((receipt) => e.receipt.create(receipt).commit()),
        ...(smsCount > 0 ? [RateLimit.transactionItem(e.rateLimit, smsLimit, sendAt, smsCount)] : []),
      ] as never,
    }),
    committed: () => undefined,
    cancelled: (reasons) => {
      if (smsCount > 0 && reasons[reasons.length - 1]?.code === "ConditionalCheckFailed") {
        throw new RateLimit.RateLimitedError("limit.sms_per_number", "Ce numéro a déjà reçu beaucoup de SMS aujourd'hui : réessayez demain, ou invitez par e-mail.", RateLimit.retryAfter(now, 86_400));
      }
      return undefined;
    },
  }));
  if (sendAt.getTime() <= now.getTime()) {
    for (const receipt of receipts.filter((r) => r.workDueAt === sendAt.toISOString() && !r.receiptId.startsWith("reminder."))) {
      await Notification.deliver(receipt.appointmentId, receipt.receiptId, now);
    }
  }
  return toInfo({ ...record, createdAt: now.toISOString(), updatedAt: now.toISOString() }, { motifs, serviceName: service?.name ?? "" }, now);
}

/**
 * The motifs invited to: those named (each of the organisation, seen by the agent, individual,
 * bookable online or on invitation only, of one service), or every such motif of the service.
 * Another organisation's motif is answered like an unknown one (404).
 */
async function invitedMotifs(input: BookingInvitationInput, ctx: AgentContext): Promise<Motif.MotifRecord[]> {
  const invitable = (m: Motif.MotifRecord) => !m.collective && (m.online || m.invitationOnly === true);
  if (input.serviceId) {
    if (!canSee(ctx, input.organisationId, input.serviceId)) throw new NotFoundError("service.not_found", "Ce service n'existe pas.");
    // référent-only motifs are among them when the invitation names référents
    const motifs = (await Motif.listByOrganisation(input.organisationId)).filter((m) => m.serviceId === input.serviceId && invitable(m) && (!m.referentOnly || input.referentAgentIds));
    if (motifs.length === 0) throw new ValidationError({ serviceId: "aucun motif de ce service ne se prend sur invitation" });
    return motifs.sort((a, b) => a.name.localeCompare(b.name, "fr"));
  }
  const ids = [...new Set(input.motifIds!)];
  const motifs = await Promise.all(ids.map((id) => Motif.get(id)));
  const fields: Record<string, string> = {};
  motifs.forEach((motif, i) => {
    if (!motif || motif.organisationId !== input.organisationId || !canSee(ctx, motif.organisationId, motif.serviceId)) return;
    if (!invitable(motif)) fields[`motifIds[${i}]`] = motif.collective ? "un motif collectif ne se prend pas sur invitation" : "ce motif se prend seulement par les agents";
  });
  const unknown = motifs.findIndex((motif) => !motif || motif.organisationId !== input.organisationId || !canSee(ctx, motif.organisationId, motif.serviceId));
  if (unknown >= 0) throw new NotFoundError("motif.not_found", "Ce motif de rendez-vous n'existe pas.");
  if (Object.keys(fields).length > 0) throw new ValidationError(fields);
  const found = motifs as Motif.MotifRecord[];
  if (new Set(found.map((m) => m.serviceId)).size > 1) throw new ValidationError({ motifIds: "des motifs d'un même service attendus" });
  return found;
}
