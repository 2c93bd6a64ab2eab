import { fn } from "../validate";
import { putAll, type PutItem } from "../db/batch";
import { DateTime } from "luxon";
import * as z from "zod";
import { csv } from "../export/csv";
import { Id } from "../schema/common";
import type { StatsRowInfo } from "../schema/agent";
import * as Service from "../service";
import type { AgentContext } from "../session";
import { visibleServices } from "../session";
import { RECOVERY_COUNTERS, STATUS_COUNTERS, StatsEntity } from "./stats.entity";

export const SHARDS = 8;
export type Counter = "total" | "online" | "agent" | (typeof STATUS_COUNTERS)[number] | (typeof RECOVERY_COUNTERS)[number];

/** The lead-time bucket a cancellation made at `now` counts in (none once the appointment has started). */
export function cancellationBucket(startsAt: string, now: Date): Counter | undefined {
  const hours = (Date.parse(startsAt) - now.getTime()) / 3_600_000;
  if (hours <= 0) return undefined;
  if (hours < 24) return "cancelledUnder1Day";
  if (hours <= 7 * 24) return "cancelled1To7Days";
  return "cancelledOver7Days";
}

export function monthOf(startsAt: string, timezone: string): string {
  return DateTime.fromISO(startsAt, { setZone: true }).setZone(timezone).toFormat("yyyy-MM");
}

/**
 * The key and increments of a counter update, for a transaction (`update(...).add(...)`). `lane`
 * prefixes the shard, for a second update of the same month and service in one transaction
 * (DynamoDB refuses two operations on one item): reads sum every shard whatever its name.
 */
export function increment(organisationId: string, serviceId: string, month: string, add: Partial<Record<Counter, number>>, lane = "") {
  return { key: { organisationId, month, serviceId, shard: `${lane}${Math.floor(Math.random() * SHARDS)}` }, add };
}

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "mois attendu au format AAAA-MM");

/** `to` before `from` would be a key range DynamoDB refuses (a 500): a 400 naming `to` instead. */
export const ForOrganisationInput = z
  .object({ organisationId: Id, from: Month, to: Month })
  .refine((input) => input.to >= input.from, { path: ["to"], message: "doit être le même mois que « from » ou après" });

export type Row = StatsRowInfo;

const COUNTERS = ["total", "online", "agent", ...STATUS_COUNTERS, ...RECOVERY_COUNTERS] as const;

/** A percentage with one decimal, null without a denominator. */
export function percentage(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;
}

/**
 * Statistics of an organisation per month and service (the services the agent sees), from the
 * counters maintained at write time: one query, whatever the number of appointments.
 */
export const forOrganisation = fn(ForOrganisationInput, async (input, ctx: AgentContext): Promise<Row[]> => {
  const { organisationId, from, to } = input;
  const visible = visibleServices(ctx, organisationId);
  const [items, services] = await Promise.all([
    StatsEntity.query.primary({ organisationId }).between({ month: from }, { month: `${to}\uffff` }).go({ pages: "all" }),
    Service.listAll(),
  ]);
  const rows = new Map<string, Row>();
  for (const item of items.data) {
    if (visible !== "all" && !visible.includes(item.serviceId)) continue;
    const key = `${item.month}|${item.serviceId}`;
    const row = rows.get(key) ?? {
      month: item.month,
      serviceId: item.serviceId,
      serviceName: services.find((s) => s.serviceId === item.serviceId)?.name ?? item.serviceId,
      ...(Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<(typeof COUNTERS)[number], number>),
      noShowRate: null,
      refillRate: null,
      smsDeliveredRate: null,
    };
    for (const counter of COUNTERS) row[counter] += item[counter] ?? 0;
    rows.set(key, row);
  }
  return [...rows.values()]
    .map((row) => ({
      ...row,
      noShowRate: percentage(row.noshow, row.seen + row.noshow),
      refillRate: percentage(row.refilled, row.freed),
      smsDeliveredRate: percentage(row.smsDelivered, row.smsSent),
    }))
    .sort((a, b) => a.month.localeCompare(b.month) || a.serviceName.localeCompare(b.serviceName, "fr"));
});

/** The statistics table as a CSV file (as the appointments export: UTF-8 with a BOM, ';'), one line per month and service. */
export const csvFile = fn(ForOrganisationInput, async (input, ctx: AgentContext): Promise<{ filename: string; contentType: string; body: Buffer }> => {
  const rows = await forOrganisation(input, ctx);
  const rate = (value: number | null) => (value === null ? "" : value.toLocaleString("fr-FR"));
  const cells = rows.map((r) => [
    r.month, r.serviceName, r.total, r.seen, r.noshow, rate(r.noShowRate), r.excused, r.revoked,
    r.cancelledUnder1Day, r.cancelled1To7Days, r.cancelledOver7Days, r.freed, r.refilled, rate(r.refillRate),
    r.smsSent, r.smsDelivered, r.smsFailed, rate(r.smsDeliveredRate), r.callConfirmed, r.callCancelled, r.callUnreachable,
  ].map(String));
  return { filename: `statistiques-${input.organisationId}-${input.from}-${input.to}.csv`, contentType: "text/csv; charset=utf-8", body: csv(CSV_COLUMNS, cells) };
});

export const CSV_COLUMNS = [
  "Mois", "Service", "Rendez-vous", "Honorés", "Lapins", "Taux de lapins (%)", "Excusés", "Annulés par le service",
  "Annulés moins de 24 h avant", "Annulés 1 à 7 jours avant", "Annulés plus de 7 jours avant", "Créneaux libérés", "Créneaux repris", "Taux de reprise (%)",
  "SMS envoyés", "SMS reçus", "SMS non reçus", "Taux de SMS reçus (%)", "Appels : confirmés", "Appels : annulés", "Appels : injoignables",
];

/** Saves counter rows as they are, in batches (département import: absolute counts in their own shard). */
export async function saveAll(items: PutItem<typeof StatsEntity>[]): Promise<void> {
  await putAll(StatsEntity, items);
}
