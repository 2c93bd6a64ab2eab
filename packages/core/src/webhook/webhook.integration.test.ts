import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Webhook from ".";
import * as Appointment from "../appointment";
import * as BookingInvitation from "../booking-invitation";
import * as DepartmentFile from "../department-file";
import * as Email from "../email";
import type { EmailMessage } from "../email";
import { DomainError } from "../error";
import type { AgentContext } from "../session";
import { smallDepartment } from "../testing/department-fixture";
import { WebhookEventEntity } from "./webhook.entity";

const p = `w${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const NOW = new Date("2026-12-01T09:00:00Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);
const MINUTE = 60_000;

const bruno: AgentContext = {
  agentId: id("bruno"),
  firstName: "Bruno",
  lastName: "Lefebvre",
  email: `${p}.bruno@demo.rdv.local`,
  organisationId: id("mds-arras"),
  memberships: [
    { organisationId: id("mds-arras"), role: "admin", serviceIds: [] },
    { organisationId: id("mds-lens"), role: "admin", serviceIds: [] },
  ],
  csrfToken: "x",
};
const alice: AgentContext = { ...bruno, agentId: id("alice"), memberships: [{ organisationId: id("mds-arras"), role: "agent", serviceIds: [id("pmi")] }] };
/** an admin of Lens only */
const carla: AgentContext = { ...bruno, agentId: id("carla"), memberships: [{ organisationId: id("mds-lens"), role: "admin", serviceIds: [] }] };

/** A real HTTP receiver on 127.0.0.1: answers each request with the next status of its script (200 once the script is done). */
interface Receiver {
  url: string;
  received: Array<{ headers: IncomingHttpHeaders; body: string }>;
  script: number[];
  server: Server;
}

async function receiver(script: number[] = []): Promise<Receiver> {
  const r: Omit<Receiver, "url"> = { received: [], script, server: createServer() };
  r.server.on("request", (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      r.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.statusCode = r.script.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => r.server.listen(0, "127.0.0.1", resolve));
  return { ...r, url: `http://127.0.0.1:${(r.server.address() as AddressInfo).port}/hooks` };
}

const receivers: Receiver[] = [];
/** each test's subscriptions, removed after it: later tests' bookings are not sent to them */
const hooks: string[] = [];
async function subscribed(events: string[] = ["appointment.created", "appointment.cancelled", "appointment.updated", "appointment.status_changed"], script: number[] = [], organisationId = id("mds-arras")) {
  const r = await receiver(script);
  receivers.push(r);
  const created = await Webhook.create({ organisationId, url: r.url, events }, bruno, NOW);
  hooks.push(created.id);
  return { ...r, ...created };
}

/** The Standard Webhooks signature, computed here with node:crypto alone. */
function expectedSignature(secret: string, headers: IncomingHttpHeaders, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${headers["webhook-id"] as string}.${headers["webhook-timestamp"] as string}.${body}`).digest("base64")}`;
}

let slot = 0;
/** Books a Monday or Thursday of December at Arras (alice's hours, 9:00 to 12:00), each call its own time. */
function book(now = NOW) {
  const n = slot++;
  const day = ["07", "14", "17", "21", "24", "28"][Math.floor(n / 6)]!;
  const startsAt = `2026-12-${day}T${String(9 + Math.floor((n % 6) / 2)).padStart(2, "0")}:${n % 2 ? "30" : "00"}:00+01:00`;
  return Appointment.book(
    { motifId: id("consult"), placeId: id("place-arras"), startsAt, serviceUser: { firstName: "Paul", lastName: "Tôt", phone: `0612${String(n).padStart(2, "0")}${p.replace(/\D/g, "").padEnd(4, "7").slice(0, 4)}` } },
    { idempotencyKey: `k-${randomUUID()}`, now },
  );
}

const sent: EmailMessage[] = [];
beforeAll(async () => {
  process.env.RDV_WEBHOOK_ALLOW_LOOPBACK = "1";
  Email.use({ send: async (message) => (sent.push(message), { messageId: randomUUID() }) });
  await DepartmentFile.load(smallDepartment(p, { appointments: [], absences: [] }));
});
afterEach(async () => {
  Webhook.useResolver(undefined);
  Webhook.useQueue(undefined);
  for (const hook of hooks.splice(0)) await Webhook.remove(hook, bruno, NOW).catch(() => undefined);
});
afterAll(async () => {
  Email.use(undefined);
  await Promise.all(receivers.map((r) => new Promise((resolve) => r.server.close(resolve))));
});

