import { fn } from "../validate";
import { putAll, type PutItem } from "../db/batch";
import { DateTime } from "luxon";
import * as z from "zod";
import { Id } from "../schema/common";
import * as Service from "../service";
import type { AgentContext } from "../session";
import { visibleServices } from "../session";
import { STATUS_COUNTERS, StatsEntity } from "./stats.entity";

export const SHARDS = 8;
export type Counter = "total" | "online" | "agent" | (typeof STATUS_COUNTERS)[number];

export function monthOf(startsAt: string, timezone: string): string {
  return DateTime.fromISO(startsAt, { setZone: true }).setZone(timezone).toFormat("yyyy-MM");
}

/** The key and increments of a counter update, for a transaction (`update(...).add(...)`). */
export function increment(organisationId: string, serviceId: string, month: string, add: Partial<Record<Counter, number>>) {
  return { key: { organisationId, month, serviceId, shard: String(Math.floor(Math.random() * SHARDS)) }, add };
}

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "mois attendu au format AAAA-MM");

/** `to` before `from` would be a key range DynamoDB refuses (a 500): a 400 naming `to` instead. */
export const ForOrganisationInput = z
  .object({ organisationId: Id, from: Month, to: Month })
  .refine((input) => input.to >= input.from, { path: ["to"], message: "doit être le même mois que « from » ou après" });

export interface Row {
  month: string;
  serviceId: string;
  serviceName: string;
  total: number;
  online: number;
  agent: number;
  booked: number;
  seen: number;
  excused: number;
  revoked: number;
  noshow: number;
  /** no-shows among the appointments that took place or should have: noshow / (seen + noshow) */
  noShowRate: number | null;
}

/** Statistics of an organisation per month and service (the services the agent sees), from the counters: one query. */
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
      month: item.month, serviceId: item.serviceId, serviceName: services.find((s) => s.serviceId === item.serviceId)?.name ?? item.serviceId,
      total: 0, online: 0, agent: 0, booked: 0, seen: 0, excused: 0, revoked: 0, noshow: 0, noShowRate: null,
    };
    for (const counter of ["total", "online", "agent", ...STATUS_COUNTERS] as const) row[counter] += item[counter] ?? 0;
    rows.set(key, row);
  }
  return [...rows.values()]
    .map((row) => ({ ...row, noShowRate: row.seen + row.noshow > 0 ? Math.round((1000 * row.noshow) / (row.seen + row.noshow)) / 10 : null }))
    .sort((a, b) => a.month.localeCompare(b.month) || a.serviceName.localeCompare(b.serviceName, "fr"));
});

/** Saves counter rows as they are, in batches (département import: absolute counts in their own shard). */
export async function saveAll(items: PutItem<typeof StatsEntity>[]): Promise<void> {
  await putAll(StatsEntity, items);
}
