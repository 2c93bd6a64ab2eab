import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dynamoRequestCount, recordDynamoCommands } from "../db/client";
import { Db } from "../db/service";
import * as DepartmentFile from "../department-file";
import { DomainError } from "../error";
import * as Slot from "../slot";
import { smallDepartment } from "../testing/department-fixture";
import * as Appointment from "./index";

const NOW = new Date("2026-12-01T08:00:00Z");

/** A département with `agents` identical agents at one place (ids prefixed), loaded in this file's table. */
/** each test's usagers have numbers of their own: limits per number (SMS a day) span the whole table */
let phoneBase = 0;

async function setup(options: { agents?: number; capacity?: number; extraMotif?: { durationMinutes: number } } = {}) {
  const p = `b${randomUUID().slice(0, 6)}`;
  const base = smallDepartment(p);
  const agentIds = Array.from({ length: options.agents ?? 1 }, (_, i) => `${p}-agent-${i}`);
  const file = smallDepartment(p, {
    agents: agentIds.map((id, i) => ({ id, email: `${id}@demo.rdv.local`, firstName: `Agent${i}`, lastName: "Test", organisationIds: [`${p}-mds-arras`], serviceIds: [`${p}-pmi`], role: "agent" as const })),
    motifs: [
      ...base.motifs!.map((m) => (m.collective ? { ...m, capacity: options.capacity ?? 6 } : m)),
      ...(options.extraMotif ? [{ ...base.motifs![0]!, id: `${p}-pesee`, name: "Pesée", durationMinutes: options.extraMotif.durationMinutes }] : []),
    ],
    openingRules: agentIds.map((agentId, i) => ({
      id: `${p}-rule-${i}`, agentId, placeId: `${p}-place-arras`, motifIds: [`${p}-consult`, `${p}-atelier`, ...(options.extraMotif ? [`${p}-pesee`] : [])],
      firstDay: "2026-12-07", until: "2027-03-31", start: "09:00", end: "12:00", recurrence: { everyWeeks: 1, weekdays: ["mon", "thu"] as const },
    })) as never,
    absences: [],
    appointments: [
      { id: `${p}-session`, motifId: `${p}-atelier`, placeId: `${p}-place-arras`, agentIds: [agentIds[0]!], start: "2026-12-10T10:00", status: "booked",
        serviceUsers: [{ id: `${p}-first`, firstName: "Inès", lastName: "Premier", phone: "0611111111" }] },
    ],
  });
  await DepartmentFile.load(file);
  phoneBase += 1000;
  return { p, agentIds, motifId: `${p}-consult`, placeId: `${p}-place-arras`, atelierId: `${p}-atelier`, phoneBase };
}

/** n written in letters (a, b, … z, ba, bb…): names typed by the public carry no digits */
function letters(n: number): string {
  return n.toString(26).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)));
}

function bookingBody(ctx: { motifId: string; placeId: string; phoneBase: number }, startsAt: string, n = 0) {
  return {
    motifId: ctx.motifId,
    placeId: ctx.placeId,
    startsAt,
    serviceUser: { firstName: `Prénom ${letters(n)}`, lastName: `Nom ${letters(n)}`, phone: `06${String(10_000_000 + ctx.phoneBase + n).padStart(8, "0")}` },
  };
}

async function outcome<T>(promise: Promise<T>): Promise<T | string> {
  return promise.catch((error: unknown) => {
    if (error instanceof DomainError) return error.code;
    throw error;
  });
}

