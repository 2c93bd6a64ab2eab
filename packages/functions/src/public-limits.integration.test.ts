import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as Outbox from "@rdv/core/outbox";
import * as Slot from "@rdv/core/slot";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as Appointments from "./public-appointments";
import * as Catalogue from "./public-catalogue";
import { invoke } from "./testing/invoke";

/**
 * The limits on what the public may take (stage defaults: 2 upcoming online appointments per
 * mobile number and service, 5 SMS per number per day outside reminders, 10 online bookings per
 * client per hour, 120 searches per client per minute), through the public handlers.
 */
const p = `l${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const NOW = new Date("2026-12-01T08:00:00Z");
let free: string[] = [];
let used = 0;
/** a free slot of the PMI consultation at Arras no other test took */
const nextSlot = () => free[used++]!;
let phones = 0;
const newPhone = () => `07${String(81_000_000 + ++phones).padStart(8, "0")}`;

beforeAll(async () => {
  Clock.startAt(NOW);
  await DepartmentFile.load(smallDepartment(p));
  free = (await Slot.list({ motif: id("consult"), place: id("place-arras"), from: "2026-12-07", to: "2027-01-29" }, NOW)).map((s) => s.startsAt);
  expect(free.length).toBeGreaterThan(40);
});

function book(startsAt: string, phone: string, options: { sourceIp?: string; headers?: Record<string, string>; motifId?: string; placeId?: string } = {}) {
  return invoke(Appointments.book, {
    method: "POST",
    sourceIp: options.sourceIp ?? "198.51.100.1",
    headers: { "idempotency-key": randomUUID(), ...options.headers },
    body: { motifId: options.motifId ?? id("consult"), placeId: options.placeId ?? id("place-arras"), startsAt, serviceUser: { firstName: "Inès", lastName: "Limite", phone } },
  });
}

const smsTo = async (phone: string) => (await Outbox.list({ limit: 500 })).filter((m) => m.channel === "sms" && m.to === `+33${phone.slice(1)}`);

describe("limits per mobile number", () => {
  it("at most 2 upcoming online appointments per service: the third is a 409 saying to call the place, and sends nothing; a cancellation frees the right", async () => {
    const phone = newPhone();
    const first = await book(nextSlot(), phone, { sourceIp: "198.51.100.10" });
    const second = await book(nextSlot(), phone, { sourceIp: "198.51.100.11" });
    expect([first.status, second.status]).toEqual([201, 201]);
    const third = await book(nextSlot(), phone, { sourceIp: "198.51.100.12" });
    expect(third).toMatchObject({
      status: 409,
      body: {
        error: {
          code: "limit.upcoming_per_number",
          message: "Ce numéro de téléphone a déjà 2 rendez-vous à venir dans ce service. Pour en prendre un autre, merci d'appeler le lieu de rendez-vous au 03 21 00 00 00, ou annulez d'abord un rendez-vous avec le lien reçu par SMS.",
        },
      },
    });
    expect(await smsTo(phone)).toHaveLength(2); // two confirmations, none for the refused attempt
    // another service is another count
    const social = (await Slot.list({ motif: id("social-phone"), place: id("place-lens"), from: "2026-12-07", to: "2026-12-31" }, NOW))[0]!.startsAt;
    expect((await book(social, phone, { motifId: id("social-phone"), placeId: id("place-lens"), sourceIp: "198.51.100.13" })).status).toBe(201);
    // cancelling one gives the right back
    const token = (first.body as { manageToken: string }).manageToken;
    expect((await invoke(Appointments.cancel, { method: "POST", params: { manageToken: token } })).status).toBe(200);
    expect((await book(nextSlot(), phone, { sourceIp: "198.51.100.14" })).status).toBe(201);
  });

  it("racing bookings of one number for different slots: exactly 2 succeed, the rest are 409", async () => {
    const phone = newPhone();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => book(nextSlot(), phone, { sourceIp: `198.51.100.${30 + i}` })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).map((r) => (r.body as { error: { code: string } }).error.code)).toEqual(Array(4).fill("limit.upcoming_per_number"));
  });

  it("at most 5 SMS a day outside reminders: the usager's 5th change is refused with 429 and Retry-After, nothing moves, no SMS goes", async () => {
    const phone = newPhone();
    const booked = await book(nextSlot(), phone, { sourceIp: "198.51.100.40" }); // SMS 1
    expect(booked.status).toBe(201);
    const token = (booked.body as { manageToken: string }).manageToken;
    const reschedule = (startsAt: string) => invoke(Appointments.reschedule, { method: "POST", params: { manageToken: token }, body: { startsAt } });
    for (let i = 0; i < 4; i++) expect((await reschedule(nextSlot())).status).toBe(200); // SMS 2–5
    const before = await invoke(Appointments.show, { params: { manageToken: token } });
    Clock.startAt(NOW); // the clock runs: back to 08:00:00 for an exact Retry-After
    const refused = await reschedule(nextSlot());
    expect(refused.status).toBe(429);
    expect((refused.body as { error: { code: string } }).error.code).toBe("limit.sms_per_number");
    // the day's window ends at midnight UTC: 16 h after 08:00
    expect(refused.headers["retry-after"]).toBe(String(16 * 3600));
    expect(await invoke(Appointments.show, { params: { manageToken: token } })).toEqual(before);
    expect(await smsTo(phone)).toHaveLength(5);
  });
});

describe("limits per client", () => {
  it("at most 10 online bookings an hour from one address: the 11th is a 429 with Retry-After; another address still books", async () => {
    const results = [];
    for (let i = 0; i < 11; i++) {
      if (i === 10) Clock.startAt(NOW); // the clock runs: back to 08:00:00 for an exact Retry-After
      results.push(await book(nextSlot(), newPhone(), { sourceIp: "203.0.113.7" }));
    }
    expect(results.map((r) => r.status)).toEqual([...Array(10).fill(201), 429]);
    expect(results[10]!.body).toMatchObject({ error: { code: "limit.client_bookings" } });
    expect(results[10]!.headers["retry-after"]).toBe("3600"); // the hour's window ends at 09:00
    expect((await book(nextSlot(), newPhone(), { sourceIp: "203.0.113.8" })).status).toBe(201);
  });

  it("an IPv6 client is counted by its /64", async () => {
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await book(nextSlot(), newPhone(), { sourceIp: `2001:db8:1:2::${(i + 1).toString(16)}` })).status);
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
  });

  it("the site forwards the visitor's address with the site key; without the right key the header is ignored", async () => {
    process.env.RDV_SITE_KEY = "cle-du-site-pour-les-tests-0123456789";
    try {
      const forwarded = (ip: string, key: string) => ({ sourceIp: "192.0.2.99", headers: { "x-rdv-client-ip": ip, "x-rdv-site-key": key } });
      for (let i = 0; i < 10; i++) expect((await book(nextSlot(), newPhone(), forwarded("198.51.100.200", "cle-du-site-pour-les-tests-0123456789"))).status).toBe(201);
      expect((await book(nextSlot(), newPhone(), forwarded("198.51.100.200", "cle-du-site-pour-les-tests-0123456789"))).status).toBe(429);
      // the site's own address was not counted for those; a forged header counts against the real source
      expect((await book(nextSlot(), newPhone(), forwarded("198.51.100.200", "mauvaise-cle"))).status).toBe(201);
    } finally {
      delete process.env.RDV_SITE_KEY;
    }
  });

  it("counts what was granted: 100 racing attempts at one slot from one address end as one 201 and 99 × 409", async () => {
    const slot = nextSlot();
    const results = await Promise.all(Array.from({ length: 100 }, () => book(slot, newPhone(), { sourceIp: "203.0.113.50" })));
    const codes = results.map((r) => (r.status === 201 ? "201" : `${r.status} ${(r.body as { error: { code: string } }).error.code}`));
    expect(codes.filter((c) => c === "201")).toHaveLength(1);
    expect(codes.filter((c) => c === "409 appointment.slot_taken")).toHaveLength(99);
  }, 120_000);

  it("slot searches are capped per client and minute (a 429 with Retry-After), other clients are not affected", async () => {
    const settings = process.env.RDV_STAGE_SETTINGS!;
    process.env.RDV_STAGE_SETTINGS = JSON.stringify({ ...JSON.parse(settings), limits: { searchesPerClientPerMinute: 10 } });
    try {
      const search = (sourceIp: string) => invoke(Catalogue.slots, { sourceIp, query: { motif: id("consult"), place: id("place-arras"), from: "2026-12-07", to: "2026-12-13" } });
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await search("203.0.113.60")).status);
      expect(statuses).toEqual([...Array(10).fill(200), 429]);
      const refused = await search("203.0.113.60");
      expect(refused.body).toMatchObject({ error: { code: "limit.client_searches" } });
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
      expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(60);
      expect((await search("203.0.113.61")).status).toBe(200);
      expect((await invoke(Catalogue.places, { sourceIp: "203.0.113.60", query: { motif: id("consult"), commune: "62041" } })).status).toBe(429);
    } finally {
      process.env.RDV_STAGE_SETTINGS = settings;
    }
  });
});
