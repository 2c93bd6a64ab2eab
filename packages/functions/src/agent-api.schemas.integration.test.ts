import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import {
  AgendaInfo, AgentMeInfo, AgentSlotsInfo, ApiErrorBody, AppointmentDetailInfo, Booked, CallListInfo, CallOutcomeInfo, ConfigurationInfo, OutboxInfo, SavedInfo,
  ServiceUserInfo, ServiceUserSearchInfo, SessionCreatedInfo, StatsInfo, ToMarkInfo,
} from "@rdv/core/schema";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as AgentAgenda from "./agent-agenda";
import * as AgentAppointments from "./agent-appointments";
import * as AgentCallList from "./agent-call-list";
import * as AgentConfiguration from "./agent-configuration";
import * as AgentServiceUsers from "./agent-service-users";
import * as AgentStats from "./agent-stats";
import * as Auth from "./agent-auth";
import * as DevOutbox from "./dev-outbox";
import { invoke } from "./testing/invoke";

/** the agent routes' handlers, across their modules */
const Agent = { ...AgentAgenda, ...AgentAppointments, ...AgentConfiguration, ...AgentServiceUsers, ...AgentStats };

// The agent API's answer schemas (core's schema entry point, which the site validates answers
// with) against what the handlers really send: every GET route and the commands' answers.