describe("booking on DynamoDB Local", () => {
  it("100 concurrent requests for a slot with one free agent: exactly one success, 99 conflicts", async () => {
    const ctx = await setup({ agents: 1 });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, n) => outcome(Appointment.book(bookingBody(ctx, "2026-12-07T10:00:00+01:00", n), { idempotencyKey: `k-${ctx.p}-${n}`, now: NOW }))),
    );
    expect(results.filter((r) => typeof r === "object")).toHaveLength(1);
    expect(results.filter((r) => r === "appointment.slot_taken")).toHaveLength(99);
    const day = (await Db.entities.agentDay.get({ agentId: ctx.agentIds[0]!, day: "2026-12-07" }).go()).data!;
    expect(day.busy.map((b) => b.start)).toEqual(["2026-12-07T09:00:00.000Z"]);
  }, 120_000);

  it("with 3 free agents, 100 concurrent requests for one slot give exactly 3 bookings, one per agent", async () => {
    const ctx = await setup({ agents: 3 });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, n) => outcome(Appointment.book(bookingBody(ctx, "2026-12-07T11:00:00+01:00", n), { idempotencyKey: `k-${ctx.p}-${n}`, now: NOW }))),
    );
    const booked = results.filter((r): r is Appointment.Booked => typeof r === "object");
    expect(booked).toHaveLength(3);
    expect(results.filter((r) => r === "appointment.slot_taken")).toHaveLength(97);
    const agents = await Promise.all(booked.map(async (b) => (await Db.entities.appointment.get({ appointmentId: b.id }).go()).data!.agentIds));
    expect(agents.flat().sort()).toEqual([...ctx.agentIds].sort());
  }, 120_000);

  it("concurrent bookings of different slots of one agent's day all succeed", async () => {
    const ctx = await setup({ agents: 1 });
    const starts = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"].map((t) => `2026-12-17T${t}:00+01:00`);
    const results = await Promise.all(
      starts.map((startsAt, n) => Appointment.book(bookingBody(ctx, startsAt, n), { idempotencyKey: `k-${ctx.p}-${n}`, now: NOW })),
    );
    expect(results.map((r) => r.startsAt)).toEqual(starts);
    const day = (await Db.entities.agentDay.get({ agentId: ctx.agentIds[0]!, day: "2026-12-17" }).go()).data!;
    expect(day.busy).toHaveLength(6);
    expect(await Slot.list({ motif: ctx.motifId, place: ctx.placeId, from: "2026-12-17", to: "2026-12-17" }, NOW)).toEqual([]);
  }, 60_000);

  it("a collective session of capacity 6 with one seat taken accepts exactly 5 of 50 concurrent requests", async () => {
    const ctx = await setup({ agents: 1, capacity: 6 });
    const body = (n: number) => ({ ...bookingBody(ctx, "2026-12-10T10:00:00+01:00", n), motifId: ctx.atelierId });
    const sessions = await Appointment.listSessions({ motif: ctx.atelierId, place: ctx.placeId, from: "2026-12-01", to: "2026-12-31" }, NOW);
    expect(sessions).toEqual([{ id: `${ctx.p}-session`, startsAt: "2026-12-10T10:00:00+01:00", endsAt: "2026-12-10T11:30:00+01:00", capacity: 6, seatsLeft: 5 }]);
    const results = await Promise.all(Array.from({ length: 50 }, (_, n) => outcome(Appointment.book(body(n), { idempotencyKey: `k-${ctx.p}-${n}`, now: NOW }))));
    expect(results.filter((r) => typeof r === "object")).toHaveLength(5);
    expect(results.filter((r) => r === "appointment.session_full")).toHaveLength(45);
    const collection = (await Db.collections.appointment({ appointmentId: `${ctx.p}-session` }).go()).data;
    expect(collection.appointment[0]!.seatsTaken).toBe(6);
    expect(collection.participation).toHaveLength(6);
    expect(await Appointment.listSessions({ motif: ctx.atelierId, place: ctx.placeId, from: "2026-12-01", to: "2026-12-31" }, NOW)).toEqual([]);
  }, 120_000);

  it("a retried request with the same Idempotency-Key returns the first result; another body with it is a 422", async () => {
    const ctx = await setup();
    const key = `k-${ctx.p}`;
    const body = bookingBody(ctx, "2026-12-07T10:30:00+01:00");
    const [a, b] = await Promise.all([Appointment.book(body, { idempotencyKey: key, now: NOW }), Appointment.book(body, { idempotencyKey: key, now: NOW })]);
    const c = await Appointment.book(body, { idempotencyKey: key, now: NOW });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const other = await outcome(Appointment.book(bookingBody(ctx, "2026-12-07T11:00:00+01:00"), { idempotencyKey: key, now: NOW }));
    expect(other).toBe("idempotency.key_reused");
    const day = (await Db.entities.agentDay.get({ agentId: ctx.agentIds[0]!, day: "2026-12-07" }).go()).data!;
    expect(day.busy.map((i) => i.appointmentId)).toEqual([a.id]);
  });

  it("a slot lost to a neighbouring booking of another length a moment earlier is a 409 slot_taken, not a 400", async () => {
    const ctx = await setup({ extraMotif: { durationMinutes: 20 } });
    const pesee = (startsAt: string, n: number) => Appointment.book({ ...bookingBody(ctx, startsAt, n), motifId: `${ctx.p}-pesee` }, { idempotencyKey: `kp-${ctx.p}-${n}`, now: NOW });
    await pesee("2026-12-07T09:00:00+01:00", 1); // 9:00–9:20: consultations start 9:20, 9:50…
    const offered = (await Slot.list({ motif: ctx.motifId, place: ctx.placeId, from: "2026-12-07", to: "2026-12-07" }, NOW)).map((s) => s.startsAt);
    expect(offered.slice(0, 2)).toEqual(["2026-12-07T09:20:00+01:00", "2026-12-07T09:50:00+01:00"]);
    await pesee("2026-12-07T09:20:00+01:00", 2); // someone else, a moment before: 9:20–9:40, the grid now runs 9:40, 10:10…
    await expect(Appointment.book(bookingBody(ctx, "2026-12-07T09:50:00+01:00", 3), { idempotencyKey: `k3-${ctx.p}`, now: NOW })).rejects.toMatchObject({ code: "appointment.slot_taken" });
    // a time no grid ever offered stays a 400
    await expect(Appointment.book(bookingBody(ctx, "2026-12-07T09:55:00+01:00", 4), { idempotencyKey: `k4-${ctx.p}`, now: NOW })).rejects.toMatchObject({
      fields: { startsAt: "cet horaire ne correspond à aucun créneau proposé" },
    });
  });

  it("an usager's record and profile expire 2 years after their last appointment: a later booking moves it on, an earlier one does not", async () => {
    const ctx = await setup();
    const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    const twoYearsAfter = (endIso: string) => at(endIso.replace(/^(\d{4})/, (y) => String(Number(y) + 2)));
    const expiry = async (bookedId: string) => {
      const participation = (await Db.collections.appointment({ appointmentId: bookedId }).go()).data.participation[0]!;
      const user = (await Db.entities.serviceUser.get({ serviceUserId: participation.serviceUserId }).go()).data!;
      const profiles = (await Db.entities.userProfile.query.byServiceUser({ serviceUserId: participation.serviceUserId }).go()).data;
      return [user.expiresAt, ...profiles.map((p) => p.expiresAt)];
    };
    const later = await Appointment.book(bookingBody(ctx, "2026-12-17T10:00:00+01:00", 7), { idempotencyKey: `r1-${ctx.p}`, now: NOW });
    expect(await expiry(later.id)).toEqual([twoYearsAfter("2026-12-17T09:30:00Z"), twoYearsAfter("2026-12-17T09:30:00Z")]);
    const earlier = await Appointment.book(bookingBody(ctx, "2026-12-07T10:00:00+01:00", 7), { idempotencyKey: `r2-${ctx.p}`, now: NOW });
    expect(await expiry(earlier.id)).toEqual([twoYearsAfter("2026-12-17T09:30:00Z"), twoYearsAfter("2026-12-17T09:30:00Z")]);
    await Appointment.cancel(earlier.manageToken, NOW); // two upcoming per number and service
    const latest = await Appointment.book(bookingBody(ctx, "2027-01-18T10:00:00+01:00", 7), { idempotencyKey: `r3-${ctx.p}`, now: NOW });
    expect(await expiry(latest.id)).toEqual([twoYearsAfter("2027-01-18T09:30:00Z"), twoYearsAfter("2027-01-18T09:30:00Z")]);
  });

  it("finds the same usager again by phone and names, never attaches a relative sharing the phone to them", async () => {
    const ctx = await setup();
    const mum = bookingBody(ctx, "2026-12-07T09:00:00+01:00", 1);
    const first = await Appointment.book(mum, { idempotencyKey: `k1-${ctx.p}`, now: NOW });
    const again = await Appointment.book({ ...mum, startsAt: "2026-12-07T11:00:00+01:00", serviceUser: { ...mum.serviceUser, firstName: "PRÉNOM B" } }, { idempotencyKey: `k2-${ctx.p}`, now: NOW });
    await Appointment.cancel(first.manageToken, NOW); // two upcoming per number and service: one leaves room for the son
    const son = await Appointment.book({ ...mum, startsAt: "2026-12-07T11:30:00+01:00", serviceUser: { ...mum.serviceUser, firstName: "Fils" } }, { idempotencyKey: `k3-${ctx.p}`, now: NOW });
    const userOf = async (id: string) => (await Db.collections.appointment({ appointmentId: id }).go()).data.participation[0]!.serviceUserId;
    expect(await userOf(again.id)).toBe(await userOf(first.id));
    expect(await userOf(son.id)).not.toBe(await userOf(first.id));
  });

  it("refuses landlines online, times off the grid, and agent-only motifs", async () => {
    const ctx = await setup();
    const landline = { ...bookingBody(ctx, "2026-12-07T10:00:00+01:00"), serviceUser: { firstName: "A", lastName: "B", phone: "03 21 00 00 00" } };
    await expect(Appointment.book(landline, { idempotencyKey: `k1-${ctx.p}`, now: NOW })).rejects.toMatchObject({
      fields: { "serviceUser.phone": "un numéro de mobile est nécessaire pour recevoir le SMS de rappel" },
    });
    await expect(Appointment.book(bookingBody(ctx, "2026-12-07T10:10:00+01:00"), { idempotencyKey: `k2-${ctx.p}`, now: NOW })).rejects.toMatchObject({
      fields: { startsAt: "cet horaire ne correspond à aucun créneau proposé" },
    });
    await Db.entities.motif.patch({ motifId: ctx.motifId }).set({ online: false }).go();
    await expect(Appointment.book(bookingBody(ctx, "2026-12-07T10:00:00+01:00"), { idempotencyKey: `k3-${ctx.p}`, now: NOW })).rejects.toMatchObject({ code: "motif.not_found" });
  });

  it("the manage link shows, cancels (freeing the slot at once) within the cut-off", async () => {
    const ctx = await setup();
    const booked = await Appointment.book({ ...bookingBody(ctx, "2026-12-07T10:00:00+01:00"), relative: { firstName: "Léa", lastName: "Nom A" } }, { idempotencyKey: `k-${ctx.p}`, now: NOW });
    expect(booked.manageToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const view = await Appointment.fromToken(booked.manageToken, NOW);
    expect(view).toEqual({
      id: booked.id, status: "booked", startsAt: "2026-12-07T10:00:00+01:00", endsAt: "2026-12-07T10:30:00+01:00",
      service: "PMI", motif: { id: ctx.motifId, name: "Consultation nourrisson", locationType: "on_site", durationMinutes: 30 },
      place: { id: ctx.placeId, name: "MDS d'Arras", address: "1 rue de la Paix, 62000 Arras", phone: "+33321000000" },
      serviceUser: { firstName: "Prénom a" }, relative: { firstName: "Léa" }, collective: false,
      canCancel: true, canReschedule: true,
    });
    const slotsBefore = await Slot.list({ motif: ctx.motifId, place: ctx.placeId, from: "2026-12-07", to: "2026-12-07" }, NOW);
    expect(slotsBefore.map((s) => s.startsAt)).not.toContain("2026-12-07T10:00:00+01:00");

    // one hour before: past the 2-hour cancel cut-off
    const late = new Date("2026-12-07T08:00:00Z");
    await expect(Appointment.cancel(booked.manageToken, late)).rejects.toMatchObject({ code: "appointment.cancel_not_allowed" });
    const cancelled = await Appointment.cancel(booked.manageToken, NOW);
    expect(cancelled).toMatchObject({ status: "excused", canCancel: false, canReschedule: false });
    expect(await Appointment.cancel(booked.manageToken, NOW)).toEqual(cancelled); // idempotent
    const slotsAfter = await Slot.list({ motif: ctx.motifId, place: ctx.placeId, from: "2026-12-07", to: "2026-12-07" }, NOW);
    expect(slotsAfter.map((s) => s.startsAt)).toContain("2026-12-07T10:00:00+01:00");
  });

  it("an unknown or revoked token opens nothing", async () => {
    const ctx = await setup();
    const booked = await Appointment.book(bookingBody(ctx, "2026-12-07T10:00:00+01:00"), { idempotencyKey: `k-${ctx.p}`, now: NOW });
    await expect(Appointment.fromToken("A".repeat(24), NOW)).rejects.toMatchObject({ code: "appointment.not_found" });
    await expect(Appointment.fromToken("short", NOW)).rejects.toMatchObject({ code: "appointment.not_found" });
    const participation = (await Db.collections.appointment({ appointmentId: booked.id }).go()).data.participation[0]!;
    await Db.entities.participation.patch({ appointmentId: booked.id, participationId: participation.participationId }).set({ tokenVersion: 2, tokenHash: "revoked" }).go();
    await expect(Appointment.fromToken(booked.manageToken, NOW)).rejects.toMatchObject({ code: "appointment.not_found" });
  });

  it("reschedules atomically: the new time taken, the old one freed", async () => {
    const ctx = await setup();
    const booked = await Appointment.book(bookingBody(ctx, "2026-12-07T10:00:00+01:00"), { idempotencyKey: `k-${ctx.p}`, now: NOW });
    const moved = await Appointment.reschedule(booked.manageToken, { startsAt: "2026-12-10T11:30:00+01:00" }, NOW);
    expect(moved).toMatchObject({ id: booked.id, startsAt: "2026-12-10T11:30:00+01:00", endsAt: "2026-12-10T12:00:00+01:00", status: "booked" });
    const old = (await Db.entities.agentDay.get({ agentId: ctx.agentIds[0]!, day: "2026-12-07" }).go()).data!;
    const next = (await Db.entities.agentDay.get({ agentId: ctx.agentIds[0]!, day: "2026-12-10" }).go()).data!;
    expect(old.busy.map((b) => b.appointmentId)).not.toContain(booked.id);
    expect(next.busy.filter((b) => b.appointmentId === booked.id).map((b) => b.start)).toEqual(["2026-12-10T10:30:00.000Z"]);
    await expect(Appointment.reschedule(booked.manageToken, { startsAt: "2026-12-10T10:00:00+01:00" }, NOW)).rejects.toMatchObject({ code: "appointment.slot_taken" }); // the session's time
  });

  it("a reschedule racing a booking of the target slot leaves exactly one of them there", async () => {
    for (let round = 0; round < 3; round++) {
      const ctx = await setup();
      const booked = await Appointment.book(bookingBody(ctx, "2026-12-07T10:00:00+01:00"), { idempotencyKey: `k-${ctx.p}`, now: NOW });
      const target = "2026-12-07T11:30:00+01:00";
      const [moved, other] = await Promise.all([
        outcome(Appointment.reschedule(booked.manageToken, { startsAt: target }, NOW)),
        outcome(Appointment.book(bookingBody(ctx, target, 7), { idempotencyKey: `k2-${ctx.p}`, now: NOW })),
      ]);
      const winners = [moved, other].filter((r) => typeof r === "object");
      expect(winners).toHaveLength(1);
      const day = (await Db.entities.agentDay.get({ agentId: ctx.agentIds[0]!, day: "2026-12-07" }).go()).data!;
      const starts = day.busy.map((b) => b.start).sort();
      expect(new Set(starts).size).toBe(starts.length); // no overlap
      expect(starts).toContain("2026-12-07T10:30:00.000Z");
      const appointment = (await Db.entities.appointment.get({ appointmentId: booked.id }).go()).data!;
      expect(day.busy.find((b) => b.appointmentId === booked.id)?.start).toBe(appointment.startsAt);
    }
  }, 60_000);

  it("reads slots and next availability in a bounded number of requests, whatever the range and the bookings", async () => {
    const ctx = await setup({ agents: 2 });
    const count = async (fn: () => Promise<unknown>) => {
      const before = dynamoRequestCount();
      await fn();
      return dynamoRequestCount() - before;
    };
    await Slot.list({ motif: ctx.motifId, place: ctx.placeId, from: "2026-12-07", to: "2026-12-07" }, NOW); // warms the département cache
    const week = await count(() => Slot.list({ motif: ctx.motifId, place: ctx.placeId, from: "2026-12-07", to: "2026-12-13" }, NOW));
    const eightWeeks = await count(() => Slot.list({ motif: ctx.motifId, place: ctx.placeId, from: "2026-12-07", to: "2027-01-31" }, NOW));
    await Promise.all(
      ["2026-12-07", "2026-12-10", "2026-12-14", "2026-12-17", "2026-12-21"].flatMap((day, d) =>
        ["09:00", "09:30", "10:00", "10:30"].map((t, n) => Appointment.book(bookingBody(ctx, `${day}T${t}:00+01:00`, d * 10 + n), { idempotencyKey: `k-${ctx.p}-${d}-${n}`, now: NOW })),
      ),
    );
    const eightWeeksBooked = await count(() => Slot.list({ motif: ctx.motifId, place: ctx.placeId, from: "2026-12-07", to: "2027-01-31" }, NOW));
    expect([week, eightWeeks, eightWeeksBooked]).toEqual([week, week, week]);
    // one BatchGetItem (motif, place, and the place's copy of its agents' busy time over the range), the place's rules, the absences running
    expect(week).toBe(3);
    const places = await import("../availability");
    const next = await count(() => places.listForMotif({ motif: ctx.motifId, commune: "62041" }, NOW));
    // motif, commune; the organisation's places, rules and absences; one BatchGetItem of its places' copies over two weeks
    expect(next).toBe(6);
  }, 60_000);

  it("books in 8 requests: four reads at once, one transaction, then the SMS, the schedule and one write of both outcomes (and the webhook event's 2)", async () => {
    const ctx = await setup({ agents: 3 });
    await Appointment.book(bookingBody(ctx, "2026-12-07T09:00:00+01:00", 1), { idempotencyKey: `k-${ctx.p}-1`, now: NOW, client: "192.0.2.1" }); // warms the département's and services' copies
    const { commands } = await recordDynamoCommands(() =>
      Appointment.book(bookingBody(ctx, "2026-12-10T09:30:00+01:00", 2), { idempotencyKey: `k-${ctx.p}-2`, now: NOW, client: "192.0.2.1" }),
    );
    // reads: motif, place and the place's copy of its agents' days (one consistent BatchGetItem), the place's rules, the usager by phone, the absences running
    expect([...commands.slice(0, 4)].sort()).toEqual(["BatchGetItemCommand", "QueryCommand", "QueryCommand", "QueryCommand"]);
    expect(commands[4]).toBe("TransactWriteItemsCommand");
    // the local adapters keep the SMS (outbox) and the schedule in the table; on AWS they are SNS and Scheduler calls
    expect([...commands.slice(5, 7)].sort()).toEqual(["PutItemCommand", "PutItemCommand"]);
    // the SMS's and the schedule's outcomes (with the month's SMS count); then, locally only, the
    // outbox's delivery report (on AWS, SNS reports later through CloudWatch Logs: 8 requests)
    expect(commands.slice(7, 9)).toEqual(["TransactWriteItemsCommand", "TransactWriteItemsCommand"]);
    // the webhook event written in the booking's transaction: the organisation's subscriptions (none here), then the event removed
    expect(commands.slice(9)).toEqual(["QueryCommand", "DeleteItemCommand"]);
  });

  it("a search after a new agent joins the place reads that agent's time too (the agents read early are only a guess)", async () => {
    const ctx = await setup({ agents: 2 });
    const [first, second] = ctx.agentIds as [string, string];
    const rule = (await Db.entities.openingRule.get({ ruleId: `${ctx.p}-rule-1` }).go()).data!;
    await Db.entities.openingRule.delete({ ruleId: rule.ruleId }).go();
    const at = "2026-12-14T09:00:00+01:00";
    const hasSlot = async () => (await Slot.list({ motif: ctx.motifId, place: ctx.placeId, from: "2026-12-14", to: "2026-12-14" }, NOW)).some((s) => s.startsAt === at);
    await Appointment.book(bookingBody(ctx, at), { idempotencyKey: `k-${ctx.p}-a`, now: NOW }); // the only agent is busy then
    expect(await hasSlot()).toBe(false); // this search remembers [first]
    await Db.entities.absence.put({ agentId: second, absenceId: `${ctx.p}-abs`, start: "2026-12-14T08:30", end: "2026-12-14T09:30" }).go();
    await Db.entities.openingRule.put(rule).go(); // the second agent offers the motif again, but is away at 9:00
    expect(await hasSlot()).toBe(false);
    await Db.entities.absence.delete({ agentId: second, absenceId: `${ctx.p}-abs` }).go();
    expect(await hasSlot()).toBe(true);
    expect((await Slot.list({ motif: ctx.motifId, place: ctx.placeId, from: "2026-12-14", to: "2026-12-14" }, NOW)).find((s) => s.startsAt === at)?.agentIds).toEqual([second]);
    expect(first).not.toBe(second);
  });

  it("an agent's absences and appointments read in one query still take their time off the slots", async () => {
    const ctx = await setup({ agents: 1 });
    const agentId = ctx.agentIds[0]!;
    const starts = async (from: string, to: string) => (await Slot.list({ motif: ctx.motifId, place: ctx.placeId, from, to }, NOW)).map((s) => s.startsAt);
    // Monday 14 and Thursday 17 December, 9:00–12:00 every week; a later booking lies beyond the range read
    await Appointment.book(bookingBody(ctx, "2026-12-14T09:00:00+01:00"), { idempotencyKey: `k-${ctx.p}-a`, now: NOW });
    await Appointment.book(bookingBody(ctx, "2027-01-14T09:00:00+01:00", 1), { idempotencyKey: `k-${ctx.p}-b`, now: NOW });
    await Db.entities.absence.put([
      { agentId, absenceId: `${ctx.p}-formation`, start: "2026-12-17T00:00", end: "2026-12-18T00:00" },
      { agentId, absenceId: `${ctx.p}-reunion`, start: "2026-12-14T11:00", end: "2026-12-14T12:00", recurrence: { everyWeeks: 1, weekdays: ["mon"] }, until: "2027-03-31" },
    ]).go();
    const week = await starts("2026-12-14", "2026-12-20");
    expect(week.some((s) => s.startsWith("2026-12-14T09:00"))).toBe(false); // booked
    expect(week.some((s) => s.startsWith("2026-12-14T11:"))).toBe(false); // weekly meeting
    expect(week.some((s) => s.startsWith("2026-12-17"))).toBe(false); // training day
    expect(week.some((s) => s.startsWith("2026-12-14T10:00"))).toBe(true);
    expect((await starts("2026-12-21", "2026-12-21")).some((s) => s.startsWith("2026-12-21T11:"))).toBe(false); // the meeting recurs
    expect((await starts("2027-01-14", "2027-01-14")).some((s) => s.startsWith("2027-01-14T09:00"))).toBe(false);
  });

  it("lists each place with its next slot, also when it is beyond the first two weeks read", async () => {
    const p = `pl${randomUUID().slice(0, 6)}`;
    await DepartmentFile.load(smallDepartment(p, { appointments: [] }));
    const places = await import("../availability");
    const near = await places.listForMotif({ motif: `${p}-social-phone`, commune: "62498" }, NOW);
    expect(near.map((x) => [x.id, x.nextSlot?.startsAt])).toEqual([[`${p}-place-lens`, "2026-12-08T13:30:00+01:00"]]);
    await Db.entities.openingRule.patch({ ruleId: `${p}-rule-bruno` }).set({ firstDay: "2026-12-22" }).go();
    const far = await places.listForMotif({ motif: `${p}-social-phone`, commune: "62498" }, NOW);
    expect(far).toEqual([{ id: `${p}-place-lens`, name: "MDS de Lens", phone: undefined, address: undefined, nextSlot: { startsAt: "2026-12-22T13:30:00+01:00", endsAt: "2026-12-22T13:50:00+01:00" } }]);
    await expect(places.listForMotif({ motif: `${p}-social-phone`, commune: "62041" }, NOW)).resolves.toHaveLength(1); // Arras is served by both MDS
    await expect(places.listForMotif({ motif: `${p}-social-phone`, commune: "62065" }, NOW)).rejects.toMatchObject({ code: "motif.not_found" });
  });

  it("no-show appointments keep their time taken; excused and revoked ones free it", async () => {
    const p = `st${randomUUID().slice(0, 6)}`;
    const user = (n: string) => [{ id: `${p}-u${n}`, firstName: "U", lastName: n, phone: "0611111111" }];
    const base = smallDepartment(p);
    await DepartmentFile.load({
      ...base,
      absences: [],
      appointments: [
        { id: `${p}-noshow`, motifId: `${p}-consult`, placeId: `${p}-place-arras`, agentIds: [`${p}-alice`], start: "2026-12-07T09:00", status: "noshow", serviceUsers: user("1") },
        { id: `${p}-excused`, motifId: `${p}-consult`, placeId: `${p}-place-arras`, agentIds: [`${p}-alice`], start: "2026-12-07T09:30", status: "excused", serviceUsers: user("2") },
        { id: `${p}-revoked`, motifId: `${p}-consult`, placeId: `${p}-place-arras`, agentIds: [`${p}-alice`], start: "2026-12-07T10:00", status: "revoked", serviceUsers: user("3") },
        { id: `${p}-seen`, motifId: `${p}-consult`, placeId: `${p}-place-arras`, agentIds: [`${p}-alice`], start: "2026-12-07T10:30", status: "seen", serviceUsers: user("4") },
      ],
    });
    const slots = await Slot.list({ motif: `${p}-consult`, place: `${p}-place-arras`, from: "2026-12-07", to: "2026-12-07" }, NOW, { bookingWindow: false });
    expect(slots.map((s) => s.startsAt)).toEqual(["2026-12-07T09:30:00+01:00", "2026-12-07T10:00:00+01:00", "2026-12-07T11:00:00+01:00", "2026-12-07T11:30:00+01:00"]);
  });
});
