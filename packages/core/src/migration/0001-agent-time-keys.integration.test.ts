import { randomUUID } from "node:crypto";
import { DeleteCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";
import { beforeEach, describe, expect, it } from "vitest";
import * as AgentTime from "../agent-time";
import { decodeCopy } from "../agent-time/place-time";
import * as Appointment from "../appointment";
import { readTogether } from "../db/batch-get";
import { docClient, tableName } from "../db/client";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";
import { Db } from "../db/service";
import * as DepartmentFile from "../department-file";
import { DomainError } from "../error";
import * as Slot from "../slot";
import { smallDepartment } from "../testing/department-fixture";
import { MigrationEntity } from "./migration.entity";
import * as Migration from "./index";

/**
 * The two entities as they were before agent days and absences shared the "time#" sort keys (git
 * show e516e77^:packages/core/src/appointment/agent-day.entity.ts and …/absence/absence.entity.ts):
 * what the code of that time wrote, written here by the same ElectroDB definitions.
 */
const LegacyAgentDay = new Entity(
  {
    model: { entity: "agentDay", version: "1", service: SERVICE },
    attributes: {
      agentId: { type: "string", required: true },
      day: { type: "string", required: true },
      busy: {
        type: "list",
        required: true,
        default: () => [],
        items: { type: "map", properties: { appointmentId: { type: "string", required: true }, start: { type: "string", required: true }, end: { type: "string", required: true } } },
      },
      version: { type: "number", required: true, default: 0 },
      expiresAt: { type: "number" },
    },
    indexes: { primary: { pk: { field: "pk", composite: ["agentId"] }, sk: { field: "sk", composite: ["day"] } } },
  },
  entityConfig(),
);
const LegacyAbsence = new Entity(
  {
    model: { entity: "absence", version: "1", service: SERVICE },
    attributes: {
      agentId: { type: "string", required: true },
      absenceId: { type: "string", required: true },
      title: { type: "string" },
      start: { type: "string", required: true },
      end: { type: "string", required: true },
      recurrence: { type: "map", properties: { everyWeeks: { type: "number", required: true }, weekdays: { type: "list", items: { type: "string" }, required: true } } },
      until: { type: "string" },
      exceptions: { type: "any", required: true, default: () => [] },
      ...timestamps,
    },
    indexes: { primary: { pk: { field: "pk", composite: ["agentId"] }, sk: { field: "sk", composite: ["absenceId"] } } },
  },
  entityConfig(),
);

const NOW = new Date("2026-12-01T08:00:00Z");

/** Today's form of an agent's time: days (intervals) and absences, without write timestamps. */
async function agentTime(agentId: string) {
  const days = (await Db.entities.agentDay.query.primary({ agentId }).go({ pages: "all" })).data.map(({ day, busy }) => ({ day, busy }));
  const absences = (await Db.entities.absence.query.primary({ agentId }).go({ pages: "all" })).data.map(({ updatedAt: _u, ...rest }) => rest);
  return { days, absences };
}

/**
 * Rewrites an agent's days and absences as the code before the key change kept them. That code
 * kept no copy of busy time by place (data migration 0002 makes them): the places' copies of the
 * agent and the agent's place list go too.
 */
async function toOldLayout(agentId: string): Promise<void> {
  const list = (await Db.entities.agentPlaces.get({ agentId }).go()).data;
  for (const placeId of list?.places ?? []) {
    for (const week of (await Db.entities.placeWeek.query.primary({ placeId }).go({ pages: "all" })).data) await Db.entities.placeWeek.delete({ placeId, week: week.week }).go();
    await Db.entities.placeAgents.delete({ placeId }).go();
  }
  await Db.entities.agentPlaces.delete({ agentId }).go();
  for (const day of (await Db.entities.agentDay.query.primary({ agentId }).go({ pages: "all" })).data) {
    await LegacyAgentDay.put({ agentId, day: day.day, busy: day.busy, version: day.version, expiresAt: day.expiresAt }).go();
    await Db.entities.agentDay.delete({ agentId, day: day.day }).go();
  }
  for (const absence of (await Db.entities.absence.query.primary({ agentId }).go({ pages: "all" })).data) {
    // the fixture's absences are weekly, the only recurrence of that time
    await LegacyAbsence.put({ ...absence, recurrence: absence.recurrence as { everyWeeks: number; weekdays: string[] } | undefined }).go();
    await Db.entities.absence.delete({ agentId, absenceId: absence.absenceId }).go();
  }
}

/** Old-layout items of the table (any test's). */
async function oldLayoutItems(): Promise<Array<Record<string, unknown>>> {
  const page = await docClient().send(
    new ScanCommand({
      TableName: tableName(),
      FilterExpression: "begins_with(sk, :day) OR begins_with(sk, :absence)",
      ExpressionAttributeValues: { ":day": "$agentday_1#", ":absence": "$absence_1#" },
      ConsistentRead: true,
    }),
  );
  expect(page.LastEvaluatedKey).toBeUndefined();
  return page.Items ?? [];
}

async function setup() {
  const p = `m${randomUUID().slice(0, 6)}`;
  await DepartmentFile.load(smallDepartment(p));
  return { p, alice: `${p}-alice`, motif: `${p}-consult`, place: `${p}-place-arras` };
}

let phone = 0;
function book(ctx: { p: string; motif: string; place: string }, startsAt: string) {
  phone += 1;
  const body = { motifId: ctx.motif, placeId: ctx.place, startsAt, serviceUser: { firstName: "Prénom", lastName: "Nom", phone: `06${String(20_000_000 + phone).padStart(8, "0")}` } };
  return Appointment.book(body, { idempotencyKey: `k-${ctx.p}-${phone}`, now: NOW }).catch((error: unknown) => {
    if (error instanceof DomainError) return error.code;
    throw error;
  });
}

const slotTimes = async (ctx: { motif: string; place: string }, day: string) =>
  (await Slot.list({ motif: ctx.motif, place: ctx.place, from: day, to: day }, NOW, { bookingWindow: false })).map((s) => s.startsAt.slice(11, 16));

beforeEach(async () => {
  await MigrationEntity.delete({}).go(); // each test starts from a table where no migration was recorded
});

describe("migration 0001: agent days and absences to the time# keys", () => {
  it("moves old-layout days and absences: the old appointment holds its time again, the old absence blocks, a double booking is refused", async () => {
    const ctx = await setup();
    // Alice: Mondays and Thursdays 9:00–12:00, an appointment Monday 7 December 9:30–10:00, absent Monday 14 10:00–11:00
    const before = await agentTime(ctx.alice);
    expect(before.days.map((d) => d.day)).toEqual(["2026-12-07"]);
    expect(before.absences).toHaveLength(1);
    await toOldLayout(ctx.alice);
    // what today's code makes of the old layout: the time looks free
    expect(await slotTimes(ctx, "2026-12-07")).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]);
    expect(await slotTimes(ctx, "2026-12-14")).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]);

    const result = await Migration.run({ target: 1 });
    expect(result).toMatchObject({ from: 0, version: 1, applied: [{ number: 1, name: "agent-time-keys" }] });
    expect(result.applied[0]!.counts).toMatchObject({ daysMoved: 1, absencesMoved: 1, overlapping: 0 });
    expect(await oldLayoutItems()).toEqual([]);
    expect(await agentTime(ctx.alice)).toEqual(before);

    expect(await slotTimes(ctx, "2026-12-07")).toEqual(["09:00", "10:00", "10:30", "11:00", "11:30"]);
    expect(await slotTimes(ctx, "2026-12-14")).toEqual(["09:00", "09:30", "11:00", "11:30"]);
    expect(await book(ctx, "2026-12-07T09:30:00+01:00")).toBe("appointment.slot_taken");
    expect(await book(ctx, "2026-12-14T10:00:00+01:00")).toBe("request.invalid"); // absent: no slot there
    // the moved day takes bookings (its version carried on)
    expect(await book(ctx, "2026-12-07T10:00:00+01:00")).toMatchObject({ startsAt: "2026-12-07T10:00:00+01:00" });
    expect(await slotTimes(ctx, "2026-12-07")).toEqual(["09:00", "10:30", "11:00", "11:30"]);
  });

  it("running again does nothing, and so does the migration itself run again on moved data", async () => {
    const ctx = await setup();
    await toOldLayout(ctx.alice);
    await Migration.run({ target: 1 });
    const moved = await agentTime(ctx.alice);
    expect(await Migration.run({ target: 1 })).toEqual({ from: 1, version: 1, applied: [] });
    await MigrationEntity.delete({}).go();
    const again = await Migration.run({ target: 1 });
    expect(again.applied[0]!.counts).toMatchObject({ found: 0, daysMoved: 0, absencesMoved: 0 });
    expect(await agentTime(ctx.alice)).toEqual(moved);
  });

  it("merges an old day into a new-layout day written meanwhile by code that could not see it, and reports the overlap", async () => {
    const ctx = await setup();
    await toOldLayout(ctx.alice);
    // today's code, blind to the old day, books 10:00 and, on top of the old 9:30 appointment, 9:30 again
    const ten = await book(ctx, "2026-12-07T10:00:00+01:00");
    const doubled = await book(ctx, "2026-12-07T09:30:00+01:00");
    expect(ten).toMatchObject({ id: expect.any(String) });
    expect(doubled).toMatchObject({ id: expect.any(String) });
    const warnings: string[] = [];
    const result = await Migration.run({ target: 1, onWarning: (_m, message) => warnings.push(message) });
    expect(result.applied[0]!.counts).toMatchObject({ daysMoved: 1, overlapping: 1 });
    expect(warnings).toEqual([`agent ${ctx.alice}, day 2026-12-07: overlapping appointments once merged (both kept)`]);
    const day = (await agentTime(ctx.alice)).days.find((d) => d.day === "2026-12-07")!;
    expect(day.busy.map((b) => [b.appointmentId, b.start]).sort()).toEqual(
      [
        [`${ctx.p}-rdv-1`, "2026-12-07T08:30:00.000Z"],
        [(doubled as { id: string }).id, "2026-12-07T08:30:00.000Z"],
        [(ten as { id: string }).id, "2026-12-07T09:00:00.000Z"],
      ].sort(),
    );
    expect(await slotTimes(ctx, "2026-12-07")).toEqual(["09:00", "10:30", "11:00", "11:30"]);
  });

  it("a run that fails half-way leaves every item whole in one layout or the other and the version unrecorded; the next run finishes", async () => {
    const ctx = await setup();
    for (const day of ["2026-12-17", "2026-12-21", "2026-12-24", "2026-12-28", "2026-12-31", "2027-01-04", "2027-01-07", "2027-01-11"]) {
      expect(await book(ctx, `${day}T11:00:00+01:00`)).toMatchObject({ id: expect.any(String) });
    }
    const before = await agentTime(ctx.alice);
    await toOldLayout(ctx.alice);
    // an old absence no code can read (no start): the migration stops on it, naming it
    const broken = { pk: `$rdv#agentid_${ctx.alice}`, sk: "$absence_1#absenceid_broken", __edb_e__: "absence", __edb_v__: "1", agentId: ctx.alice, absenceId: "broken", end: "2026-12-21T12:00" };
    await docClient().send(new PutCommand({ TableName: tableName(), Item: broken }));

    await expect(Migration.run({ target: 1 })).rejects.toThrow(`migration 0001: ${broken.pk} ${broken.sk} cannot be moved`);
    expect((await Migration.state()).version).toBe(0);
    const old = (await oldLayoutItems()).filter((item) => item.agentId === ctx.alice && item.absenceId !== "broken");
    const now = await agentTime(ctx.alice);
    for (const day of before.days) {
      const inOld = old.filter((item) => item.day === day.day);
      const inNew = now.days.filter((d) => d.day === day.day);
      expect(inOld.length + inNew.length, day.day).toBe(1);
      expect(inNew[0]?.busy ?? (inOld[0]!.busy as unknown[]), day.day).toEqual(day.busy);
    }

    await docClient().send(new DeleteCommand({ TableName: tableName(), Key: { pk: broken.pk, sk: broken.sk } }));
    expect((await Migration.run({ target: 1 })).version).toBe(1);
    expect(await oldLayoutItems()).toEqual([]);
    expect(await agentTime(ctx.alice)).toEqual(before);
  });

  it("a moved day reaches the places that keep a copy of the agent's busy time (in the same transaction)", async () => {
    const ctx = await setup();
    await toOldLayout(ctx.alice);
    await AgentTime.cover(ctx.alice, [ctx.place]); // a place that covers Alice before her old day moves
    expect(await slotTimes(ctx, "2026-12-07")).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]);
    await Migration.run({ target: 1 });
    const [copy] = await readTogether([AgentTime.placeBusy(ctx.place, "2026-12-07", "2026-12-07")], { consistent: true });
    expect(copy.coverage.has(ctx.alice)).toBe(true);
    const day = (await agentTime(ctx.alice)).days.find((d) => d.day === "2026-12-07")!;
    expect(decodeCopy(copy.days.get(ctx.alice)!.get("2026-12-07")!).busy).toEqual(day.busy);
    expect(await slotTimes(ctx, "2026-12-07")).toEqual(["09:00", "10:00", "10:30", "11:00", "11:30"]);
  });
});
