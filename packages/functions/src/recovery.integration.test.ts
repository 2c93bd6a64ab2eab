import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as ServiceUser from "@rdv/core/service-user";
import * as Session from "@rdv/core/session";
import * as Sms from "@rdv/core/sms";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as AgentAppointments from "./agent-appointments";
import * as AgentCallList from "./agent-call-list";
import * as AgentServiceUsers from "./agent-service-users";
import * as AgentStats from "./agent-stats";
import * as Auth from "./agent-auth";
import * as DeliveryReports from "./delivery-reports";
import { invoke } from "./testing/invoke";

/**
 * Recovering freed time (issue #14) through the agent API on DynamoDB Local: delivery reports on
 * the appointment page, the call list and its outcomes, and the statistics they feed.
 * Monday 7 December 2026, Alice's morning at Arras; "now" is the Saturday before.
 */
const NOW = new Date("2026-12-05T08:00:00Z");
const PASSWORD = "mot-de-passe-solide-2026";
const p = `c${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;

beforeAll(async () => {
  Clock.startAt(NOW);
  const base = smallDepartment(p);
  await DepartmentFile.load({
    ...base,
    absences: [],
    appointments: [
      // an earlier no-show in the file, then one marked by an agent (below): the usager's count is 2
      { id: id("older"), motifId: id("consult"), placeId: id("place-arras"), agentIds: [id("alice")], start: "2026-11-23T09:00", status: "noshow", serviceUsers: [{ id: id("u-past"), firstName: "Paul", lastName: "Passé", phone: "0611223344" }] },
      { id: id("past"), motifId: id("consult"), placeId: id("place-arras"), agentIds: [id("alice")], start: "2026-11-30T09:00", status: "booked", serviceUsers: [{ id: id("u-past"), firstName: "Paul", lastName: "Passé", phone: "0611223344" }] },
    ],
  });
  for (const agent of ["alice", "bruno"]) await Session.setPassword(id(agent), PASSWORD);
});
afterEach(() => Sms.use(undefined));

async function signIn(agent: string) {
  const response = await invoke(Auth.signIn, { method: "POST", body: { email: `${p}.${agent}@demo.rdv.local`, password: PASSWORD } });
  expect(response.status).toBe(200);
  return { cookies: response.cookies.map((c) => c.split(";")[0]!), csrf: (response.body as { csrfToken: string }).csrfToken };
}
type Who = Awaited<ReturnType<typeof signIn>>;
const get = (handler: Parameters<typeof invoke>[0], who: Who, query: Record<string, string> = {}, params?: Record<string, string>) => invoke(handler, { query, params, cookies: who.cookies });
const post = (handler: Parameters<typeof invoke>[0], who: Who, body: unknown, params?: Record<string, string>, headers: Record<string, string> = {}) =>
  invoke(handler, { method: "POST", body, params, cookies: who.cookies, headers: { "x-csrf-token": who.csrf, ...headers } });

async function book(who: Who, time: string, usager: { serviceUserId: string } | { serviceUser: { firstName: string; lastName: string; phone?: string } }) {
  const response = await post(AgentAppointments.book, who, { motifId: id("consult"), placeId: id("place-arras"), startsAt: `2026-12-07T${time}:00+01:00`, ...usager }, undefined, { "idempotency-key": `${p}-${time}-${randomUUID()}` });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return (response.body as { id: string }).id;
}

/** A CloudWatch Logs subscription payload of SNS delivery log lines. */
const subscription = (lines: Array<{ messageId: string; status: "SUCCESS" | "FAILURE"; providerResponse: string }>) => ({
  awslogs: {
    data: gzipSync(
      JSON.stringify({
        messageType: "DATA_MESSAGE",
        logGroup: "sns/eu-west-3/123456789012/DirectPublishToPhoneNumber",
        logEvents: lines.map((line, i) => ({
          id: String(i),
          timestamp: NOW.getTime(),
          message: JSON.stringify({ notification: { messageId: line.messageId, timestamp: "2026-12-05 08:00:02.250" }, delivery: { destination: "+33600000000", providerResponse: line.providerResponse }, status: line.status }),
        })),
      }),
    ).toString("base64"),
  },
});

interface Item { appointmentId: string; startsAt: string; status: string; motifName: string; serviceUser: { id: string; firstName: string; lastName: string; phone?: string }; reasons: string[]; outcome?: { outcome: string; at: string; agentName: string } }

describe("recovering freed time through the agent API", () => {
  const ids: Record<string, string> = {};
  let snsMessageId = "";

  beforeAll(async () => {
    const alice = await signIn("alice");
    // the usager of the past appointment did not come
    expect((await post(AgentAppointments.setStatus, alice, { status: "noshow" }, { id: id("past") })).status).toBe(200);
    ids.a = await book(alice, "09:00", { serviceUser: { firstName: "Anne", lastName: "Assurée", phone: "0612345678" } });
    ids.b = await book(alice, "09:30", { serviceUser: { firstName: "Bea", lastName: "Bloquée", phone: "0612345699" } });
    const noPhone = await post(AgentServiceUsers.createServiceUser, alice, { organisationId: id("mds-arras"), firstName: "Cyril", lastName: "Sansportable" });
    ids.c = await book(alice, "10:00", { serviceUserId: (noPhone.body as { id: string }).id });
    ids.d = await book(alice, "10:30", { serviceUserId: id("u-past") });
    Clock.startAt(new Date("2026-11-01T08:00:00Z")); // five weeks ahead
    ids.e = await book(alice, "11:00", { serviceUser: { firstName: "Émile", lastName: "Enavance", phone: "0622222222" } });
    // an SMS provider that reports later (SNS), a day before now
    Clock.startAt(new Date("2026-12-04T08:00:00Z"));
    Sms.use({ send: async () => ({ messageId: (snsMessageId = randomUUID()) }) });
    ids.f = await book(alice, "11:30", { serviceUser: { firstName: "Fanny", lastName: "Finlog", phone: "0633333333" } });
    Sms.use(undefined);
    Clock.startAt(new Date(NOW.getTime() + 60_000)); // a minute on: later than the first bookings
  });

  it("shows each message's delivery on the appointment page: delivered, or failed with the carrier's words (test numbers ending in 99)", async () => {
    const alice = await signIn("alice");
    const receipts = async (appointmentId: string) =>
      ((await get(AgentAppointments.detail, alice, {}, { id: appointmentId })).body as { receipts: Array<Record<string, unknown>> }).receipts.map(({ kind, status, reason, reportedAt }) => ({ kind, status, reason, reportedAt }));
    expect(await receipts(ids.a!)).toEqual([{ kind: "confirmation", status: "delivered", reason: "Message has been accepted by phone carrier", reportedAt: expect.stringMatching(/^2026-12-05T08:0/) }]);
    expect(await receipts(ids.b!)).toEqual([{ kind: "confirmation", status: "failed", reason: "Phone is currently unreachable/unavailable", reportedAt: expect.stringMatching(/^2026-12-05T08:0/) }]);
    expect(await receipts(ids.f!)).toEqual([{ kind: "confirmation", status: "sent", reason: undefined, reportedAt: undefined }]);
  });

  it("lists the appointments of the next 3 days to phone, with why, soonest first; never another organisation's", async () => {
    const alice = await signIn("alice");
    const response = await get(AgentCallList.list, alice);
    expect(response.status).toBe(200);
    const body = response.body as { days: number; items: Item[] };
    expect(body.days).toBe(3);
    expect(body.items.map((i) => [i.appointmentId, i.reasons])).toEqual([
      [ids.b, ["sms_failed"]],
      [ids.c, ["no_mobile"]],
      [ids.d, ["previous_noshow"]],
      [ids.e, ["booked_long_ago"]],
      [ids.f, ["sms_not_delivered"]],
    ]);
    expect(body.items[0]).toEqual({
      appointmentId: ids.b,
      startsAt: "2026-12-07T09:30:00+01:00",
      status: "booked",
      motifName: "Consultation nourrisson",
      serviceUser: { id: expect.any(String), firstName: "Bea", lastName: "Bloquée", phone: "+33612345699" },
      reasons: ["sms_failed"],
    });
    expect(body.items[1]!.serviceUser.phone).toBeUndefined();
    // one no-show from the imported file, one marked by an agent
    expect((await ServiceUser.fromId(id("u-past")))?.noShows).toBe(2);
    // an organisation the agent does not belong to; the same with a name the agent cannot have
    expect(await get(AgentCallList.list, alice, { organisation: id("mds-lens") })).toMatchObject({ status: 403, body: { error: { code: "auth.forbidden" } } });
    expect(await get(AgentCallList.list, alice, { organisation: "../x" })).toMatchObject({ status: 400, body: { error: { fields: { organisationId: expect.any(String) } } } });
  });

  it("a late SNS delivery report through the log subscription marks the message delivered and takes it off the list; an unknown one is ignored", async () => {
    const alice = await signIn("alice");
    const result = await DeliveryReports.handler(
      subscription([
        { messageId: snsMessageId, status: "SUCCESS", providerResponse: "Message has been accepted by phone carrier" },
        { messageId: randomUUID(), status: "FAILURE", providerResponse: "Unknown error attempting to reach phone" },
      ]),
    );
    expect(result).toEqual({ applied: 1, unknown: 1, ignored: 0 });
    expect(await DeliveryReports.handler(subscription([{ messageId: snsMessageId, status: "FAILURE", providerResponse: "late" }]))).toEqual({ applied: 0, unknown: 0, ignored: 1 });
    const detail = (await get(AgentAppointments.detail, alice, {}, { id: ids.f! })).body as { receipts: Array<{ status: string; reason?: string }> };
    expect(detail.receipts.map((r) => [r.status, r.reason])).toEqual([["delivered", "Message has been accepted by phone carrier"]]);
    const items = ((await get(AgentCallList.list, alice)).body as { items: Item[] }).items;
    expect(items.map((i) => i.appointmentId)).toEqual([ids.b, ids.c, ids.d, ids.e]);
  });

  it("records each call's outcome, audited; 'cancelled' cancels the appointment; checks the appointment and the outcome", async () => {
    const alice = await signIn("alice");
    const bruno = await signIn("bruno");
    expect(await post(AgentCallList.record, alice, { outcome: "peut-être" }, { appointmentId: ids.b! })).toMatchObject({ status: 400, body: { error: { fields: { outcome: expect.any(String) } } } });
    expect(await post(AgentCallList.record, alice, {}, { appointmentId: ids.b! })).toMatchObject({ status: 400, body: { error: { fields: { outcome: expect.any(String) } } } });
    expect((await post(AgentCallList.record, alice, { outcome: "confirmed" }, { appointmentId: `${p}-inconnu` })).status).toBe(404);
    expect((await invoke(AgentCallList.record, { method: "POST", body: { outcome: "confirmed" }, params: { appointmentId: ids.b! }, cookies: alice.cookies })).status).toBe(403); // no CSRF token

    expect(await post(AgentCallList.record, alice, { outcome: "confirmed" }, { appointmentId: ids.b! })).toMatchObject({ status: 200, body: { outcome: { outcome: "confirmed", at: expect.stringMatching(/^2026-12-05T08:0/), agentName: "Alice Martin" } } });
    expect((await post(AgentCallList.record, alice, { outcome: "unreachable" }, { appointmentId: ids.d! })).status).toBe(200);
    expect((await post(AgentCallList.record, bruno, { outcome: "confirmed" }, { appointmentId: ids.d! })).status).toBe(200); // called back, reached
    expect(await post(AgentCallList.record, alice, { outcome: "cancelled" }, { appointmentId: ids.c! })).toMatchObject({ status: 200, body: { outcome: { outcome: "cancelled" } } });
    // again (a retried request): the same answer, nothing cancelled twice
    expect(await post(AgentCallList.record, alice, { outcome: "cancelled" }, { appointmentId: ids.c! })).toMatchObject({ status: 200, body: { outcome: { outcome: "cancelled" } } });

    const detail = (await get(AgentAppointments.detail, alice, {}, { id: ids.c! })).body as { status: string; audit: Array<{ action: string; agentName: string; changes: unknown }> };
    expect(detail.status).toBe("revoked");
    // the cancellation and the call's outcome share the request's instant: in either order
    expect(detail.audit.map((a) => [a.action, a.agentName, a.changes]).sort((x, y) => String(x[0]).localeCompare(String(y[0])))).toEqual([
      ["book", "Alice Martin", expect.anything()],
      ["call", "Alice Martin", { callOutcome: [null, "cancelled"] }],
      ["revoke", "Alice Martin", { status: ["booked", "revoked"] }],
    ]);
    const audit = ((await get(AgentAppointments.detail, alice, {}, { id: ids.d! })).body as { audit: Array<{ action: string; agentName: string; changes: unknown }> }).audit.filter((a) => a.action === "call");
    expect(audit.map((a) => [a.agentName, a.changes])).toEqual([
      ["Alice Martin", { callOutcome: [null, "unreachable"] }],
      ["Bruno Lefebvre", { callOutcome: ["unreachable", "confirmed"] }],
    ]);
    // a cancelled appointment cannot be confirmed by a call
    expect(await post(AgentCallList.record, alice, { outcome: "confirmed" }, { appointmentId: ids.c! })).toMatchObject({ status: 409, body: { error: { code: "appointment.not_booked" } } });

    const items = ((await get(AgentCallList.list, alice)).body as { items: Item[] }).items;
    expect(items.map((i) => [i.appointmentId, i.status, i.outcome?.outcome, i.outcome?.agentName])).toEqual([
      [ids.b, "booked", "confirmed", "Alice Martin"],
      [ids.c, "revoked", "cancelled", "Alice Martin"],
      [ids.d, "booked", "confirmed", "Bruno Lefebvre"],
      [ids.e, "booked", undefined, undefined],
    ]);
  });

  it("counts it all per month and service: cancellations by how long before, freed time taken again, SMS delivered, call outcomes; the same table as CSV", async () => {
    const alice = await signIn("alice");
    // the slot the call freed (Monday 10:00) is taken again by another usager
    ids.g = await book(alice, "10:00", { serviceUser: { firstName: "Gaston", lastName: "Reprise", phone: "0644444444" } });
    const response = await get(AgentStats.stats, alice, { organisation: id("mds-arras"), from: "2026-11", to: "2026-12" });
    expect(response.status).toBe(200);
    const rows = (response.body as { rows: Array<Record<string, unknown>> }).rows;
    expect(rows.map((r) => r.month)).toEqual(["2026-11", "2026-12"]);
    expect(rows[1]).toEqual({
      month: "2026-12", serviceId: id("pmi"), serviceName: "PMI",
      total: 7, online: 0, agent: 7, booked: 6, seen: 0, excused: 0, revoked: 1, noshow: 0, noShowRate: null,
      cancelledUnder1Day: 0, cancelled1To7Days: 1, cancelledOver7Days: 0,
      // the call's cancellation freed Monday 10:00 (still to come); Gaston's booking took it again
      freed: 1, refilled: 1, refillRate: 100,
      smsSent: 6, smsDelivered: 5, smsFailed: 1, smsDeliveredRate: 83.3,
      callConfirmed: 2, callCancelled: 1, callUnreachable: 0,
    });
    expect(rows[0]).toMatchObject({ month: "2026-11", noshow: 2, noShowRate: 100, smsSent: 0, freed: 0, refillRate: null, smsDeliveredRate: null });

    const csv = await get(AgentStats.statsCsv, alice, { organisation: id("mds-arras"), from: "2026-12", to: "2026-12" });
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toBe(`attachment; filename="statistiques-${id("mds-arras")}-2026-12-2026-12.csv"`);
    expect(csv.raw!.toString("utf8")).toBe(
      "\ufeffMois;Service;Rendez-vous;Honorés;Lapins;Taux de lapins (%);Excusés;Annulés par le service;Annulés moins de 24 h avant;Annulés 1 à 7 jours avant;Annulés plus de 7 jours avant;Créneaux libérés;Créneaux repris;Taux de reprise (%);SMS envoyés;SMS reçus;SMS non reçus;Taux de SMS reçus (%);Appels : confirmés;Appels : annulés;Appels : injoignables\n" +
        "2026-12;PMI;7;0;0;;0;1;0;1;0;1;1;100;6;5;1;83,3;2;1;0\n",
    );
    expect(await get(AgentStats.statsCsv, alice, { organisation: id("mds-arras"), from: "2026-12", to: "2026-11" })).toMatchObject({ status: 400, body: { error: { fields: { to: expect.any(String) } } } });
    expect((await get(AgentStats.statsCsv, alice, { organisation: id("mds-lens"), from: "2026-12", to: "2026-12" })).status).toBe(403);
  });
});
