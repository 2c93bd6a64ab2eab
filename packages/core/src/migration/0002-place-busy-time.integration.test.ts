import { randomUUID } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import * as AgentTime from "../agent-time";
import { decodeCopy } from "../agent-time/place-time";
import * as Appointment from "../appointment";
import { readTogether } from "../db/batch-get";
import { docClient, dynamoRequestCount, tableName } from "../db/client";
import { Db } from "../db/service";
import * as DepartmentFile from "../department-file";
import { DomainError } from "../error";
import * as Slot from "../slot";
import { smallDepartment } from "../testing/department-fixture";
import { MigrationEntity } from "./migration.entity";
import * as Migration from "./index";

const NOW = new Date("2026-12-01T08:00:00Z");

async function setup() {
  const p = `b${randomUUID().slice(0, 6)}`;
  await DepartmentFile.load(smallDepartment(p));
  return { p, alice: `${p}-alice`, bruno: `${p}-bruno`, motif: `${p}-consult`, arras: `${p}-place-arras`, lens: `${p}-place-lens` };
}

let phone = 0;
function book(ctx: { p: string; motif: string; arras: string }, startsAt: string) {
  phone += 1;
  const body = { motifId: ctx.motif, placeId: ctx.arras, startsAt, serviceUser: { firstName: "Prénom", lastName: "Nom", phone: `06${String(30_000_000 + phone).padStart(8, "0")}` } };
  return Appointment.book(body, { idempotencyKey: `k-${ctx.p}-${phone}`, now: NOW }).catch((error: unknown) => {
    if (error instanceof DomainError) return error.code;
    throw error;
  });
}

const slotTimes = async (ctx: { motif: string; arras: string }, day: string) =>
  (await Slot.list({ motif: ctx.motif, place: ctx.arras, from: day, to: day }, NOW, { bookingWindow: false })).map((s) => s.startsAt.slice(11, 16));

const counted = async <T>(fn: () => Promise<T>) => {
  const before = dynamoRequestCount();
  const value = await fn();
  return { value, requests: dynamoRequestCount() - before };
};

/**
 * The table as the release before busy time by place left it: no place keeps a copy of any
 * agent (no placeWeek, placeAgents or agentPlaces items) and absences carry no index keys (no
 * `lastDay`, no gsi1 keys).
 */
