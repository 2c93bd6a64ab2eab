import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as Appointment from "../appointment";
import * as Configuration from "../configuration";
import type { AgentContext } from "../session";
import { dynamoRequestCount } from "../db/client";
import { Db } from "../db/service";
import * as DepartmentFile from "../department-file";
import { DomainError } from "../error";
import * as Notification from "../notification";
import * as Outbox from "../outbox";
import { smallDepartment } from "../testing/department-fixture";
import * as Waitlist from "./index";

const NOW = new Date("2026-12-01T08:00:00Z"); // 09:00 in Paris, a Tuesday
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

let numbers = 0;
/** a mobile number of this file's own (limits per number span the table) */
const phone = () => `06${String(50_000_000 + ++numbers).padStart(8, "0")}`;
const e164 = (national: string) => `+33${national.slice(1)}`;

async function setup(options: { keepAbsence?: boolean } = {}) {
  const p = `w${randomUUID().slice(0, 6)}`;
  await DepartmentFile.load(smallDepartment(p, { appointments: [], ...(options.keepAbsence ? {} : { absences: [] }) }));
  return { p, motifId: `${p}-consult`, placeId: `${p}-place-arras`, agentId: `${p}-alice` };
}
type Ctx = Awaited<ReturnType<typeof setup>>;

const joinBody = (ctx: Ctx, number: string, extra: Record<string, unknown> = {}) => ({
  motifId: ctx.motifId, placeId: ctx.placeId, commune: "62041", serviceUser: { firstName: "Zoé", lastName: "Attente", phone: number }, ...extra,
});

function book(ctx: Ctx, startsAt: string, number = phone(), now = NOW) {
  return Appointment.book(
    { motifId: ctx.motifId, placeId: ctx.placeId, startsAt, serviceUser: { firstName: "Paul", lastName: "Tôt", phone: number } },
    { idempotencyKey: `k-${randomUUID()}`, now },
  );
}

async function outcome<T>(promise: Promise<T>): Promise<T | string> {
  return promise.catch((error: unknown) => {
    if (error instanceof DomainError) return error.code;
    throw error;
  });
}

async function smsTo(number: string) {
  return (await Outbox.list({ limit: 500 })).filter((m) => m.to === e164(number)).reverse();
}

const offerTokenIn = (text: string) => /creneau-libere\/([A-Za-z0-9_-]{24})/.exec(text)?.[1] ?? "";

describe("joining the waitlist", () => {
  it("refuses bad input with the field named, and writes nothing", async () => {
    const ctx = await setup();
    const codes = async (body: unknown) => outcome(Waitlist.join(body, { now: NOW })).then((r) => (r instanceof DomainError ? r : r));
    const fields = async (body: unknown) => {
      try {
        await Waitlist.join(body, { now: NOW });
        return null;
      } catch (error) {
        return (error as DomainError).fields;
      }
    };
    expect(await fields(joinBody(ctx, "0123"))).toEqual({ "serviceUser.phone": "numéro de téléphone invalide" });
    expect(await fields(joinBody(ctx, "03 21 00 00 00"))).toEqual({ "serviceUser.phone": "un numéro de mobile est nécessaire pour recevoir le SMS" });
    expect(await fields(joinBody(ctx, phone(), { commune: "62498" }))).toEqual({ commune: "ce motif n'est pas proposé aux habitants de cette commune" });
    expect(await fields(joinBody(ctx, phone(), { latestDate: "2026-11-30" }))).toEqual({ latestDate: "cette date est déjà passée" });
    expect(await fields(joinBody(ctx, phone(), { placeId: `${ctx.p}-place-lens` }))).toEqual({ placeId: "ce lieu ne propose pas ce motif" });
    expect(await fields({ ...joinBody(ctx, phone()), serviceUser: { firstName: "Appelez le 0899", lastName: "X", phone: phone() } })).toHaveProperty(["serviceUser.firstName"]);
    expect(typeof (await codes(joinBody(ctx, phone())))).toBe("object");
    const waiting = await Db.entities.waitlistEntry.query.waiting({ waitingFor: `${ctx.motifId}#${ctx.placeId}` }).go();
    expect(waiting.data).toHaveLength(1);
  });

  it("a number holds at most 3 open entries, however many requests race; leaving frees one", async () => {
    const ctx = await setup();
    const number = phone();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => outcome(Waitlist.join(joinBody(ctx, number), { now: at(i) }))));
    const joined = results.filter((r): r is Waitlist.Joined => typeof r === "object");
    expect(joined).toHaveLength(3);
    expect(results.filter((r) => r === "limit.waitlist_per_number")).toHaveLength(5);
    const view = await Waitlist.leave(joined[0]!.manageToken, NOW);
    expect(view.status).toBe("left");
    expect(await outcome(Waitlist.join(joinBody(ctx, number), { now: at(20) }))).toHaveProperty("manageToken");
    expect(await outcome(Waitlist.join(joinBody(ctx, number), { now: at(21) }))).toBe("limit.waitlist_per_number");
  }, 60_000);

  it("shows the entry from its link, and an unknown link is a 404", async () => {
    const ctx = await setup();
    const { id, manageToken } = await Waitlist.join(joinBody(ctx, phone(), { latestDate: "2026-12-20" }), { now: NOW });
    expect(await Waitlist.fromToken(manageToken, NOW)).toEqual({
      id, status: "waiting", service: "PMI", motif: { id: ctx.motifId, name: "Consultation nourrisson" }, place: { id: ctx.placeId, name: "MDS d'Arras" }, until: "2026-12-20",
    });
    expect((await Waitlist.fromToken(manageToken, new Date("2026-12-21T08:00:00Z"))).status).toBe("expired");
    expect(await outcome(Waitlist.fromToken("A".repeat(24), NOW))).toBe("waitlist.not_found");
    // 60 days at most
    const far = await Waitlist.join(joinBody(ctx, phone(), { latestDate: "2027-06-01", placeId: undefined }), { now: NOW });
    expect(await Waitlist.fromToken(far.manageToken, NOW)).toMatchObject({ until: "2027-01-30", place: null });
  });
});

