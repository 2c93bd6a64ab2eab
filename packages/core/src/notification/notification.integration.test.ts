import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Appointment from "../appointment";
import { Db } from "../db/service";
import * as DepartmentFile from "../department-file";
import * as ManageToken from "../manage-token";
import * as Outbox from "../outbox";
import * as Reminder from "../reminder";
import * as LocalScheduler from "../reminder/local";
import * as Sms from "../sms";
import { smallDepartment } from "../testing/department-fixture";
import * as Notification from "./index";

const NOW = new Date("2026-12-01T08:00:00Z");

async function setup() {
  const p = `n${randomUUID().slice(0, 6)}`;
  await DepartmentFile.load(smallDepartment(p, { appointments: [], absences: [] }));
  return { p, motifId: `${p}-consult`, placeId: `${p}-place-arras` };
}

// These tests book one usager (one number) many times to watch their messages; the limits per
// number are tested in functions/src/public-limits.integration.test.ts.
beforeAll(() => {
  process.env.RDV_LIMITS_SCALE = "1000";
});
afterAll(() => {
  delete process.env.RDV_LIMITS_SCALE;
});

const body = (ctx: { motifId: string; placeId: string }, startsAt: string, phone = "0612345678") => ({
  motifId: ctx.motifId,
  placeId: ctx.placeId,
  startsAt,
  serviceUser: { firstName: "Chloé", lastName: "Dubois", phone },
});

async function outboxOf(appointmentId: string) {
  return (await Outbox.list({ limit: 500 })).filter((m) => m.appointmentId === appointmentId).reverse();
}

async function scheduleOf(appointmentId: string) {
  return (await LocalScheduler.all()).filter((s) => s.appointmentId === appointmentId);
}

afterEach(() => {
  Sms.use(undefined);
  Reminder.use(undefined);
});