async function toPreviousRelease(ctx: { alice: string; bruno: string; arras: string; lens: string }): Promise<void> {
  for (const placeId of [ctx.arras, ctx.lens]) {
    for (const week of (await Db.entities.placeWeek.query.primary({ placeId }).go({ pages: "all" })).data) await Db.entities.placeWeek.delete({ placeId, week: week.week }).go();
    await Db.entities.placeAgents.delete({ placeId }).go();
  }
  for (const agentId of [ctx.alice, ctx.bruno]) {
    await Db.entities.agentPlaces.delete({ agentId }).go();
    for (const absence of (await Db.entities.absence.query.primary({ agentId }).go({ pages: "all" })).data) {
      const key = Db.entities.absence.get({ agentId, absenceId: absence.absenceId }).params<{ Key: Record<string, unknown> }>().Key;
      const raw = (await docClient().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item!;
      const { gsi1pk: _g, gsi1sk: _s, lastDay: _l, ...item } = raw;
      await docClient().send(new PutCommand({ TableName: tableName(), Item: item }));
    }
  }
}

/** What a place's copy holds of an agent's days, and the days themselves (busy intervals by day). */
async function copyAndDays(placeId: string, agentId: string) {
  const [copy] = await readTogether([AgentTime.placeBusy(placeId, "2026-12-01", "2027-03-31")], { consistent: true });
  const copied = Object.fromEntries([...(copy.days.get(agentId) ?? new Map<string, string>())].map(([day, raw]) => [day, decodeCopy(raw).busy]).filter(([, busy]) => (busy as unknown[]).length > 0));
  const days = Object.fromEntries((await AgentTime.daysOf(agentId, "2026-12-01", "2027-03-31")).filter((d) => d.busy.length > 0).map((d) => [d.day, d.busy]));
  return { covered: copy.coverage.has(agentId), copied, days };
}

const indexedAbsences = async (agentId: string) => (await AgentTime.absencesFrom("2026-12-01", [agentId])).map((a) => a.absenceId);

beforeEach(async () => {
  await MigrationEntity.delete({}).go(); // each test starts from a table where no migration was recorded
});

describe("migration 0002: busy time by place and the absences' index", () => {
  it("before it runs, searches and bookings read each agent's own days and absences: the same slots, the same refusals", async () => {
    const ctx = await setup();
    // Alice: Mondays and Thursdays 9:00–12:00, an appointment Monday 7 December 9:30–10:00, absent Monday 14 10:00–11:00
    expect(await book(ctx, "2026-12-17T11:00:00+01:00")).toMatchObject({ id: expect.any(String) });
    const monday7 = await slotTimes(ctx, "2026-12-07");
    const monday14 = await slotTimes(ctx, "2026-12-14");
    expect(monday7).toEqual(["09:00", "10:00", "10:30", "11:00", "11:30"]);
    expect(monday14).toEqual(["09:00", "09:30", "11:00", "11:30"]);
    expect(await slotTimes(ctx, "2026-12-17")).toEqual(["09:00", "09:30", "10:00", "10:30", "11:30"]);

    await toPreviousRelease(ctx);
    expect(await indexedAbsences(ctx.alice)).toEqual([]); // invisible to the index
    const before = await counted(() => slotTimes(ctx, "2026-12-07"));
    expect(before.value).toEqual(monday7);
    expect(before.requests).toBe(3 + 1); // Alice's own days and absences: one query
    expect(await slotTimes(ctx, "2026-12-14")).toEqual(monday14);
    expect(await slotTimes(ctx, "2026-12-17")).toEqual(["09:00", "09:30", "10:00", "10:30", "11:30"]);
    expect(await book(ctx, "2026-12-07T09:30:00+01:00")).toBe("appointment.slot_taken");
    expect(await book(ctx, "2026-12-14T10:00:00+01:00")).toBe("request.invalid"); // absent: no slot there
    expect(await book(ctx, "2026-12-07T10:00:00+01:00")).toMatchObject({ startsAt: "2026-12-07T10:00:00+01:00" });
  });

  it("indexes the absences, makes every place of an agent's rules copy the agent's days, then searches read 3 requests with the same answers", async () => {
    const ctx = await setup();
    expect(await book(ctx, "2026-12-17T11:00:00+01:00")).toMatchObject({ id: expect.any(String) });
    const monday7 = await slotTimes(ctx, "2026-12-07");
    const monday14 = await slotTimes(ctx, "2026-12-14");
    await toPreviousRelease(ctx);

    const result = await Migration.run({ target: 2 });
    expect(result).toMatchObject({ from: 0, version: 2 });
    expect(result.applied.map((a) => a.number)).toEqual([1, 2]);
    expect(result.applied[1]!.counts.absencesIndexed).toBeGreaterThanOrEqual(1);
    expect(await indexedAbsences(ctx.alice)).toEqual([`${ctx.p}-abs-alice`]);
    const alice = await copyAndDays(ctx.arras, ctx.alice);
    expect(alice.covered).toBe(true);
    expect(Object.keys(alice.days).sort()).toEqual(["2026-12-07", "2026-12-17"]);
    expect(alice.copied).toEqual(alice.days);
    expect((await copyAndDays(ctx.lens, ctx.bruno)).covered).toBe(true);
    expect((await Db.entities.agentPlaces.get({ agentId: ctx.alice }).go()).data?.places).toEqual([ctx.arras]);

    const after = await counted(() => slotTimes(ctx, "2026-12-07"));
    expect(after.value).toEqual(monday7);
    expect(after.requests).toBe(3);
    expect(await slotTimes(ctx, "2026-12-14")).toEqual(monday14);
    expect(await book(ctx, "2026-12-07T09:30:00+01:00")).toBe("appointment.slot_taken");
    expect(await book(ctx, "2026-12-14T10:00:00+01:00")).toBe("request.invalid");
    expect(await book(ctx, "2026-12-07T10:00:00+01:00")).toMatchObject({ startsAt: "2026-12-07T10:00:00+01:00" });
    const booked = await copyAndDays(ctx.arras, ctx.alice);
    expect(booked.copied).toEqual(booked.days);
  });

  it("running again changes nothing; a run stopped half-way (one agent covered) is finished by the next", async () => {
    const ctx = await setup();
    await toPreviousRelease(ctx);
    await AgentTime.cover(ctx.alice, [ctx.arras]); // as far as a stopped run got
    await Migration.run({ target: 2 });
    const alice = await copyAndDays(ctx.arras, ctx.alice);
    const bruno = await copyAndDays(ctx.lens, ctx.bruno);
    expect([alice.covered, bruno.covered]).toEqual([true, true]);
    const aliceList = (await Db.entities.agentPlaces.get({ agentId: ctx.alice }).go()).data;

    await MigrationEntity.delete({}).go();
    const again = await Migration.run({ target: 2 });
    expect(again.applied.at(-1)!.counts).toMatchObject({ absencesIndexed: 0 });
    expect(await copyAndDays(ctx.arras, ctx.alice)).toEqual(alice);
    expect(await copyAndDays(ctx.lens, ctx.bruno)).toEqual(bruno);
    expect((await Db.entities.agentPlaces.get({ agentId: ctx.alice }).go()).data).toEqual(aliceList); // no new version: nothing to cover
  });

  it("bookings made while it runs are all in the copies", async () => {
    const ctx = await setup();
    await toPreviousRelease(ctx);
    const days = ["2026-12-21", "2026-12-28", "2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25"];
    const [, ...booked] = await Promise.all([Migration.run({ target: 2 }), ...days.map((day) => book(ctx, `${day}T09:00:00+01:00`))]);
    expect(booked.every((b) => typeof b === "object")).toBe(true);
    const alice = await copyAndDays(ctx.arras, ctx.alice);
    expect(alice.covered).toBe(true);
    expect(Object.keys(alice.days)).toHaveLength(7);
    expect(alice.copied).toEqual(alice.days);
  }, 60_000);

  it("copies again the days the previous release changed after their agent was covered (it serves while a deploy migrates, and keeps no copies)", async () => {
    const ctx = await setup();
    await toPreviousRelease(ctx);
    await AgentTime.cover(ctx.alice, [ctx.arras]); // as 0002 does first
    // the previous release books Alice on Monday 21 December 9:00: the day alone, no copy
    await Db.entities.agentDay.put({ agentId: ctx.alice, day: "2026-12-21", busy: [{ appointmentId: `${ctx.p}-old-release`, start: "2026-12-21T08:00:00.000Z", end: "2026-12-21T08:30:00.000Z" }], version: 1 }).go();
    expect((await copyAndDays(ctx.arras, ctx.alice)).copied).not.toHaveProperty("2026-12-21");
    const result = await Migration.run({ target: 2 });
    expect(result.applied.at(-1)!.counts.daysCopiedAgain).toBeGreaterThanOrEqual(1); // the table may hold other test files' agents
    const alice = await copyAndDays(ctx.arras, ctx.alice);
    expect(alice.copied).toEqual(alice.days);
    expect(await slotTimes(ctx, "2026-12-21")).toEqual(["09:30", "10:00", "10:30", "11:00", "11:30"]);
  });
});