describe("offering freed time", () => {
  it("a cancellation offers the slot by SMS to the 3 oldest waiting usagers it fits, once; the first to accept takes it, the others get a 409", async () => {
    const ctx = await setup();
    const booked = await book(ctx, "2026-12-07T09:00:00+01:00");
    const numbers = [phone(), phone(), phone(), phone(), phone()];
    // the oldest asked for a date before the slot: it does not fit
    await Waitlist.join(joinBody(ctx, numbers[0]!, { latestDate: "2026-12-05" }), { now: at(1) });
    for (let i = 1; i < 5; i++) await Waitlist.join(joinBody(ctx, numbers[i]!, i === 2 ? { placeId: undefined } : {}), { now: at(1 + i) });

    await Appointment.cancel(booked.manageToken, at(10));
    expect(await Waitlist.offerFreed(at(11))).toEqual({ freed: 1, offered: 3 });
    expect(await Waitlist.offerFreed(at(12))).toEqual({ freed: 0, offered: 0 });

    expect(await smsTo(numbers[0]!)).toEqual([]);
    expect(await smsTo(numbers[4]!)).toEqual([]);
    const texts = await Promise.all([1, 2, 3].map(async (i) => (await smsTo(numbers[i]!)).map((m) => m.text)));
    for (const [text] of texts) {
      expect(text).toBe(`[TEST] Créneau libéré : RDV PMI le lundi 7 décembre à 9h00, MDS d'Arras. Pour le prendre : https://rdv.example.fr/creneau-libere/${offerTokenIn(text!)}`);
    }
    expect(texts.map((t) => t.length)).toEqual([1, 1, 1]);
    const tokens = texts.map(([text]) => offerTokenIn(text!));
    expect(await Waitlist.showOffer(tokens[0]!, at(20))).toEqual({
      startsAt: "2026-12-07T09:00:00+01:00", endsAt: "2026-12-07T09:30:00+01:00",
      place: { id: ctx.placeId, name: "MDS d'Arras", address: "1 rue de la Paix, 62000 Arras" },
      motif: { id: ctx.motifId, name: "Consultation nourrisson", locationType: "on_site" }, service: "PMI", available: true, moves: false,
    });

    const results = await Promise.all(tokens.map((token) => outcome(Waitlist.acceptOffer(token, { now: at(30) }))));
    const winners = results.filter((r): r is Appointment.Booked => typeof r === "object");
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ startsAt: "2026-12-07T09:00:00+01:00", endsAt: "2026-12-07T09:30:00+01:00" });
    expect(results.filter((r) => r === "waitlist.offer_taken")).toHaveLength(2);
    const day = (await Db.entities.agentDay.get({ agentId: ctx.agentId, day: "2026-12-07" }).go()).data!;
    expect(day.busy.map((b) => b.start)).toEqual(["2026-12-07T08:00:00.000Z"]);
    // the winner is off the list; a retried accept answers the same booking
    const winner = tokens[results.findIndex((r) => typeof r === "object")]!;
    expect(await Waitlist.acceptOffer(winner, { now: at(31) })).toEqual(winners[0]);
    expect((await Waitlist.showOffer(winner, at(32))).available).toBe(false);
    const loser = tokens[results.findIndex((r) => typeof r !== "object")]!;
    expect((await Waitlist.showOffer(loser, at(32))).available).toBe(false);

    // another slot freed the same day: no second offer SMS to those already offered today
    const other = await book(ctx, "2026-12-07T10:00:00+01:00");
    await Appointment.cancel(other.manageToken, at(40));
    expect(await Waitlist.offerFreed(at(41))).toEqual({ freed: 1, offered: 1 });
    expect((await smsTo(numbers[4]!)).map((m) => offerTokenIn(m.text)).length).toBe(1);
  }, 60_000);

  it("an usager booked later takes an earlier slot: moved in one step, and their later time is offered in turn", async () => {
    const ctx = await setup();
    const early = await book(ctx, "2026-12-07T09:00:00+01:00");
    const late = await book(ctx, "2026-12-17T11:00:00+01:00");
    const entry = await Waitlist.joinEarlier(late.manageToken, {}, at(1));
    expect(entry).toMatchObject({ status: "waiting", until: "2026-12-17", place: { id: ctx.placeId, name: "MDS d'Arras" } });
    expect(await Waitlist.ofAppointment(late.manageToken, at(2))).toEqual({ entry });

    await Appointment.cancel(early.manageToken, at(10));
    await Waitlist.offerFreed(at(11));
    const [offer] = (await Outbox.list({ limit: 500 })).filter((m) => m.appointmentId === `waitlist.${entry.id}`);
    const token = offerTokenIn(offer!.text);
    expect((await Waitlist.showOffer(token, at(12))).moves).toBe(true);
    const moved = await Waitlist.acceptOffer(token, { now: at(20) });
    expect(moved).toEqual({ id: late.id, startsAt: "2026-12-07T09:00:00+01:00", endsAt: "2026-12-07T09:30:00+01:00", manageToken: late.manageToken });
    expect((await Appointment.fromToken(late.manageToken, at(21))).startsAt).toBe("2026-12-07T09:00:00+01:00");
    expect((await Waitlist.ofAppointment(late.manageToken, at(21))).entry?.status).toBe("booked");

    // the 17 December time is now free and goes to the next in line (who was not offered anything today)
    const next = phone();
    await Waitlist.join(joinBody(ctx, next), { now: at(25) });
    expect(await Waitlist.offerFreed(at(30))).toEqual({ freed: 1, offered: 1 });
    const [text] = (await smsTo(next)).map((m) => m.text);
    expect(text).toBe(`[TEST] Créneau libéré : RDV PMI le jeudi 17 décembre à 11h00, MDS d'Arras. Pour le prendre : https://rdv.example.fr/creneau-libere/${offerTokenIn(text!)}`);
  }, 60_000);

  it("an usager booked later who cancelled meanwhile gets no offer, and leaves the list", async () => {
    const ctx = await setup();
    const early = await book(ctx, "2026-12-07T09:00:00+01:00");
    const late = await book(ctx, "2026-12-17T11:00:00+01:00");
    const entry = await Waitlist.joinEarlier(late.manageToken, {}, at(1));
    await Appointment.cancel(late.manageToken, at(2));
    await Waitlist.offerFreed(at(3)); // the late time freed: nobody else waits
    await Appointment.cancel(early.manageToken, at(10));
    expect(await Waitlist.offerFreed(at(11))).toEqual({ freed: 1, offered: 0 });
    expect((await Outbox.list({ limit: 500 })).filter((m) => m.appointmentId === `waitlist.${entry.id}`)).toEqual([]);
    expect((await Waitlist.ofAppointment(late.manageToken, at(12))).entry?.status).toBe("left");
  }, 60_000);

  it("an absence removed gives its time back: offered to the waiting usagers", async () => {
    const ctx = await setup({ keepAbsence: true });
    // Monday 14 December: 09:00–12:00 but for the absence 10:00–11:00; every other slot of the day taken
    for (const time of ["09:00", "09:30", "11:00", "11:30"]) await book(ctx, `2026-12-14T${time}:00+01:00`);
    const number = phone();
    await Waitlist.join(joinBody(ctx, number, { latestDate: "2026-12-14" }), { now: at(1) });
    const alice: AgentContext = {
      agentId: ctx.agentId, firstName: "Alice", lastName: "Martin", email: `${ctx.p}.alice@demo.rdv.local`, organisationId: `${ctx.p}-mds-arras`,
      memberships: [{ organisationId: `${ctx.p}-mds-arras`, role: "agent", serviceIds: [`${ctx.p}-pmi`] }], csrfToken: "x",
    };
    await Configuration.deleteAbsence({ agentId: ctx.agentId, absenceId: `${ctx.p}-abs-alice` }, alice, at(10));
    // one freed item per motif the agent opens there (the collective one is never offered)
    expect(await Waitlist.offerFreed(at(11))).toEqual({ freed: 2, offered: 1 });
    const [text] = (await smsTo(number)).map((m) => m.text);
    expect(text).toBe(`[TEST] Créneau libéré : RDV PMI le lundi 14 décembre à 10h00, MDS d'Arras. Pour le prendre : https://rdv.example.fr/creneau-libere/${offerTokenIn(text!)}`);
  }, 60_000);

  it("quiet hours: an offer made at night is sent at 08:00", async () => {
    const ctx = await setup();
    const night = new Date("2026-12-01T21:30:00Z"); // 22:30 in Paris
    const booked = await book(ctx, "2026-12-07T09:00:00+01:00");
    const number = phone();
    const { id } = await Waitlist.join(joinBody(ctx, number), { now: night });
    await Appointment.cancel(booked.manageToken, night);
    expect(await Waitlist.offerFreed(night)).toEqual({ freed: 1, offered: 1 });
    expect(await smsTo(number)).toEqual([]);
    const receipt = (await Db.entities.receipt.get({ appointmentId: `waitlist.${id}`, receiptId: "offer.2026-12-02" }).go()).data!;
    expect(receipt).toMatchObject({ status: "pending", workDueAt: "2026-12-02T07:00:00.000Z" });
    await Notification.reconcile(new Date("2026-12-02T06:59:00Z"));
    expect(await smsTo(number)).toEqual([]);
    await Notification.reconcile(new Date("2026-12-02T07:00:00Z"));
    expect(await smsTo(number)).toHaveLength(1);
    await Notification.reconcile(new Date("2026-12-02T07:05:00Z"));
    expect(await smsTo(number)).toHaveLength(1);
  }, 60_000);

  it("finding whom to offer reads a bounded number of items, whatever the length of the list", async () => {
    const ctx = await setup();
    for (let i = 0; i < 120; i++) {
      await Db.entities.waitlistEntry
        .put({
          entryId: `${ctx.p}-e${i}`, motifId: ctx.motifId, serviceId: `${ctx.p}-pmi`, organisationId: `${ctx.p}-mds-arras`, placeId: ctx.placeId, until: "2026-12-03",
          timezone: "Europe/Paris", phone: "+33700000000", firstName: "A", lastName: "B", status: "waiting", waitingFor: `${ctx.motifId}#${ctx.placeId}`,
          waitingSince: `2026-11-01T00:00:${String(i % 60).padStart(2, "0")}.000Z#${i}`, expiresAt: 2_000_000_000,
        })
        .go();
    }
    const before = dynamoRequestCount();
    const found = await Waitlist.candidates({ motifId: ctx.motifId, placeId: ctx.placeId, startsAt: "2026-12-07T08:00:00.000Z", day: "2026-12-07" }, "2026-12-01");
    expect(found).toEqual([]); // none fits (their last day is before the slot)
    expect(dynamoRequestCount() - before).toBe(5); // 4 pages of 25 here, 1 for every place
  }, 60_000);
});
