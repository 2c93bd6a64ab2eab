import { DateTime } from "luxon";
import * as z from "zod";
import * as Audit from "../audit";
import { Db } from "../db/service";
import { transact } from "../db/transact";
import { ConflictError } from "../error";
import * as Motif from "../motif";
import { Id } from "../schema/common";
import { CallOutcomeInput, type CallListItemInfo } from "../schema/agent";
import { ForbiddenError, canSee, type AgentContext } from "../session";
import * as ServiceUser from "../service-user";
import * as Settings from "../settings";
import * as Stats from "../stats";
import { fn, validate } from "../validate";
import { load } from "../appointment/agent-view";
import { revoke } from "../appointment/agent-actions";

/**
 * The call list ("À appeler", DESIGN.md "Recovering freed time"): appointments of the next few
 * days whose SMS reminder cannot be trusted (no mobile, opted out, failed or not delivered) or
 * whose usager is at risk of not coming (a previous no-show, booked long ago). An agent phones
 * and records the outcome: confirmed, cancelled (the appointment is cancelled by the service, as
 * from its page) or unreachable; audited, counted in the month's statistics.
 */

export type CallReason = CallListItemInfo["reasons"][number];
export type CallOutcome = z.infer<typeof CallOutcomeInput>["outcome"];

/** A message sent this long ago without a delivery report counts as not delivered. */
export const NOT_DELIVERED_AFTER_HOURS = 12;
/** Booked more than this many days before the appointment: a risk of forgetting (OR 5.5 beyond 4 weeks). */
export const LONG_LEAD_DAYS = 28;

const OUTCOME_COUNTERS = { confirmed: "callConfirmed", cancelled: "callCancelled", unreachable: "callUnreachable" } as const satisfies Record<CallOutcome, Stats.Counter>;

export interface ReasonFacts {
  startsAt: string;
  bookedAt: string;
  noSmsReason?: string;
  phoneIsMobile: boolean;
  smsOptOut: boolean;
  noShows: number;
  receipts: Array<{ status: string; sentAt?: string }>;
}

/** Why an appointment belongs on the call list (empty: it does not). Pure, for tests. */
export function reasonsFor(facts: ReasonFacts, now: Date): CallReason[] {
  const reasons: CallReason[] = [];
  if (facts.noSmsReason === "no_mobile" || !facts.phoneIsMobile) reasons.push("no_mobile");
  if (facts.smsOptOut || facts.noSmsReason === "opted_out") reasons.push("sms_opt_out");
  if (facts.receipts.some((r) => r.status === "failed")) reasons.push("sms_failed");
  const deadline = now.getTime() - NOT_DELIVERED_AFTER_HOURS * 3_600_000;
  if (facts.receipts.some((r) => r.status === "sent" && r.sentAt !== undefined && Date.parse(r.sentAt) <= deadline)) reasons.push("sms_not_delivered");
  if (facts.noShows > 0) reasons.push("previous_noshow");
  if (Date.parse(facts.startsAt) - Date.parse(facts.bookedAt) > LONG_LEAD_DAYS * 86_400_000) reasons.push("booked_long_ago");
  return reasons;
}

export const ListInput = z.object({ organisationId: Id });

/**
 * The organisation's call list, soonest first: one query of its appointments to come
 * (organisation by start, gsi2), then per appointment its collection (participations, receipts),
 * and the usagers in one batch read. Collective sessions are left out (no one usager to call).
 */