/** The domain error's code and fields (`call` may throw before it returns a promise: validation). */
async function code(call: () => Promise<unknown>) {
  return Promise.resolve().then(call).then(
    () => "ok",
    (error: unknown) => {
      if (error instanceof DomainError) return { code: error.code, fields: error.fields };
      throw error;
    },
  );
}

const deliveriesOf = async (subscriptionId: string) => (await Webhook.list({ organisationId: id("mds-arras") }, bruno)).webhooks.find((w) => w.id === subscriptionId)!.deliveries;

describe("webhook deliveries", () => {
  it("a booking and its cancellation reach a receiver on 127.0.0.1, signed per Standard Webhooks, in order", async () => {
    const hook = await subscribed();
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const booked = await book();
    await Webhook.reconcile(NOW); // the local loop: the work index is the queue
    await Appointment.cancel(booked.manageToken, at(MINUTE));
    await Webhook.reconcile(at(MINUTE));

    expect(hook.received).toHaveLength(2);
    for (const request of hook.received) {
      expect(request.headers["webhook-signature"]).toBe(expectedSignature(hook.secret, request.headers, request.body));
      expect(request.headers["content-type"]).toBe("application/json");
    }
    const [created, cancelled] = hook.received as [Receiver["received"][0], Receiver["received"][0]];
    expect(created.headers["webhook-id"]).toMatch(/^msg_[0-9a-z]{29}$/);
    expect(created.headers["webhook-timestamp"]).toBe(String(NOW.getTime() / 1000));
    expect(cancelled.headers["webhook-timestamp"]).toBe(String(at(MINUTE).getTime() / 1000));
    const data = {
      id: booked.id,
      // created (1), then its SMS and reminder schedule recorded (2), before the event is fanned out
      version: 2,
      status: "booked",
      startsAt: "2026-12-07T09:00:00+01:00",
      endsAt: "2026-12-07T09:30:00+01:00",
      organisationId: id("mds-arras"),
      serviceId: id("pmi"),
      motifId: id("consult"),
      placeId: id("place-arras"),
      agentIds: [id("alice")],
      collective: false,
      createdBy: "usager",
    };
    const createdBody = JSON.parse(created.body) as { data: Record<string, unknown> };
    expect(createdBody).toEqual({
      type: "appointment.created",
      timestamp: NOW.toISOString(),
      data: { ...data, updatedAt: expect.any(String), serviceUsers: [{ id: expect.any(String), firstName: "Paul", lastName: "Tôt", participationStatus: "booked" }] },
    });
    expect(JSON.parse(cancelled.body)).toEqual({
      type: "appointment.cancelled",
      timestamp: at(MINUTE).toISOString(),
      // cancelled (3), its schedule deleted and the cancellation SMS recorded (4)
      data: { ...data, version: 4, status: "excused", updatedAt: expect.any(String), serviceUsers: [{ id: createdBody.data.serviceUsers && (createdBody.data.serviceUsers as Array<{ id: string }>)[0]!.id, firstName: "Paul", lastName: "Tôt", participationStatus: "excused" }] },
    });
    // newest first in the log, each delivered at its first attempt
    expect((await deliveriesOf(hook.id)).map((d) => [d.createdAt, d.eventType, d.status, d.attempts, d.lastStatusCode])).toEqual([
      [at(MINUTE).toISOString(), "appointment.cancelled", "delivered", 1, 200],
      [NOW.toISOString(), "appointment.created", "delivered", 1, 200],
    ]);
    // delivered once: another pass sends nothing
    await Webhook.reconcile(at(10 * MINUTE));
    expect(hook.received).toHaveLength(2);
  });

  it("each appointment write path sends its event: an agent's move, a status change, a revocation", async () => {
    const hook = await subscribed();
    const moved = await book();
    const revoked = await book();
    const day = (n: number) => at(n * 24 * 60 * MINUTE);
    // to Thursday 31 December (a day no other test books)
    await Appointment.moveByAgent(moved.id, { startsAt: "2026-12-31T09:00:00+01:00" }, bruno, at(MINUTE));
    await Appointment.setStatus(moved.id, { status: "seen" }, bruno, day(31));
    await Appointment.revoke(revoked.id, bruno, at(2 * MINUTE));
    await Webhook.reconcile(day(31));
    const events = hook.received.map((r) => JSON.parse(r.body) as { type: string; timestamp: string; data: { id: string; status: string; startsAt: string } });
    expect(events.map((e) => [e.type, e.data.id, e.timestamp]).sort()).toEqual(
      [
        ["appointment.created", moved.id, NOW.toISOString()],
        ["appointment.created", revoked.id, NOW.toISOString()],
        ["appointment.updated", moved.id, at(MINUTE).toISOString()],
        ["appointment.status_changed", moved.id, day(31).toISOString()],
        ["appointment.cancelled", revoked.id, at(2 * MINUTE).toISOString()],
      ].sort(),
    );
    // the data is the appointment when the event is fanned out (here, right after each change)
    expect(events.find((e) => e.type === "appointment.cancelled")!.data.status).toBe("revoked");
    expect(events.find((e) => e.type === "appointment.status_changed")!.data).toMatchObject({ status: "seen", startsAt: "2026-12-31T09:00:00+01:00" });
  });

  it("a booking from a booking invitation sends invitation.booked, with the invitation's id, besides appointment.created", async () => {
    const hook = await subscribed(["invitation.booked", "appointment.created"]);
    // an usager the organisation knows (a booking makes them known), invited to book again
    const first = await book();
    const serviceUserId = (await Appointment.detail(first.id, bruno)).participants[0]!.serviceUser!.id;
    const invitation = await BookingInvitation.create({ serviceUserId, organisationId: id("mds-arras"), motifIds: [id("consult")], channels: ["sms"] }, bruno, NOW);
    const booked = await BookingInvitation.book(BookingInvitation.invitationToken(invitation.id), { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-28T11:30:00+01:00" }, { now: at(MINUTE) });
    await Webhook.reconcile(at(10 * MINUTE));
    const events = hook.received.map((r) => JSON.parse(r.body) as { type: string; data: { id: string; invitationId?: string } });
    expect(events.map((e) => [e.type, e.data.id, e.data.invitationId]).sort()).toEqual(
      [
        ["appointment.created", first.id, undefined],
        ["appointment.created", booked.id, undefined],
        ["invitation.booked", booked.id, invitation.id],
      ].sort(),
    );
  });

  it("only the event types subscribed to, and only the organisation's own appointments", async () => {
    const cancelsOnly = await subscribed(["appointment.cancelled"]);
    const lens = await subscribed(["appointment.created"], [], id("mds-lens"));
    await book();
    await Webhook.reconcile(NOW);
    expect(cancelsOnly.received).toEqual([]);
    expect(lens.received).toEqual([]);
  });

  it("a failing receiver is tried again with exponential backoff, with the same webhook-id, until it answers", async () => {
    const hook = await subscribed(["appointment.created"], [500, 503]);
    await book();
    const attemptsAfter = async (now: Date) => (await Webhook.reconcile(now), hook.received.length);
    expect(await attemptsAfter(NOW)).toBe(1);
    expect(await attemptsAfter(at(29_000))).toBe(1); // 30 s after the first failure
    expect(await attemptsAfter(at(30_000))).toBe(2);
    expect(await attemptsAfter(at(89_000))).toBe(2); // then one minute
    expect(await attemptsAfter(at(90_000))).toBe(3);
    expect(hook.received.map((r) => r.headers["webhook-timestamp"])).toEqual([NOW, at(30_000), at(90_000)].map((d) => String(d.getTime() / 1000)));
    expect(new Set(hook.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    for (const r of hook.received) expect(r.headers["webhook-signature"]).toBe(expectedSignature(hook.secret, r.headers, r.body));
    expect((await deliveriesOf(hook.id)).map((d) => [d.status, d.attempts, d.lastStatusCode])).toEqual([["delivered", 3, 200]]);
  });

  it("gives up after 24 hours (14 attempts), shows the delivery failed, and an admin's resend delivers it", async () => {
    const hook = await subscribed(["appointment.created"], Array(14).fill(500));
    await book();
    let now = NOW;
    for (;;) {
      const result = await Webhook.reconcile(now);
      const [delivery] = await deliveriesOf(hook.id);
      if (delivery!.status !== "pending") break;
      expect(result.attempted).toBeGreaterThanOrEqual(1);
      now = new Date(delivery!.nextAttemptAt!);
    }
    expect(hook.received).toHaveLength(14);
    // 30 s, 1, 2, 4 … 128 minutes, then 4 hours apart: the 14th attempt 20 h 15 min 30 s after the event, a 15th would pass 24 h
    expect(now.getTime() - NOW.getTime()).toBe((20 * 60 + 15) * MINUTE + 30_000);
    const [failed] = await deliveriesOf(hook.id);
    expect([failed!.status, failed!.attempts, failed!.lastError, failed!.nextAttemptAt]).toEqual(["failed", 14, "http_500", undefined]);
    await Webhook.reconcile(at(48 * 60 * MINUTE));
    expect(hook.received).toHaveLength(14);

    const later = at(25 * 60 * MINUTE);
    expect(await Webhook.resend(hook.id, failed!.id, bruno, later)).toEqual({ id: failed!.id, status: "pending" });
    await Webhook.reconcile(later);
    expect(hook.received).toHaveLength(15);
    expect(hook.received[14]!.headers["webhook-id"]).toBe(hook.received[0]!.headers["webhook-id"]);
    expect((await deliveriesOf(hook.id)).map((d) => [d.status, d.attempts])).toEqual([["delivered", 1]]);
  });

  it("a subscription failing for three days is disabled and its admins get an e-mail; a success meanwhile starts the count again", async () => {
    const hook = await subscribed(["appointment.created"], Array(100).fill(500));
    await book();
    await Webhook.reconcile(NOW); // failing since NOW
    const [first] = await deliveriesOf(hook.id);
    // 2 days later: a resend fails again, the subscription stays active
    await Webhook.resend(hook.id, first!.id, bruno, at(2 * 24 * 60 * MINUTE)).catch(() => undefined); // pending still: refused, 409
    const state = async () => (await Webhook.list({ organisationId: id("mds-arras") }, bruno)).webhooks.find((w) => w.id === hook.id)!;
    expect((await state()).failingSince).toBe(NOW.toISOString());
    await Webhook.reconcile(at(3 * 24 * 60 * MINUTE - MINUTE)); // the delivery's next attempt, failing, short of three days
    expect((await state()).status).toBe("active");
    const before = sent.length;
    // a second event three days after the first failure: its failed attempt disables the subscription
    await book(at(3 * 24 * 60 * MINUTE));
    await Webhook.reconcile(at(3 * 24 * 60 * MINUTE));
    const disabled = await state();
    expect([disabled.status, disabled.disabledAt]).toEqual(["disabled", at(3 * 24 * 60 * MINUTE).toISOString()]);
    expect(sent.slice(before)).toEqual([{ to: bruno.email, ...Webhook.disabledMessage(hook.url) }]);
    // nothing more is sent to it, and no other e-mail
    const received = hook.received.length;
    await book(at(3 * 24 * 60 * MINUTE + MINUTE));
    await Webhook.reconcile(at(4 * 24 * 60 * MINUTE));
    expect(hook.received.length).toBe(received);
    expect(sent.length).toBe(before + 1);
    expect(await code(() => Webhook.resend(hook.id, first!.id, bruno, at(4 * 24 * 60 * MINUTE)))).toEqual({ code: "webhook.disabled", fields: undefined });

    const healing = await subscribed(["appointment.created"], [500]);
    await book();
    await Webhook.reconcile(NOW);
    expect((await Webhook.list({ organisationId: id("mds-arras") }, bruno)).webhooks.find((w) => w.id === healing.id)!.failingSince).toBe(NOW.toISOString());
    await Webhook.reconcile(at(30_000));
    expect((await Webhook.list({ organisationId: id("mds-arras") }, bruno)).webhooks.find((w) => w.id === healing.id)!.failingSince).toBeUndefined();
  });

  it("an event committed by a request that stopped before fanning it out is delivered by the reconciler, once", async () => {
    const hook = await subscribed(["appointment.created"]);
    // the queue fails after the commit, as a process stopping there would
    Webhook.useQueue({ sweepAfterMs: 0, enqueue: () => Promise.reject(new Error("stopped")) });
    const booked = await book();
    Webhook.useQueue(undefined);
    const left = (await WebhookEventEntity.query.pendingWork({ workQueue: Webhook.EVENT_QUEUE }).go({ pages: "all" })).data.filter((e) => e.appointmentId === booked.id);
    expect(left.map((e) => e.type)).toEqual(["appointment.created"]);
    await Webhook.reconcile(at(2 * MINUTE));
    await Webhook.reconcile(at(3 * MINUTE));
    expect(hook.received).toHaveLength(1);
    expect(JSON.parse(hook.received[0]!.body)).toMatchObject({ type: "appointment.created", data: { id: booked.id } });
    expect((await WebhookEventEntity.get({ eventId: left[0]!.eventId }).go()).data).toBeNull();
  });
});

describe("webhook subscriptions", () => {
  it("admins only; ids of another organisation's subscription are not found; deleting stops deliveries", async () => {
    const r = await receiver();
    receivers.push(r);
    expect(await code(() => Webhook.create({ organisationId: id("mds-arras"), url: r.url, events: ["appointment.created"] }, alice, NOW))).toMatchObject({ code: "auth.forbidden" });
    expect(await code(() => Webhook.create({ organisationId: id("mds-arras"), url: r.url, events: [] }, bruno, NOW))).toEqual({ code: "request.invalid", fields: { events: "choisissez au moins un événement" } });
    expect(await code(() => Webhook.create({ organisationId: id("mds-arras"), url: r.url, events: ["appointment.deleted"] }, bruno, NOW))).toEqual({ code: "request.invalid", fields: { "events[0]": "événement inconnu" } });
    const hook = await Webhook.create({ organisationId: id("mds-arras"), url: r.url, events: ["appointment.created"] }, bruno, NOW);
    expect(await code(() => Webhook.rotate(hook.id, carla, NOW))).toEqual({ code: "webhook.not_found", fields: undefined });
    expect(await code(() => Webhook.remove(hook.id, alice, NOW))).toEqual({ code: "webhook.not_found", fields: undefined });
    expect(await code(() => Webhook.list({ organisationId: id("mds-arras") }, carla))).toMatchObject({ code: "auth.forbidden" });

    const rotated = await Webhook.rotate(hook.id, bruno, NOW);
    expect(rotated.secret).not.toBe(hook.secret);
    await book();
    await Webhook.reconcile(NOW);
    expect(r.received).toHaveLength(1);
    expect(r.received[0]!.headers["webhook-signature"]).toBe(expectedSignature(rotated.secret, r.received[0]!.headers, r.received[0]!.body));
    expect(r.received[0]!.headers["webhook-signature"]).not.toBe(expectedSignature(hook.secret, r.received[0]!.headers, r.received[0]!.body));

    await Webhook.remove(hook.id, bruno, NOW);
    await book();
    await Webhook.reconcile(NOW);
    expect(r.received).toHaveLength(1);
    expect((await Webhook.list({ organisationId: id("mds-arras") }, bruno)).webhooks.map((w) => w.id)).not.toContain(hook.id);
  });
});

describe("where webhooks may go (server-side request forgery)", () => {
  const strict = (url: string) =>
    Webhook.check(url, false).then(
      () => "ok",
      (error: unknown) => (error instanceof Webhook.AddressRefused ? error.reason : Promise.reject(error)),
    );

  it("refuses private, loopback, link-local and unique-local addresses, in every form, and plain HTTP", async () => {
    Webhook.useResolver(async (name) => {
      if (name === "hooks.example.org") return [{ address: "93.184.216.34", family: 4 }];
      if (name === "intranet.example.org") return [{ address: "10.20.30.40", family: 4 }];
      if (name === "mixed.example.org") return [{ address: "93.184.216.34", family: 4 }, { address: "fd12::1", family: 6 }];
      throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    });
    const answers = await Promise.all(
      [
        "https://hooks.example.org/rdv",
        "https://93.184.216.34/rdv",
        "https://[2606:4700::1111]/rdv",
        "http://hooks.example.org/rdv",
        "https://10.0.0.1/",
        "https://192.168.1.10/",
        "https://172.16.0.1/",
        "https://127.0.0.1/",
        "https://0x7f.1/",
        "https://2130706433/",
        "https://169.254.169.254/latest/meta-data",
        "https://0.0.0.0/",
        "https://[::1]/",
        "https://[::]/",
        "https://[fe80::1]/",
        "https://[fd00::1]/",
        "https://[::ffff:10.0.0.1]/",
        "https://[::ffff:7f00:1]/",
        "https://intranet.example.org/",
        "https://mixed.example.org/",
        "https://nowhere.example.org/",
        "ftp://hooks.example.org/",
        "https://user:pw@hooks.example.org/",
        "pas une adresse",
      ].map(async (url) => [url, await strict(url)]),
    );
    expect(Object.fromEntries(answers)).toEqual({
      "https://hooks.example.org/rdv": "ok",
      "https://93.184.216.34/rdv": "ok",
      "https://[2606:4700::1111]/rdv": "ok",
      "http://hooks.example.org/rdv": "https_required",
      "https://10.0.0.1/": "address_refused",
      "https://192.168.1.10/": "address_refused",
      "https://172.16.0.1/": "address_refused",
      "https://127.0.0.1/": "address_refused",
      "https://0x7f.1/": "address_refused",
      "https://2130706433/": "address_refused",
      "https://169.254.169.254/latest/meta-data": "address_refused",
      "https://0.0.0.0/": "address_refused",
      "https://[::1]/": "address_refused",
      "https://[::]/": "address_refused",
      "https://[fe80::1]/": "address_refused",
      "https://[fd00::1]/": "address_refused",
      "https://[::ffff:10.0.0.1]/": "address_refused",
      "https://[::ffff:7f00:1]/": "address_refused",
      "https://intranet.example.org/": "address_refused",
      "https://mixed.example.org/": "address_refused",
      "https://nowhere.example.org/": "unresolved",
      "ftp://hooks.example.org/": "invalid_url",
      "https://user:pw@hooks.example.org/": "invalid_url",
      "pas une adresse": "invalid_url",
    });
    // the local stack allows loopback, over HTTP too; never a private network
    expect(await Webhook.check("http://127.0.0.1:8080/hooks", true).then(() => "ok")).toBe("ok");
    expect(await Webhook.check("http://10.0.0.1/hooks", true).catch((error: Webhook.AddressRefused) => error.reason)).toBe("address_refused");
  });

  it("refuses such a subscription with the field named and writes nothing", async () => {
    delete process.env.RDV_WEBHOOK_ALLOW_LOOPBACK;
    try {
      Webhook.useResolver(async () => [{ address: "10.1.2.3", family: 4 }]);
      expect(await code(() => Webhook.create({ organisationId: id("mds-lens"), url: "https://intranet.example.org/hooks", events: ["appointment.created"] }, bruno, NOW))).toEqual({
        code: "request.invalid",
        fields: { url: "cette adresse mène à un réseau privé ou local : elle est refusée" },
      });
      expect(await code(() => Webhook.create({ organisationId: id("mds-lens"), url: "http://127.0.0.1:9/hooks", events: ["appointment.created"] }, bruno, NOW))).toMatchObject({ fields: { url: expect.any(String) } });
      expect((await Webhook.list({ organisationId: id("mds-lens") }, bruno)).webhooks.filter((w) => w.url.includes("intranet") || w.url.includes(":9/"))).toEqual([]);
    } finally {
      process.env.RDV_WEBHOOK_ALLOW_LOOPBACK = "1";
    }
  });

  it("checks again at delivery: a name rebound to a private address after subscribing is never reached", async () => {
    const r = await receiver();
    receivers.push(r);
    const port = new URL(r.url).port;
    Webhook.useResolver(async () => [{ address: "127.0.0.1", family: 4 }]);
    const hook = await Webhook.create({ organisationId: id("mds-arras"), url: `http://rebind.example.org:${port}/hooks`, events: ["appointment.created"] }, bruno, NOW);
    Webhook.useResolver(async () => [{ address: "10.0.0.5", family: 4 }]);
    await book();
    await Webhook.reconcile(NOW);
    expect(r.received).toEqual([]);
    expect((await deliveriesOf(hook.id)).map((d) => [d.status, d.attempts, d.lastError])).toEqual([["pending", 1, "address_refused"]]);
    // resolved to the allowed address again: the receiver gets it, through the pinned address
    Webhook.useResolver(async () => [{ address: "127.0.0.1", family: 4 }]);
    await Webhook.reconcile(at(30_000));
    expect(r.received).toHaveLength(1);
    expect(r.received[0]!.headers.host).toBe(`rebind.example.org:${port}`);
  });
});
