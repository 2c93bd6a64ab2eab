import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as Outbox from "@rdv/core/outbox";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as Auth from "./agent-auth";
import * as AgentAppointments from "./agent-appointments";
import * as Appointments from "./public-appointments";
import * as Reconciler from "./reconciler";
import * as Waitlist from "./public-waitlist";
import { invoke } from "./testing/invoke";

/** The waitlist through the HTTP handlers, on DynamoDB Local: sign-up, a cancellation, the reconciler's offer SMS, the race to take it. */
const p = `h${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const NOW = new Date("2026-12-01T08:00:00Z");
const PASSWORD = "mot-de-passe-solide-2026";
let phones = 0;
const newPhone = () => `06${String(70_000_000 + ++phones).padStart(8, "0")}`;
const smsTo = async (phone: string) => (await Outbox.list({ limit: 500 })).filter((m) => m.to === `+33${phone.slice(1)}`).reverse();
const offerTokenIn = (text: string) => /creneau-libere\/([A-Za-z0-9_-]{24})/.exec(text)?.[1] ?? "";

beforeAll(async () => {
  Clock.startAt(NOW);
  await DepartmentFile.load(smallDepartment(p, { absences: [] }));
  await Session.setPassword(id("bruno"), PASSWORD);
});

const join = (phone: string, extra: Record<string, unknown> = {}, sourceIp = "198.51.100.1") =>
  invoke(Waitlist.join, { method: "POST", sourceIp, body: { motifId: id("consult"), placeId: id("place-arras"), commune: "62041", serviceUser: { firstName: "Zoé", lastName: "Attente", phone }, ...extra } });

const book = (startsAt: string, phone = newPhone()) =>
  invoke(Appointments.book, {
    method: "POST", sourceIp: "198.51.100.50", headers: { "idempotency-key": randomUUID() },
    body: { motifId: id("consult"), placeId: id("place-arras"), startsAt, serviceUser: { firstName: "Paul", lastName: "Tôt", phone } },
  });

describe("the waitlist over HTTP", () => {
  it("a cancelled slot reaches the waiting usagers by SMS; the first to accept gets 201, the next 409, and the slot is booked once", async () => {
    const booked = await book("2026-12-14T09:00:00+01:00");
    expect(booked.status).toBe(201);
    const phonesWaiting = [newPhone(), newPhone()];
    const joined = [];
    for (const phone of phonesWaiting) {
      const response = await join(phone);
      expect(response.status).toBe(201);
      expect(Object.keys(response.body as object).sort()).toEqual(["id", "manageToken"]);
      joined.push(response.body as { id: string; manageToken: string });
    }
    const shown = await invoke(Waitlist.show, { params: { manageToken: joined[0]!.manageToken } });
    expect(shown.body).toMatchObject({ status: "waiting", place: { id: id("place-arras"), name: "MDS d'Arras" } });

    const cancelled = await invoke(Appointments.cancel, { method: "POST", params: { manageToken: (booked.body as { manageToken: string }).manageToken } });
    expect(cancelled.status).toBe(200);
    const pass = await Reconciler.handler();
    expect(pass).toMatchObject({ freed: 1, offered: 2 });
    const tokens = await Promise.all(phonesWaiting.map(async (phone) => offerTokenIn((await smsTo(phone))[0]!.text)));
    const offer = await invoke(Waitlist.showOffer, { params: { offerToken: tokens[0]! } });
    expect(offer).toMatchObject({ status: 200, body: { startsAt: "2026-12-14T09:00:00+01:00", endsAt: "2026-12-14T09:30:00+01:00", available: true, moves: false } });

    const accepts = await Promise.all(tokens.map((offerToken) => invoke(Waitlist.acceptOffer, { method: "POST", params: { offerToken } })));
    expect(accepts.map((a) => a.status).sort()).toEqual([201, 409]);
    const won = accepts.find((a) => a.status === 201)!.body as { id: string; manageToken: string; startsAt: string };
    expect(won.startsAt).toBe("2026-12-14T09:00:00+01:00");
    const lost = accepts.find((a) => a.status === 409)!;
    expect(lost.body).toEqual({ error: { code: "waitlist.offer_taken", message: "Quelqu'un a été plus rapide : ce créneau vient d'être pris. Vous restez sur la liste d'attente." } });
    const appointment = await invoke(Appointments.show, { params: { manageToken: won.manageToken } });
    expect(appointment.body).toMatchObject({ status: "booked", startsAt: "2026-12-14T09:00:00+01:00" });
    // the winner got the booking's confirmation SMS, and is off the list
    const winnerPhone = phonesWaiting[accepts.findIndex((a) => a.status === 201)]!;
    expect((await smsTo(winnerPhone)).map((m) => m.text.slice(0, 25))).toEqual(["[TEST] Créneau libéré : R", "[TEST] RDV PMI confirmé l"]);
    const winnerEntry = joined[accepts.findIndex((a) => a.status === 201)]!;
    expect((await invoke(Waitlist.show, { params: { manageToken: winnerEntry.manageToken } })).body).toMatchObject({ status: "booked" });
  }, 60_000);

  it("from the manage link: join, see and leave the list; bad input is a 400 naming the field", async () => {
    const booked = (await book("2026-12-21T11:00:00+01:00")).body as { manageToken: string };
    const params = { manageToken: booked.manageToken };
    expect((await invoke(Waitlist.ofAppointment, { params })).body).toEqual({ entry: null });
    const bad = await invoke(Waitlist.joinEarlier, { method: "POST", params, body: { latestDate: "2026-02-30" } });
    expect(bad).toMatchObject({ status: 400, body: { error: { fields: { latestDate: "date inexistante" } } } });
    const joined = await invoke(Waitlist.joinEarlier, { method: "POST", params, body: { latestDate: "2026-12-18" } });
    expect(joined).toMatchObject({ status: 201, body: { status: "waiting", until: "2026-12-18" } });
    expect((await invoke(Waitlist.ofAppointment, { params })).body).toMatchObject({ entry: { status: "waiting" } });
    const left = await invoke(Waitlist.leaveOfAppointment, { method: "POST", params });
    expect(left).toMatchObject({ status: 200, body: { entry: { status: "left" } } });
    const unknown = await invoke(Waitlist.showOffer, { params: { offerToken: "A".repeat(24) } });
    expect(unknown.status).toBe(404);
    const malformed = await invoke(Waitlist.showOffer, { params: { offerToken: "x" } });
    expect(malformed).toMatchObject({ status: 400, body: { error: { fields: { offerToken: expect.any(String) } } } });
    const badJoin = await join("0321000000");
    expect(badJoin).toMatchObject({ status: 400, body: { error: { fields: { "serviceUser.phone": "un numéro de mobile est nécessaire pour recevoir le SMS" } } } });
  });

  it("sign-ups are limited per client (429) and per number (409)", async () => {
    const number = newPhone();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await join(number, {}, "203.0.113.7")).status);
    expect(statuses).toEqual([201, 201, 201, 409]);
    const perClient = [];
    for (let i = 0; i < 8; i++) perClient.push((await join(newPhone(), {}, "203.0.113.7")).status);
    // 10 sign-ups an hour from one client (the stage's bookings per client): 3 above, 7 more
    expect(perClient).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
  }, 60_000);

  it("an agent puts the usager of an appointment on the list from the appointment; an unknown appointment is a 404", async () => {
    const signedIn = await invoke(Auth.signIn, { method: "POST", body: { email: `${p}.bruno@demo.rdv.local`, password: PASSWORD } });
    const cookies = signedIn.cookies.map((c) => c.split(";")[0]!);
    const headers = { "x-csrf-token": (signedIn.body as { csrfToken: string }).csrfToken };
    const added = await invoke(AgentAppointments.joinWaitlist, { method: "POST", params: { id: id("rdv-1") }, cookies, headers, body: {} });
    expect(added).toMatchObject({ status: 201, body: { status: "waiting", until: "2026-12-07", motif: { id: id("consult") } } });
    const unknown = await invoke(AgentAppointments.joinWaitlist, { method: "POST", params: { id: id("nope") }, cookies, headers, body: {} });
    expect(unknown.status).toBe(404);
  });
});
