import * as z from "zod";
import { Db } from "../db/service";
import { transact } from "../db/transact";
import { Id } from "../schema/common";
import type { ReminderTrial } from "../schema/stage-settings";
import * as Settings from "../settings";
import type { AgentContext } from "../session";
import { visibleServices } from "../session";
import { fn } from "../validate";
import { variantFor, variantOf, type Variant } from "./assign";
import { TrialCountEntity } from "./trial-count.entity";
import { overlap, wilson, type Interval } from "./wilson";

/**
 * Reminder wording trials (stage settings `reminderTrial`): which text each participation gets,
 * the counters per text maintained at write time, and what the statistics page shows.
 */
export { CLOUDFRONT_URL, checkTrialTexts, type CheckNames, type CheckStage } from "./check";
export { textIndex, variantFor, variantOf, type Variant } from "./assign";
export { overlap, wilson, Z95, type Interval } from "./wilson";

export const SHARDS = 4;
type Status = "booked" | "seen" | "excused" | "revoked" | "noshow";

/** The stage's trial, if it runs one. */
export function current(): ReminderTrial | undefined {
  return Settings.get().reminderTrial;
}

/** The variant a new participation records (none without a trial). */
export function assign(participationId: string): string | undefined {
  return variantFor(current(), participationId)?.key;
}

/** The text a participation's reminder is sent with, or none (no trial: the reminder's own wordings). */
export function reminderVariant(participation: { participationId: string; reminderVariant?: string }): Variant | undefined {
  return variantOf(current(), participation);
}

function counterKey(organisationId: string, serviceId: string, variantKey: string) {
  const [trialId = "", textId = ""] = variantKey.split("/");
  return { organisationId, serviceId, trialId, textId, shard: String(Math.floor(Math.random() * SHARDS)) };
}

/**
 * The counter moves of a status change, for the participations that count in a trial (their
 * reminder was sent with a text): one update per text, to add to the change's transaction.
 */
export function statusMoves(participations: Array<{ remindedVariant?: string }>, organisationId: string, serviceId: string, from: Status, to: Status) {
  const byVariant = new Map<string, number>();
  for (const p of participations) if (p.remindedVariant) byVariant.set(p.remindedVariant, (byVariant.get(p.remindedVariant) ?? 0) + 1);
  return [...byVariant].map(([variant, n]) => ({ key: counterKey(organisationId, serviceId, variant), add: { [from]: -n, [to]: n } as Partial<Record<Status, number>> }));
}

type ParticipationCondition = Parameters<ReturnType<ReturnType<typeof Db.entities.participation.patch>["set"]>["where"]>[0];

/** The condition that a participation's trial counting is still as read (it joins the status change's own condition). */
export function countedAsRead(participation: { remindedVariant?: string }): ParticipationCondition {
  return (attr, op) => (participation.remindedVariant ? op.eq(attr.remindedVariant, participation.remindedVariant) : op.notExists(attr.remindedVariant));
}

/**
 * A reminder sent with a trial's text: the receipt marked sent (`sent`, the fields delivery
 * writes), and — once per participation — the participation marked counted and its text's
 * counters moved (reminded, and the status it holds), all in one transaction. A participation
 * counted already (a reminder sent again after a reschedule) is not counted twice.
 */
export async function markSentCounting(
  receipt: { appointmentId: string; receiptId: string; participationId: string; variant: string },
  appointment: { organisationId: string; serviceId: string },
  sent: Record<string, string | number>,
): Promise<void> {
  const { appointmentId, receiptId, participationId, variant } = receipt;
  await transact<void>(async () => {
    const participation = (await Db.entities.participation.get({ appointmentId, participationId }).go({ consistent: true })).data;
    if (!participation || participation.remindedVariant) {
      await Db.entities.receipt.patch({ appointmentId, receiptId }).set(sent).go();
      return { done: undefined };
    }
    const status = participation.status;
    return {
      write: (e) => ({
        items: [
          e.participation
            .patch({ appointmentId, participationId })
            .set({ remindedVariant: variant })
            .where((attr, op) => `${op.eq(attr.status, status)} AND ${op.notExists(attr.remindedVariant)}`)
            .commit(),
          e.receipt.patch({ appointmentId, receiptId }).set(sent).commit(),
          e.trialCount.update(counterKey(appointment.organisationId, appointment.serviceId, variant)).add({ reminded: 1, [status]: 1 }).commit(),
        ],
        versioned: [0],
      }),
      committed: () => undefined,
    };
  });
}