const PASSWORD = "mot-de-passe-solide-2026";
const p = `s${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;

/**
 * The schema reads the body exactly: parsing succeeds and gives the body back unchanged. A
 * missing or renamed required field fails the parse; a renamed optional field or a field the
 * schema does not declare is dropped by the parse, so the result differs from the body.
 */
function expectExactly(schema: z.ZodType, body: unknown) {
  const parsed = schema.safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  expect(parsed.data).toStrictEqual(body);
}

function readsExactly(schema: z.ZodType, body: unknown): boolean {
  const parsed = schema.safeParse(body);
  return parsed.success && isDeepStrictEqual(parsed.data, body);
}

beforeAll(async () => {
  Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  const base = smallDepartment(p);
  await DepartmentFile.load({
    ...base,
    appointments: [
      ...base.appointments!,
      { id: id("past"), motifId: id("consult"), placeId: id("place-arras"), agentIds: [id("alice")], start: "2026-11-30T09:00", status: "booked", serviceUsers: [{ id: id("u-past"), firstName: "Paul", lastName: "Passé", phone: "0611223344", email: "paul@example.org" }] },
    ],
  });
  for (const agent of ["alice", "bruno"]) await Session.setPassword(id(agent), PASSWORD);
});

async function signIn(agent: string) {
  const response = await invoke(Auth.signIn, { method: "POST", body: { email: `${p}.${agent}@demo.rdv.local`, password: PASSWORD } });
  expect(response.status).toBe(200);
  expectExactly(SessionCreatedInfo, response.body);
  return { cookies: response.cookies.map((c) => c.split(";")[0]!), csrf: (response.body as { csrfToken: string }).csrfToken };
}

type Who = Awaited<ReturnType<typeof signIn>>;
async function get(handler: Parameters<typeof invoke>[0], who: Who, query: Record<string, string> = {}, params?: Record<string, string>) {
  const response = await invoke(handler, { query, params, cookies: who.cookies });
  expect(response.status).toBe(200);
  return response.body;
}
async function post(handler: Parameters<typeof invoke>[0], who: Who, body: unknown, params?: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await invoke(handler, { method: "POST", body, params, cookies: who.cookies, headers: { "x-csrf-token": who.csrf, ...headers } });
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  return response.body;
}

describe("the agent API's answer schemas", () => {
  it("read /v1/agent/me exactly (memberships with their organisation names)", async () => {
    const bruno = await signIn("bruno");
    const me = await get(Auth.show, bruno);
    expectExactly(AgentMeInfo, me);
    expect((me as AgentMeInfo).memberships.map((m) => m.organisationName).sort()).toEqual(["MDS Arras", "MDS Lens"]);
    expectExactly(AgentMeInfo, await post(Auth.switchOrganisation, bruno, { organisationId: id("mds-lens") }));
  });

  it("read the agenda exactly: appointments, a collective session, openings and an absence with its title", async () => {
    const alice = await signIn("alice");
    const bruno = await signIn("bruno");
    expectExactly(AppointmentDetailInfo, await post(Agent.createSession, bruno, { motifId: id("atelier"), placeId: id("place-arras"), startsAt: "2026-12-17T14:00:00+01:00", agentIds: [id("alice")] }));
    expectExactly(SavedInfo, await post(Agent.saveAbsence, alice, { agentId: id("alice"), title: "Formation", start: "2026-12-15T14:00", end: "2026-12-15T17:00" }));
    const agenda = (await get(Agent.agenda, alice, { organisation: id("mds-arras"), from: "2026-12-07", to: "2026-12-20" })) as AgendaInfo;
    expectExactly(AgendaInfo, agenda);
    expect(agenda.appointments.map((a) => [a.label, a.collective, a.capacity])).toEqual([
      ["Dubois Chloé (Léo)", false, undefined],
      ["Séance collective (0/6)", true, 6],
    ]);
    expect(agenda.absences.map((a) => a.title ?? "")).toEqual(expect.arrayContaining(["", "Formation"]));
    expect(agenda.openings.length).toBeGreaterThan(0);
  });

  it("read slots, a booking, the appointment detail (receipts, relative, audit changes) and the to-mark list exactly", async () => {
    const alice = await signIn("alice");
    const slots = (await get(Agent.slots, alice, { motif: id("consult"), place: id("place-arras"), from: "2026-12-07", to: "2026-12-07" })) as AgentSlotsInfo;
    expectExactly(AgentSlotsInfo, slots);
    expect(slots.slots[0]).toEqual({ startsAt: "2026-12-07T09:00:00+01:00", endsAt: "2026-12-07T09:30:00+01:00", agentIds: [id("alice")] });

    const booked = await post(Agent.book, alice, { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-07T10:00:00+01:00", serviceUserId: id("usager-1"), relative: { firstName: "Léo", lastName: "Dubois" } }, undefined, { "idempotency-key": `k-${p}` });
    expectExactly(Booked, booked);
    const detail = (await get(Agent.detail, alice, {}, { id: (booked as Booked).id })) as AppointmentDetailInfo;
    expectExactly(AppointmentDetailInfo, detail);
    expect(detail.receipts.map((r) => [r.kind, r.to])).toEqual([["confirmation", "+33612345678"]]);
    expect(detail.participants.map((x) => [x.serviceUser?.lastName, x.relative?.firstName])).toEqual([["Dubois", "Léo"]]);

    const toMark = (await get(Agent.toMark, alice, { organisation: id("mds-arras") })) as ToMarkInfo;
    expectExactly(ToMarkInfo, toMark);
    expect(toMark.appointments.map((a) => a.id)).toEqual([id("past")]);
    const marked = (await post(Agent.setStatus, alice, { status: "seen" }, { id: id("past") })) as AppointmentDetailInfo;
    expectExactly(AppointmentDetailInfo, marked);
    expect(marked.audit.map((a) => a.changes)).toEqual([{ status: ["booked", "seen"] }]);
  });

  it("read usager search results and a created usager exactly", async () => {
    const alice = await signIn("alice");
    const found = (await get(Agent.searchServiceUsers, alice, { organisation: id("mds-arras"), q: "pass" })) as ServiceUserSearchInfo;
    expectExactly(ServiceUserSearchInfo, found);
    expect(found.serviceUsers).toEqual([{ id: id("u-past"), firstName: "Paul", lastName: "Passé", phone: "+33611223344", email: "paul@example.org", smsOptOut: false }]);
    expectExactly(ServiceUserInfo, await post(Agent.createServiceUser, alice, { organisationId: id("mds-arras"), firstName: "Sans", lastName: "Portable", birthDate: "2020-02-02" }));
  });

  it("read statistics rows exactly", async () => {
    const alice = await signIn("alice");
    const stats = (await get(Agent.stats, alice, { organisation: id("mds-arras"), from: "2026-11", to: "2026-12" })) as StatsInfo;
    expectExactly(StatsInfo, stats);
    expect(stats.rows.map((r) => r.month)).toEqual(["2026-11", "2026-12"]);
  });

  it("read the call list, with and without a call's outcome, and the outcome's answer exactly", async () => {
    const alice = await signIn("alice");
    const created = (await post(Agent.createServiceUser, alice, { organisationId: id("mds-arras"), firstName: "Appel", lastName: "Sansportable" })) as ServiceUserInfo;
    const booked = (await post(Agent.book, alice, { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-03T10:00:00+01:00", serviceUserId: created.id, acknowledgeWarnings: true, agentIds: [id("alice")] }, undefined, { "idempotency-key": `call-${p}` })) as Booked;
    const before = (await get(AgentCallList.list, alice)) as CallListInfo;
    expectExactly(CallListInfo, before);
    expect(before.items.find((i) => i.appointmentId === booked.id)?.reasons).toEqual(["no_mobile"]);
    expectExactly(CallOutcomeInfo, await post(AgentCallList.record, alice, { outcome: "unreachable" }, { appointmentId: booked.id }));
    const after = (await get(AgentCallList.list, alice, { organisation: id("mds-arras") })) as CallListInfo;
    expectExactly(CallListInfo, after);
    expect(after.items.find((i) => i.appointmentId === booked.id)?.outcome).toMatchObject({ outcome: "unreachable", agentName: "Alice Martin" });
  });

  it("read the configuration lists exactly (places with and without phone, a collective motif, rules with exceptions, absences)", async () => {
    const bruno = await signIn("bruno");
    expectExactly(SavedInfo, await post(Agent.saveOpeningRule, bruno, { agentId: id("bruno"), placeId: id("place-arras"), motifIds: [id("consult")], firstDay: "2026-12-21", start: "14:00", end: "16:00" }));
    const configuration = (await get(Agent.configuration, bruno, { organisation: id("mds-arras") })) as ConfigurationInfo;
    expectExactly(ConfigurationInfo, configuration);
    expect(configuration.motifs.map((m) => [m.name, m.collective, m.capacity]).sort()).toEqual([["Atelier portage", true, 6], ["Consultation nourrisson", false, undefined]]);
    expect(configuration.openingRules.find((r) => r.id === id("rule-alice"))).toMatchObject({ recurrence: { everyWeeks: 1 }, exceptions: [{ day: "2026-12-10", cancelled: true }] });
    const single = configuration.openingRules.find((r) => r.agentId === id("bruno"))!;
    expect(["recurrence" in single, single.exceptions]).toEqual([false, []]);
    expectExactly(ConfigurationInfo, await get(Agent.configuration, bruno, { organisation: id("mds-lens") }));
  });

  it("read the local outbox and the API's errors exactly", async () => {
    const outbox = await invoke(DevOutbox.handler, { query: { limit: "20" } });
    expectExactly(OutboxInfo, outbox.body);
    expect((outbox.body as OutboxInfo).messages.length).toBeGreaterThan(0);
    const alice = await signIn("alice");
    const refused = await invoke(Agent.stats, { query: { organisation: id("mds-arras"), from: "novembre", to: "2026-12" }, cookies: alice.cookies });
    expect(refused.status).toBe(400);
    expectExactly(ApiErrorBody, refused.body);
  });

  it("notice a renamed field: required (the parse fails) or optional (the parse drops it)", async () => {
    const alice = await signIn("alice");
    const found = (await get(Agent.searchServiceUsers, alice, { organisation: id("mds-arras"), q: "pass" })) as ServiceUserSearchInfo;
    const user = found.serviceUsers[0]!;
    const rename = (from: string, to: string) => {
      const { [from]: value, ...rest } = user as unknown as Record<string, unknown>;
      return { serviceUsers: [{ ...rest, [to]: value }] };
    };
    expect(readsExactly(ServiceUserSearchInfo, found)).toBe(true);
    expect(readsExactly(ServiceUserSearchInfo, rename("lastName", "surname"))).toBe(false);
    expect(readsExactly(ServiceUserSearchInfo, rename("phone", "phoneNumber"))).toBe(false);
    const detail = (await get(Agent.detail, alice, {}, { id: id("rdv-1") })) as Record<string, unknown>;
    const { reminderAt, ...withoutReminder } = detail;
    expect(readsExactly(AppointmentDetailInfo, detail)).toBe(true);
    expect(readsExactly(AppointmentDetailInfo, { ...withoutReminder, reminderMoment: reminderAt })).toBe(false);
  });
});