describe("notifications with the local adapters", () => {
  it("a booking sends one confirmation and creates one schedule at the reminder moment", async () => {
    const ctx = await setup();
    const booked = await Appointment.book(body(ctx, "2026-12-17T10:00:00+01:00"), { idempotencyKey: `k-${ctx.p}`, now: NOW });
    const link = `https://rdv.example.fr/rdv/${booked.manageToken}`;
    expect(await outboxOf(booked.id)).toEqual([
      { channel: "sms", to: "+33612345678", text: `[TEST] RDV PMI confirmé le jeudi 17 décembre à 10h00, MDS d'Arras. Pour annuler ou déplacer : ${link}`, at: expect.any(String), appointmentId: booked.id },
    ]);
    expect(await scheduleOf(booked.id)).toEqual([{ name: `rdv-${booked.id}`, appointmentId: booked.id, at: "2026-12-15T09:00:00.000Z" }]);
    const receipts = await Notification.listReceipts(booked.id);
    expect(receipts.map((r) => [r.kind, r.status, r.attempts])).toEqual([["confirmation", "delivered", 1]]);
    const appointment = (await Db.entities.appointment.get({ appointmentId: booked.id }).go()).data!;
    expect(appointment).toMatchObject({ scheduleStatus: "synced", reminderAt: "2026-12-15T09:00:00.000Z" });
    expect(appointment.workQueue).toBeUndefined();
  });

  it("schedules across a DST change at the wall-clock moment", async () => {
    const ctx = await setup();
    const now = new Date("2027-03-01T08:00:00Z");
    await Db.entities.openingRule.patch({ ruleId: `${ctx.p}-rule-alice` }).set({ until: "2027-06-30" }).go();
    await Db.entities.motif.patch({ motifId: ctx.motifId }).set({ reminderLeadHours: 120 }).go(); // five days
    // Thursday 1 April 2027 10:00 CEST; five days before is Saturday 27 March 10:00 CET (09:00 UTC), before the change
    const booked = await Appointment.book(body(ctx, "2027-04-01T10:00:00+02:00"), { idempotencyKey: `k-${ctx.p}`, now });
    expect(await scheduleOf(booked.id)).toEqual([{ name: `rdv-${booked.id}`, appointmentId: booked.id, at: "2027-03-27T09:00:00.000Z" }]);
  });

  it("a reschedule sends an SMS and moves the schedule; a cancellation sends one, deletes it, and no reminder goes", async () => {
    const ctx = await setup();
    const booked = await Appointment.book(body(ctx, "2026-12-17T10:00:00+01:00"), { idempotencyKey: `k-${ctx.p}`, now: NOW });
    const firstSchedule = (await scheduleOf(booked.id))[0]!;
    await Appointment.reschedule(booked.manageToken, { startsAt: "2026-12-14T11:00:00+01:00" }, NOW);
    expect(await scheduleOf(booked.id)).toEqual([{ name: `rdv-${booked.id}`, appointmentId: booked.id, at: "2026-12-12T10:00:00.000Z" }]);
    await Appointment.cancel(booked.manageToken, NOW);
    expect(await scheduleOf(booked.id)).toEqual([]);
    // a late delivery of a schedule fires into a cancelled appointment: nothing is sent
    expect(await Notification.fireReminder({ appointmentId: booked.id, at: firstSchedule.at }, new Date("2026-12-08T09:00:00Z"))).toEqual({ sent: 0, skipped: 0 });
    const texts = (await outboxOf(booked.id)).map((m) => m.text.split(" : ")[0]);
    expect(texts).toEqual([
      "[TEST] RDV PMI confirmé le jeudi 17 décembre à 10h00, MDS d'Arras. Pour annuler ou déplacer",
      "[TEST] Votre RDV PMI est déplacé au lundi 14 décembre à 11h00, MDS d'Arras. Pour annuler ou déplacer",
      "[TEST] Votre RDV PMI du lundi 14 décembre à 11h00 est bien annulé. Pour reprendre RDV",
    ]);
  });

  it("a schedule delivered twice, even at once, sends one reminder; a moved appointment's old schedule sends none", async () => {
    const ctx = await setup();
    const booked = await Appointment.book(body(ctx, "2026-12-17T10:00:00+01:00"), { idempotencyKey: `k-${ctx.p}`, now: NOW });
    const schedule = (await scheduleOf(booked.id))[0]!;
    const fireAt = new Date(schedule.at);
    const results = await Promise.all([
      Notification.fireReminder({ appointmentId: booked.id, at: schedule.at }, fireAt),
      Notification.fireReminder({ appointmentId: booked.id, at: schedule.at }, fireAt),
    ]);
    const again = await Notification.fireReminder({ appointmentId: booked.id, at: schedule.at }, fireAt);
    expect(results.map((r) => r.sent).sort()).toEqual([0, 1]);
    expect(again).toEqual({ sent: 0, skipped: 1 });
    const reminders = (await outboxOf(booked.id)).filter((m) => m.text.includes("Rappel"));
    expect(reminders.map((m) => m.text)).toEqual([`[TEST] Rappel : RDV PMI le jeudi 17 décembre à 10h00, MDS d'Arras. Pour annuler ou déplacer : https://rdv.example.fr/rdv/${booked.manageToken}`]);
    expect(await Notification.fireReminder({ appointmentId: booked.id, at: "2026-12-07T09:00:00.000Z" }, fireAt)).toEqual({ sent: 0, skipped: 0 });
  });

  it("a failing SMS provider leaves the booking intact; the reconciler sends it later", async () => {
    const ctx = await setup();
    let calls = 0;
    Sms.use({ send: async () => { calls++; throw Object.assign(new Error("provider down"), { name: "InternalErrorException" }); } });
    const booked = await Appointment.book(body(ctx, "2026-12-17T10:00:00+01:00"), { idempotencyKey: `k-${ctx.p}`, now: NOW });
    expect(calls).toBe(3); // retried with backoff in the request
    expect((await Appointment.fromToken(booked.manageToken, NOW)).status).toBe("booked");
    expect((await Notification.listReceipts(booked.id)).map((r) => [r.status, r.lastError])).toEqual([["failed", "InternalErrorException"]]);
    expect(await outboxOf(booked.id)).toEqual([]);

    Sms.use(undefined); // the provider is back
    const early = await Notification.reconcile(new Date(NOW.getTime() + 30_000));
    expect(early.delivered).toBe(0); // not due yet (backoff)
    const later = await Notification.reconcile(new Date(NOW.getTime() + 5 * 60_000));
    expect(later.delivered).toBeGreaterThanOrEqual(1);
    expect((await Notification.listReceipts(booked.id)).map((r) => r.status)).toEqual(["delivered"]);
    expect((await outboxOf(booked.id)).map((m) => m.text.slice(0, 20))).toEqual(["[TEST] RDV PMI confi"]);
  });

  it("an SMS refused as invalid fails at once and is never tried again; a throttled one is retried, then sent", async () => {
    const ctx = await setup();
    const calls: Record<string, number> = {};
    const failing = (name: string, httpStatusCode: number): Sms.Sms => ({
      send: async (message) => {
        calls[message.appointmentId!] = (calls[message.appointmentId!] ?? 0) + 1;
        throw Object.assign(new Error("refused"), { name, $metadata: { httpStatusCode } });
      },
    });
    const receiptsOf = async (appointmentId: string) =>
      (await Db.entities.receipt.query.primary({ appointmentId }).go()).data.map((r) => [r.kind, r.status, r.lastError, r.attempts, r.workQueue]);

    Sms.use(failing("InvalidParameterException", 400)); // SNS's answer to an invalid phone number
    const invalid = await Appointment.book(body(ctx, "2026-12-17T10:00:00+01:00"), { idempotencyKey: `k1-${ctx.p}`, now: NOW });
    expect(calls[invalid.id]).toBe(1); // no retry within the request
    expect(await receiptsOf(invalid.id)).toEqual([["confirmation", "failed", "InvalidParameterException", 1, undefined]]);
    Sms.use(undefined); // even with a provider that would now accept it, nothing tries it again
    await Notification.reconcile(new Date(NOW.getTime() + 2 * 3600_000));
    await Notification.afterChange(invalid.id, new Date(NOW.getTime() + 2 * 3600_000));
    const [receipt] = await Notification.listReceipts(invalid.id);
    expect(await Notification.deliver(invalid.id, receipt!.receiptId, NOW)).toBe("skipped");
    expect(await receiptsOf(invalid.id)).toEqual([["confirmation", "failed", "InvalidParameterException", 1, undefined]]);
    expect(await outboxOf(invalid.id)).toEqual([]);

    Sms.use(failing("ThrottledException", 400)); // SNS's answer to too many requests
    const throttled = await Appointment.book(body(ctx, "2026-12-17T11:00:00+01:00"), { idempotencyKey: `k2-${ctx.p}`, now: NOW });
    expect(calls[throttled.id]).toBe(3); // retried with backoff within the request
    expect(await receiptsOf(throttled.id)).toEqual([["confirmation", "failed", "ThrottledException", 1, "work"]]);
    Sms.use(undefined);
    await Notification.reconcile(new Date(NOW.getTime() + 5 * 60_000));
    expect((await receiptsOf(throttled.id)).map(([kind, status, , attempts]) => [kind, status, attempts])).toEqual([["confirmation", "delivered", 2]]);
    expect((await outboxOf(throttled.id)).map((m) => m.text.slice(0, 20))).toEqual(["[TEST] RDV PMI confi"]);
  });

  it("a schedule refused as invalid leaves the work queue at once; the appointment's next change syncs it", async () => {
    const ctx = await setup();
    let upserts = 0;
    Reminder.use({
      upsert: async () => {
        upserts++;
        throw Object.assign(new Error("invalid expression"), { name: "ValidationException", $metadata: { httpStatusCode: 400 } });
      },
      remove: async () => undefined,
    });
    const booked = await Appointment.book(body(ctx, "2026-12-17T10:00:00+01:00"), { idempotencyKey: `k-${ctx.p}`, now: NOW });
    expect(upserts).toBe(1);
    const appointment = (await Db.entities.appointment.get({ appointmentId: booked.id }).go()).data!;
    expect([appointment.scheduleStatus, appointment.workQueue]).toEqual(["pending", undefined]);
    await Notification.reconcile(new Date(NOW.getTime() + 2 * 60_000));
    expect(upserts).toBe(1);
    Reminder.use(undefined);
    await Appointment.reschedule(booked.manageToken, { startsAt: "2026-12-14T11:00:00+01:00" }, NOW);
    expect(await scheduleOf(booked.id)).toEqual([{ name: `rdv-${booked.id}`, appointmentId: booked.id, at: "2026-12-12T10:00:00.000Z" }]);
  });

  it("a failing scheduler leaves the schedule pending; the reconciler creates it", async () => {
    const ctx = await setup();
    Reminder.use({ upsert: async () => { throw Object.assign(new Error("throttled"), { name: "ThrottlingException" }); }, remove: async () => undefined });
    const booked = await Appointment.book(body(ctx, "2026-12-17T10:00:00+01:00"), { idempotencyKey: `k-${ctx.p}`, now: NOW });
    expect((await Db.entities.appointment.get({ appointmentId: booked.id }).go()).data).toMatchObject({ scheduleStatus: "pending", workQueue: "work" });
    expect(await scheduleOf(booked.id)).toEqual([]);
    Reminder.use(undefined);
    await Notification.reconcile(new Date(NOW.getTime() + 2 * 60_000));
    expect(await scheduleOf(booked.id)).toEqual([{ name: `rdv-${booked.id}`, appointmentId: booked.id, at: "2026-12-15T09:00:00.000Z" }]);
    expect((await Db.entities.appointment.get({ appointmentId: booked.id }).go()).data).toMatchObject({ scheduleStatus: "synced" });
  });

  it("the reconciler drains a backlog page by page and stops at its deadline, leaving the rest queued", async () => {
    const ctx = await setup();
    Reminder.use({ upsert: async () => { throw Object.assign(new Error("throttled"), { name: "ThrottlingException" }); }, remove: async () => undefined });
    const starts = ["2026-12-17T09:00:00+01:00", "2026-12-17T09:30:00+01:00", "2026-12-17T10:00:00+01:00", "2026-12-17T10:30:00+01:00", "2026-12-17T11:00:00+01:00"];
    const booked = [];
    for (const [i, start] of starts.entries()) booked.push(await Appointment.book(body(ctx, start), { idempotencyKey: `k-${ctx.p}-${i}`, now: NOW }));
    Reminder.use(undefined);
    const later = new Date(NOW.getTime() + 2 * 60_000);
    expect(await Notification.reconcile(later, { deadline: Date.now() - 1, pageSize: 2 })).toMatchObject({ synced: 0, complete: false });
    for (const b of booked) expect(await scheduleOf(b.id)).toEqual([]);
    const pass = await Notification.reconcile(later, { pageSize: 2 });
    expect(pass).toMatchObject({ complete: true });
    for (const b of booked) expect(await scheduleOf(b.id)).toHaveLength(1);
    expect(pass.synced).toBeGreaterThanOrEqual(5); // other tests' pending work in this table may be synced too
  });

  it("no SMS for a motif not notified, with the reason shown; no reminder when the moment has passed", async () => {
    const ctx = await setup();
    await Db.entities.motif.patch({ motifId: ctx.motifId }).set({ notification: "none" }).go();
    const silent = await Appointment.book(body(ctx, "2026-12-17T10:00:00+01:00"), { idempotencyKey: `k1-${ctx.p}`, now: NOW });
    expect(await outboxOf(silent.id)).toEqual([]);
    const participation = (await Db.collections.appointment({ appointmentId: silent.id }).go()).data.participation[0]!;
    expect(participation.noSmsReason).toBe("motif_not_notified");
    await Db.entities.motif.patch({ motifId: ctx.motifId }).set({ notification: "normal" }).go();
    const soon = await Appointment.book(body(ctx, "2026-12-07T10:00:00+01:00"), { idempotencyKey: `k2-${ctx.p}`, now: new Date("2026-12-06T10:00:00Z") });
    expect(await scheduleOf(soon.id)).toEqual([]);
    expect((await Db.entities.appointment.get({ appointmentId: soon.id }).go()).data).toMatchObject({ reminderNote: "moment_passed" });
    expect((await outboxOf(soon.id)).map((m) => m.text.slice(0, 14))).toEqual(["[TEST] RDV PMI"]);
  });

  it("anonymises receipt contents six months after sending", async () => {
    const ctx = await setup();
    const booked = await Appointment.book(body(ctx, "2026-12-17T10:00:00+01:00"), { idempotencyKey: `k-${ctx.p}`, now: NOW });
    await Notification.reconcile(new Date("2027-05-01T00:00:00Z"));
    expect((await Notification.listReceipts(booked.id))[0]).toMatchObject({ status: "delivered", to: "+33612345678" });
    await Notification.reconcile(new Date("2027-06-02T00:00:00Z"));
    const [receipt] = await Notification.listReceipts(booked.id);
    expect(receipt).toMatchObject({ status: "anonymised", kind: "confirmation" });
    expect(receipt!.to).toBeUndefined();
    expect(receipt!.text).toBeUndefined();
  });

  it("imported appointments to come get their reminder schedule from the reconciler", async () => {
    const p = `i${randomUUID().slice(0, 6)}`;
    await DepartmentFile.load(smallDepartment(p));
    await Notification.reconcile(NOW);
    const schedules = await scheduleOf(`${p}-rdv-1`);
    expect(schedules).toEqual([{ name: `rdv-${p}-rdv-1`, appointmentId: `${p}-rdv-1`, at: "2026-12-05T08:30:00.000Z" }]);
    // its reminder goes out at that moment with a link that opens this very participation
    expect(await Notification.fireReminder({ appointmentId: `${p}-rdv-1`, at: schedules[0]!.at }, new Date(schedules[0]!.at))).toEqual({ sent: 1, skipped: 0 });
    const [reminder] = (await outboxOf(`${p}-rdv-1`)).filter((m) => m.text.includes("Rappel"));
    const token = /\/rdv\/([\w-]{24})$/.exec(reminder!.text)![1]!;
    expect(token).toBe(ManageToken.derive(`${p}-rdv-1.${p}-usager-1`, 1));
    expect(await Appointment.fromToken(token, NOW)).toMatchObject({ id: `${p}-rdv-1`, serviceUser: { firstName: "Chloé" }, relative: { firstName: "Léo" } });
  });
});