/** Below this many appointments per text, a rate says too little to compare. */
export const MIN_APPOINTMENTS = 30;

export interface Rate {
  count: number;
  of: number;
  /** percentage, one decimal; null when `of` is 0 */
  rate: number | null;
  /** the 95 % Wilson interval, in percent, one decimal */
  interval: { low: number; high: number } | null;
}

export interface TextRow {
  id: string;
  text: string;
  /** appointments whose reminder was sent with this text */
  appointments: number;
  seen: number;
  noshow: number;
  excused: number;
  revoked: number;
  /** still to come, or past and not marked */
  booked: number;
  /** no-shows among the appointments that took place or should have (seen + noshow) */
  noShow: Rate;
  /** cancellations by the usager (excused) among the appointments reminded */
  cancellation: Rate;
}

export interface TrialStats {
  trial: { id: string } | null;
  texts: TextRow[];
  /** plain French: whether the texts differ yet, per rate */
  verdict: { noShow: string; cancellation: string } | null;
}

const percent = (x: number) => Math.round(x * 1000) / 10;

function rateOf(count: number, of: number): Rate {
  const interval = wilson(count, of);
  return { count, of, rate: of > 0 ? percent(count / of) : null, interval: interval && { low: percent(interval.low), high: percent(interval.high) } };
}

/** Whether the texts differ on a rate ("taux de lapins"), in plain French. */
export function verdict(rows: Array<{ id: string; rate: Rate }>, what: string, minimum = MIN_APPOINTMENTS): string {
  const few = rows.filter((r) => r.rate.of < minimum);
  if (few.length) {
    return `Pas encore assez de rendez-vous pour comparer le ${what} : il en faut au moins ${minimum} par texte (${few.map((r) => `« ${r.id} » : ${r.rate.of}`).join(", ")}).`;
  }
  const intervals = rows.map((r) => ({ id: r.id, interval: r.rate.interval as Interval, rate: r.rate.rate ?? 0 }));
  const apart: string[] = [];
  for (const a of intervals) {
    for (const b of intervals) {
      if (a.interval.high < b.interval.low) apart.push(`« ${a.id} » a un ${what} plus bas que « ${b.id} »`);
    }
  }
  if (!apart.length) return `Pas de différence nette pour le ${what} : les intervalles se chevauchent, l'écart peut être dû au hasard.`;
  const remaining = intervals.some((a, i) => intervals.some((b, j) => i < j && overlap(a.interval, b.interval)));
  return `${apart.join(" ; ")} (intervalles à 95 % disjoints)${remaining ? " ; les autres écarts ne sont pas encore nets" : ""}.`;
}

export const ForOrganisationInput = z.object({ organisationId: Id });

/** The running trial's figures per text for an organisation (the services the agent sees), from the counters: one query. */
export const forOrganisation = fn(ForOrganisationInput, async ({ organisationId }, ctx: AgentContext): Promise<TrialStats> => {
  const visible = visibleServices(ctx, organisationId); // another organisation is a 403, trial or not
  const trial = current();
  if (!trial) return { trial: null, texts: [], verdict: null };
  const items = await TrialCountEntity.query.primary({ organisationId, trialId: trial.id }).go({ pages: "all" });
  const texts = trial.texts.map((t) => {
    const sum = { reminded: 0, booked: 0, seen: 0, excused: 0, revoked: 0, noshow: 0 };
    for (const item of items.data) {
      if (item.textId !== t.id || (visible !== "all" && !visible.includes(item.serviceId))) continue;
      for (const key of Object.keys(sum) as Array<keyof typeof sum>) sum[key] += item[key] ?? 0;
    }
    return {
      id: t.id, text: t.text, appointments: sum.reminded, seen: sum.seen, noshow: sum.noshow, excused: sum.excused, revoked: sum.revoked, booked: sum.booked,
      noShow: rateOf(sum.noshow, sum.seen + sum.noshow),
      cancellation: rateOf(sum.excused, sum.reminded),
    };
  });
  return {
    trial: { id: trial.id },
    texts,
    verdict: {
      noShow: verdict(texts.map((t) => ({ id: t.id, rate: t.noShow })), "taux de lapins"),
      cancellation: verdict(texts.map((t) => ({ id: t.id, rate: t.cancellation })), "taux d'annulation"),
    },
  };
});