export const list = fn(ListInput, async ({ organisationId }, ctx: AgentContext, now: Date): Promise<{ days: number; items: CallListItemInfo[] }> => {
  if (!ctx.memberships.some((m) => m.organisationId === organisationId)) throw new ForbiddenError();
  const days = Settings.get().callListDays;
  const appointments = (
    await Db.entities.appointment.query
      .byOrganisationStart({ organisationId })
      .between({ startsAt: now.toISOString() }, { startsAt: new Date(now.getTime() + days * 86_400_000).toISOString() })
      .go({ pages: "all" })
  ).data.filter((a) => !a.collective && canSee(ctx, a.organisationId, a.serviceId) && (a.status === "booked" || a.callOutcome));
  const collections = await Promise.all(appointments.map((a) => Db.collections.appointment({ appointmentId: a.appointmentId }).go({ pages: "all" })));
  const participations = collections.map((c) => c.data.participation[0]);
  const users = new Map((await ServiceUser.getMany([...new Set(participations.flatMap((p) => (p ? [p.serviceUserId] : [])))])).map((u) => [u.serviceUserId, u]));
  const motifs = new Map<string, string>();
  const items: CallListItemInfo[] = [];
  for (const [i, appointment] of appointments.entries()) {
    const participation = participations[i];
    const user = participation && users.get(participation.serviceUserId);
    if (!participation || !user) continue;
    // SMS only: e-mails get no delivery report, and the reminder that matters is the SMS
    const receipts = collections[i]!.data.receipt.filter((r) => r.participationId === participation.participationId && r.channel === "sms");
    const reasons = reasonsFor(
      { startsAt: appointment.startsAt, bookedAt: appointment.bookedAt ?? appointment.createdAt, noSmsReason: participation.noSmsReason, phoneIsMobile: user.phoneIsMobile, smsOptOut: user.smsOptOut, noShows: user.noShows ?? 0, receipts },
      now,
    );
    if (reasons.length === 0 && !appointment.callOutcome) continue;
    if (!motifs.has(appointment.motifId)) motifs.set(appointment.motifId, (await Motif.fromId(appointment.motifId)).name);
    items.push({
      appointmentId: appointment.appointmentId,
      startsAt: DateTime.fromISO(appointment.startsAt).setZone(appointment.timezone).toISO({ suppressMilliseconds: true })!,
      status: appointment.status,
      motifName: motifs.get(appointment.motifId)!,
      serviceUser: { id: user.serviceUserId, firstName: user.firstName, lastName: user.lastName, ...(user.phone ? { phone: user.phone } : {}) },
      reasons,
      ...(appointment.callOutcome ? { outcome: { outcome: appointment.callOutcome, at: appointment.calledAt ?? "", agentName: appointment.calledByName ?? "" } } : {}),
    });
  }
  return { days, items };
});

/**
 * Records what a call gave. "cancelled" first cancels the appointment as the service (the usager
 * is told by SMS, the time is freed), then records the outcome; recording it again after a
 * retry finds the appointment already cancelled and only records. The outcome, its audit entry
 * and its counter are written in one transaction, on condition that the appointment's status
 * and previous outcome are those read.
 */
export async function recordOutcome(appointmentId: string, body: unknown, ctx: AgentContext, now: Date): Promise<CallListItemInfo["outcome"]> {
  const { outcome } = validate(CallOutcomeInput, body);
  const { appointment } = await load(appointmentId, ctx); // 404 unless the agent may see it
  if (appointment.collective) throw new ConflictError("call_list.collective", "Les séances collectives ne sont pas sur la liste d'appels.");
  if (outcome === "cancelled" && appointment.status === "booked") await revoke(appointmentId, ctx, now);
  const expected = outcome === "cancelled" ? "revoked" : "booked";
  const agentName = `${ctx.firstName} ${ctx.lastName}`;
  return transact(async () => {
    const { appointment: current } = await load(appointmentId, ctx);
    if (current.status !== expected) throw new ConflictError("appointment.not_booked", "Ce rendez-vous n'est plus prévu.");
    if (current.callOutcome === outcome) return { done: { outcome, at: current.calledAt ?? "", agentName: current.calledByName ?? "" } };
    const month = Stats.monthOf(current.startsAt, current.timezone);
    const add: Partial<Record<Stats.Counter, number>> = { [OUTCOME_COUNTERS[outcome]]: 1 };
    if (current.callOutcome) add[OUTCOME_COUNTERS[current.callOutcome]] = -1;
    const counted = Stats.increment(current.organisationId, current.serviceId, month, add);
    return {
      write: (e) => ({
        items: [
          e.appointment
            .patch({ appointmentId })
            .set({ callOutcome: outcome, calledAt: now.toISOString(), calledByName: agentName })
            .add({ version: 1 })
            .where((attr, op) => `${op.eq(attr.status, expected)} AND ${current.callOutcome ? op.eq(attr.callOutcome, current.callOutcome) : op.notExists(attr.callOutcome)}`)
            .commit(),
          e.stats.update(counted.key).add(counted.add).commit(),
          e.audit.create(Audit.entry(appointmentId, ctx, "call", { callOutcome: [current.callOutcome ?? null, outcome] }, now, current.expiresAt)).commit(),
        ],
        versioned: [0],
      }),
      committed: () => ({ outcome, at: now.toISOString(), agentName }),
    };
  });
}
