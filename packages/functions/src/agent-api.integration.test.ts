import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as Outbox from "@rdv/core/outbox";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import { tableSnapshot } from "@rdv/core/testing/table";
import * as AgentAgenda from "./agent-agenda";
import * as AgentAppointments from "./agent-appointments";
import * as AgentConfiguration from "./agent-configuration";
import * as AgentServiceUsers from "./agent-service-users";
import * as AgentStats from "./agent-stats";
import * as Auth from "./agent-auth";
import * as AgentExport from "./agent-export";
import { invoke } from "./testing/invoke";

/** the agent routes' handlers, across their modules */
const Agent = { ...AgentAgenda, ...AgentAppointments, ...AgentConfiguration, ...AgentServiceUsers, ...AgentStats };

const PASSWORD = "mot-de-passe-solide-2026";
const p = `a${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;

/** alice: agent, PMI at Arras; bruno: admin of Arras and Lens; carla: agent, social at Lens. */
beforeAll(async () => {
  Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  const base = smallDepartment(p);
  await DepartmentFile.load({
    ...base,
    agents: [
      ...base.agents!,
      { id: id("carla"), email: `${p}.carla@demo.rdv.local`, firstName: "Carla", lastName: "Petit", organisationIds: [id("mds-lens")], serviceIds: [id("social")], role: "agent" },
      // the secretariat works for no service in particular: it sees every service of its organisation
      { id: id("sacha"), email: `${p}.sacha@demo.rdv.local`, firstName: "Sacha", lastName: "Accueil", organisationIds: [id("mds-arras")], serviceIds: [], role: "secretariat" },
    ],
    appointments: [
      ...base.appointments!,
      { id: id("past"), motifId: id("consult"), placeId: id("place-arras"), agentIds: [id("alice")], start: "2026-11-30T09:00", status: "booked", serviceUsers: [{ id: id("u-past"), firstName: "Paul", lastName: "Passé", phone: "0611223344" }] },
      { id: id("lens"), motifId: id("social-phone"), placeId: id("place-lens"), agentIds: [id("bruno")], start: "2026-12-08T14:00", status: "booked", serviceUsers: [{ id: id("u-lens"), firstName: "Léa", lastName: "Lensoise", phone: "0622334455", email: "lea@example.org" }] },
    ],
  });
  for (const agent of ["alice", "bruno", "carla", "sacha"]) await Session.setPassword(id(agent), PASSWORD);
});

async function signIn(agent: string) {
  const response = await invoke(Auth.signIn, { method: "POST", body: { email: `${p}.${agent}@demo.rdv.local`, password: PASSWORD } });
  expect(response.status).toBe(200);
  const cookies = response.cookies.map((c) => c.split(";")[0]!);
  return { cookies, csrf: (response.body as { csrfToken: string }).csrfToken };
}

type Who = Awaited<ReturnType<typeof signIn>>;
const get = (handler: Parameters<typeof invoke>[0], who: Who, query: Record<string, string> = {}, params?: Record<string, string>) =>
  invoke(handler, { query, params, cookies: who.cookies });
const post = (handler: Parameters<typeof invoke>[0], who: Who, body: unknown, params?: Record<string, string>, headers: Record<string, string> = {}) =>
  invoke(handler, { method: "POST", body, params, cookies: who.cookies, headers: { "x-csrf-token": who.csrf, ...headers } });

describe("agent API", () => {
  it("signs in with secure cookies; no session is a 401; a state change without the CSRF token is a 403; sign-out ends it", async () => {
    const wrong = await invoke(Auth.signIn, { method: "POST", body: { email: `${p}.alice@demo.rdv.local`, password: "nope" } });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: "auth.invalid_credentials" } } });
    const response = await invoke(Auth.signIn, { method: "POST", body: { email: `${p}.alice@demo.rdv.local`, password: PASSWORD } });
    expect(response.cookies[0]).toMatch(/^rdv_session=[\w-]{43}; HttpOnly; Secure; SameSite=Lax; Path=\/; Max-Age=36000$/);
    expect(response.cookies[1]).toMatch(/^rdv_csrf=[\w-]{43}; Secure; SameSite=Lax; Path=\/; Max-Age=36000$/);
    const alice = await signIn("alice");
    expect(await get(Auth.show, alice)).toMatchObject({
      status: 200,
      body: { id: id("alice"), organisationId: id("mds-arras"), memberships: [{ organisationId: id("mds-arras"), organisationName: "MDS Arras", role: "agent" }] },
    });
    expect((await invoke(Auth.show, {})).status).toBe(401);
    const noCsrf = await invoke(Agent.createServiceUser, { method: "POST", cookies: alice.cookies, body: { organisationId: id("mds-arras"), firstName: "A", lastName: "B" } });
    expect(noCsrf).toMatchObject({ status: 403, body: { error: { code: "auth.forbidden" } } });
    // sign-out is a state change: without the CSRF token (a cross-site form) it is refused and the session lives on
    expect(await invoke(Auth.signOut, { method: "POST", cookies: alice.cookies, body: {} })).toMatchObject({ status: 403, body: { error: { code: "auth.forbidden" } }, cookies: [] });
    expect(await invoke(Auth.signOut, { method: "POST", cookies: alice.cookies, body: {}, headers: { "x-csrf-token": "autre-chose" } })).toMatchObject({ status: 403 });
    expect((await get(Auth.show, alice)).status).toBe(200);
    expect(await post(Auth.signOut, alice, {})).toMatchObject({ status: 200, cookies: [expect.stringMatching(/^rdv_session=; /), expect.stringMatching(/^rdv_csrf=; /)] });
    expect((await get(Auth.show, alice)).status).toBe(401);
  });

  it("an admin invites an agent by e-mail; the link sets a password and signs in; others may not invite", async () => {
    const bruno = await signIn("bruno");
    const email = `${p}.nouvelle@demo.rdv.local`;
    const invited = await post(Auth.invite, bruno, { email, firstName: "Nina", lastName: "Nouvelle", organisationId: id("mds-lens"), serviceIds: [id("social")], role: "agent" });
    expect(invited.status).toBe(201);
    const mail = (await Outbox.list({ limit: 50 })).find((m) => m.to === email)!;
    expect(mail).toMatchObject({ channel: "email", subject: "Invitation à RDV, l'agenda des services du département" });
    const token = mail.text.match(/\/agent\/invitation\/([\w-]+)/)![1]!;
    expect((await invoke(Auth.acceptInvitation, { method: "POST", body: { token, password: "court" } })).body).toMatchObject({ error: { fields: { password: "12 caractères au moins" } } });
    expect((await invoke(Auth.acceptInvitation, { method: "POST", body: { token, password: PASSWORD } })).status).toBe(200);
    expect((await invoke(Auth.acceptInvitation, { method: "POST", body: { token, password: PASSWORD } })).status).toBe(404); // used once
    expect((await invoke(Auth.signIn, { method: "POST", body: { email, password: PASSWORD } })).status).toBe(200);
    const alice = await signIn("alice");
    expect((await post(Auth.invite, alice, { email: "x@example.org", firstName: "X", lastName: "Y", organisationId: id("mds-arras"), serviceIds: [], role: "agent" })).status).toBe(403);
  });

  it("an agent sees only their organisations and services", async () => {
    const carla = await signIn("carla");
    const agenda = await get(Agent.agenda, carla, { organisation: id("mds-lens"), from: "2026-12-07", to: "2026-12-13" });
    expect(agenda.status).toBe(200);
    expect((agenda.body as { appointments: { id: string }[] }).appointments.map((a) => a.id)).toEqual([id("lens")]);
    expect((await get(Agent.agenda, carla, { organisation: id("mds-arras"), from: "2026-12-07", to: "2026-12-13" })).status).toBe(403);
    expect((await get(Agent.detail, carla, {}, { id: id("rdv-1") })).status).toBe(404);
    const alice = await signIn("alice");
    const aliceAgenda = (await get(Agent.agenda, alice, { organisation: id("mds-arras"), from: "2026-12-07", to: "2026-12-13" })).body as {
      appointments: { id: string; label: string }[]; openings: { day: string }[]; absences: unknown[];
    };
    expect(aliceAgenda.appointments.map((a) => [a.id, a.label])).toEqual([[id("rdv-1"), "Dubois Chloé (Léo)"]]);
    expect(aliceAgenda.openings.map((o) => o.day)).toEqual(["2026-12-07"]); // Thursday 10 is a cancelled occurrence
  });

  it("finds a slot (« Trouver un créneau »): each agent at each place, their next slots first; the agent's current organisation by default (before any booking of this file)", async () => {
    const alice = await signIn("alice");
    const response = await get(Agent.availability, alice, { motif: id("consult"), from: "2026-12-07", days: "7" });
    expect(response).toMatchObject({ status: 200 });
    expect(response.body).toEqual({
      from: "2026-12-07",
      to: "2026-12-13",
      results: [
        {
          motifId: id("consult"), placeId: id("place-arras"), agentId: id("alice"),
          slots: ["09:00", "10:00", "10:30", "11:00", "11:30"].map((time) => ({ startsAt: `2026-12-07T${time}:00+01:00`, endsAt: expect.stringMatching(/^2026-12-07T/) })),
        },
      ],
    });
    // Lens's motif asked of Arras: not found; a bad date names the field
    expect(await get(Agent.availability, alice, { motif: id("social-phone"), from: "2026-12-07" })).toMatchObject({ status: 404, body: { error: { code: "motif.not_found" } } });
    expect(await get(Agent.availability, alice, { motif: id("consult"), from: "2026-13-07" })).toMatchObject({ status: 400, body: { error: { fields: { from: expect.any(String) } } } });
  });

  it("books for an usager without a phone (no SMS, said why), outside the rules only when confirmed, never on top of another appointment", async () => {
    const alice = await signIn("alice");
    const created = await post(Agent.createServiceUser, alice, { organisationId: id("mds-arras"), firstName: "Sans", lastName: "Portable" });
    expect(created.status).toBe(201);
    const serviceUserId = (created.body as { id: string }).id;
    const body = { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-07T10:00:00+01:00", serviceUserId };
    const booked = await post(Agent.book, alice, body, undefined, { "idempotency-key": `k1-${p}` });
    expect(booked.status).toBe(201);
    const detail = (await get(Agent.detail, alice, {}, { id: (booked.body as { id: string }).id })).body as {
      participants: { noSmsReason?: string }[]; receipts: unknown[]; audit: { action: string; agentName: string }[]; createdBy: string;
    };
    expect(detail.participants[0]!.noSmsReason).toBe("no_mobile");
    expect(detail.receipts).toEqual([]);
    expect(detail.createdBy).toBe("agent");
    expect(detail.audit.map((a) => [a.action, a.agentName])).toEqual([["book", "Alice Martin"]]);

    const evening = { ...body, startsAt: "2026-12-07T18:00:00+01:00" };
    expect((await post(Agent.book, alice, evening, undefined, { "idempotency-key": `k2-${p}` })).body).toMatchObject({ error: { code: "appointment.needs_confirmation" } });
    const confirmed = await post(Agent.book, alice, { ...evening, acknowledgeWarnings: true, agentIds: [id("alice")] }, undefined, { "idempotency-key": `k3-${p}` });
    expect(confirmed.status).toBe(201);
    // a past time on the regular grid: also a confirmation, not a "slot taken"
    const past = { ...body, startsAt: "2026-11-30T10:00:00+01:00" };
    expect((await post(Agent.book, alice, past, undefined, { "idempotency-key": `k5-${p}` })).body).toMatchObject({ error: { code: "appointment.needs_confirmation" } });
    expect((await post(Agent.book, alice, { ...past, acknowledgeWarnings: true, agentIds: [id("alice")] }, undefined, { "idempotency-key": `k6-${p}` })).status).toBe(201);
    const onTop = await post(Agent.book, alice, { ...body, startsAt: "2026-12-07T18:15:00+01:00", acknowledgeWarnings: true, agentIds: [id("alice")] }, undefined, { "idempotency-key": `k4-${p}` });
    expect(onTop).toMatchObject({ status: 409, body: { error: { code: "appointment.slot_taken" } } });
  });

  it("marks past appointments (to-mark list), counts no-shows, refuses to mark the future; revokes with an SMS", async () => {
    const alice = await signIn("alice");
    const toMark = (await get(Agent.toMark, alice, { organisation: id("mds-arras") })).body as { appointments: { id: string }[] };
    expect(toMark.appointments.map((a) => a.id)).toContain(id("past"));
    const marked = await post(Agent.setStatus, alice, { status: "noshow" }, { id: id("past") });
    expect(marked).toMatchObject({ status: 200, body: { status: "noshow" } });
    expect((marked.body as { audit: { action: string; changes: unknown }[] }).audit.map((a) => [a.action, a.changes])).toEqual([["status", { status: ["booked", "noshow"] }]]);
    expect(((await get(Agent.toMark, alice, { organisation: id("mds-arras") })).body as { appointments: { id: string }[] }).appointments.map((a) => a.id)).not.toContain(id("past"));
    expect((await post(Agent.setStatus, alice, { status: "seen" }, { id: id("rdv-1") })).body).toMatchObject({ error: { code: "appointment.not_past" } });
    expect((await post(Agent.setStatus, alice, { status: "lapin" }, { id: id("past") })).status).toBe(400);

    const stats = (await get(Agent.stats, alice, { organisation: id("mds-arras"), from: "2026-11", to: "2026-12" })).body as { rows: Record<string, unknown>[] };
    // November: the imported past appointment (now a no-show) and the one booked in the past by the previous test
    expect(stats.rows.find((r) => r.month === "2026-11")).toMatchObject({ serviceName: "PMI", total: 2, agent: 2, booked: 1, noshow: 1, seen: 0, noShowRate: 100 });

    const revoked = await post(Agent.revoke, alice, {}, { id: id("rdv-1") });
    expect(revoked).toMatchObject({ status: 200, body: { status: "revoked" } });
    const sms = (await Outbox.list({ limit: 100 })).filter((m) => m.appointmentId === id("rdv-1"));
    expect(sms.map((m) => m.text)).toEqual(["[TEST] Le service a annulé votre RDV PMI pour Léo du lundi 7 décembre à 9h30. Pour reprendre RDV : 03 21 00 00 00 ou https://rdv.example.fr"]);
  });

  it("searches the organisation's usagers by name prefix, phone and e-mail, not other organisations'", async () => {
    const bruno = await signIn("bruno");
    const names = async (q: string, organisation = id("mds-lens")) =>
      ((await get(Agent.searchServiceUsers, bruno, { organisation, q })).body as { serviceUsers: { lastName: string }[] }).serviceUsers.map((u) => u.lastName);
    expect(await names("lenso")).toEqual(["Lensoise"]);
    expect(await names("06 22 33 44 55")).toEqual(["Lensoise"]);
    expect(await names("lea@example.org")).toEqual(["Lensoise"]);
    expect(await names("lenso", id("mds-arras"))).toEqual([]);
    expect(await names("0622334455", id("mds-arras"))).toEqual([]);
  });

  it("exports appointments as CSV and XLSX", async () => {
    const bruno = await signIn("bruno");
    const csv = await get(AgentExport.handler, bruno, { organisation: id("mds-lens"), from: "2026-12-01", to: "2026-12-31", format: "csv" });
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.raw!.toString("utf8")).toBe(
      "\ufeffDate;Début;Fin;Statut;Service;Motif;Lieu;Agents;Usager;Places prises;Pris par\n" +
        "08/12/2026;14:00;14:20;Prévu;Service social;Entretien téléphonique;MDS de Lens;Bruno Lefebvre;Lensoise Léa;;Agent\n",
    );
    const xlsx = await get(AgentExport.handler, bruno, { organisation: id("mds-lens"), from: "2026-12-01", to: "2026-12-31", format: "xlsx" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.raw! as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Rendez-vous")!;
    expect(sheet.getRow(2).values).toEqual([undefined, "08/12/2026", "14:00", "14:20", "Prévu", "Service social", "Entretien téléphonique", "MDS de Lens", "Bruno Lefebvre", "Lensoise Léa", "", "Agent"]);
  });

  it("admins configure places, motifs and opening rules; a cancelled occurrence removes its slots; agents may not configure", async () => {
    const bruno = await signIn("bruno");
    const alice = await signIn("alice");
    const place = { organisationId: id("mds-arras"), name: "Antenne de Dainville", address: "3 rue Neuve, 62000 Dainville", phone: "0321111111" };
    expect((await post(Agent.savePlace, alice, place)).status).toBe(403);
    const saved = await post(Agent.savePlace, bruno, place);
    expect(saved.status).toBe(200);
    const placeId = (saved.body as { id: string }).id;
    expect((await post(Agent.saveMotif, bruno, { organisationId: id("mds-arras"), serviceId: id("pmi"), name: "Pesée", durationMinutes: 7, locationType: "on_site" })).body).toMatchObject({
      error: { fields: { durationMinutes: "multiple de 5 minutes attendu" } },
    });
    const rule = { agentId: id("alice"), placeId, motifIds: [id("consult")], firstDay: "2026-12-08", start: "14:00", end: "15:00", recurrence: { everyWeeks: 1, weekdays: ["tue"] } };
    const ruleId = ((await post(Agent.saveOpeningRule, bruno, rule)).body as { id: string }).id;
    const slots = async () => ((await get(Agent.slots, bruno, { motif: id("consult"), place: placeId, from: "2026-12-08", to: "2026-12-15" })).body as { slots: { startsAt: string }[] }).slots.map((s) => s.startsAt);
    expect(await slots()).toEqual(["2026-12-08T14:00:00+01:00", "2026-12-08T14:30:00+01:00", "2026-12-15T14:00:00+01:00", "2026-12-15T14:30:00+01:00"]);
    expect((await post(Agent.editOccurrence, alice, { ruleId, exception: { day: "2026-12-15", cancelled: true } })).status).toBe(200); // her own rule
    expect(await slots()).toEqual(["2026-12-08T14:00:00+01:00", "2026-12-08T14:30:00+01:00"]);
  });

  it("merges a duplicate usager: appointments move to the kept record, the duplicate disappears", async () => {
    const bruno = await signIn("bruno");
    const dup = (await post(Agent.createServiceUser, bruno, { organisationId: id("mds-lens"), firstName: "Lea", lastName: "LENSOISE", email: "lea.bis@example.org" })).body as { id: string };
    const booked = await post(Agent.book, bruno, { motifId: id("social-phone"), placeId: id("place-lens"), startsAt: "2026-12-22T13:50:00+01:00", serviceUserId: dup.id }, undefined, { "idempotency-key": `km-${p}` });
    expect(booked.status).toBe(201);
    const merged = await post(Agent.mergeServiceUsers, bruno, { organisationId: id("mds-lens"), keepId: id("u-lens"), mergeId: dup.id });
    expect(merged).toMatchObject({ status: 200, body: { id: id("u-lens"), email: "lea@example.org", phone: "+33622334455" } });
    const detail = (await get(Agent.detail, bruno, {}, { id: (booked.body as { id: string }).id })).body as { participants: { serviceUser: { id: string } }[]; audit: { action: string }[] };
    expect(detail.participants.map((x) => x.serviceUser.id)).toEqual([id("u-lens")]);
    expect(detail.audit.map((a) => a.action)).toEqual(["book", "merge_usager"]);
    const found = ((await get(Agent.searchServiceUsers, bruno, { organisation: id("mds-lens"), q: "lensoise" })).body as { serviceUsers: { id: string }[] }).serviceUsers;
    expect(found.map((u) => u.id)).toEqual([id("u-lens")]);
    expect((await post(Agent.mergeServiceUsers, bruno, { organisationId: id("mds-lens"), keepId: id("u-lens"), mergeId: id("u-lens") })).status).toBe(400);
  });

  it("every agent endpoint refuses an agent of another organisation or service (403/404)", async () => {
    const carla = await signIn("carla"); // agent of the Lens MDS, social service only
    const arras = id("mds-arras");
    const calls: Array<[string, () => ReturnType<typeof invoke>]> = [
      ["agenda", () => get(Agent.agenda, carla, { organisation: arras, from: "2026-12-07", to: "2026-12-13" })],
      ["slots", () => get(Agent.slots, carla, { motif: id("consult"), place: id("place-arras"), from: "2026-12-07", to: "2026-12-13" })],
      ["availability", () => get(Agent.availability, carla, { organisation: arras, motif: id("consult"), from: "2026-12-07" })],
      ["book", () => post(Agent.book, carla, { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-14T09:00:00+01:00", serviceUser: { firstName: "A", lastName: "B" } }, undefined, { "idempotency-key": `kx-${p}` })],
      ["detail", () => get(Agent.detail, carla, {}, { id: id("rdv-1") })],
      ["status", () => post(Agent.setStatus, carla, { status: "seen" }, { id: id("past") })],
      ["revoke", () => post(Agent.revoke, carla, {}, { id: id("rdv-1") })],
      ["move", () => post(Agent.move, carla, { startsAt: "2026-12-14T09:00:00+01:00" }, { id: id("rdv-1") })],
      ["to-mark", () => get(Agent.toMark, carla, { organisation: arras })],
      ["session", () => post(Agent.createSession, carla, { motifId: id("atelier"), placeId: id("place-arras"), startsAt: "2026-12-14T14:00:00+01:00", agentIds: [id("alice")] })],
      ["search", () => get(Agent.searchServiceUsers, carla, { organisation: arras, q: "dubois" })],
      ["create usager", () => post(Agent.createServiceUser, carla, { organisationId: arras, firstName: "A", lastName: "B" })],
      ["merge", () => post(Agent.mergeServiceUsers, carla, { organisationId: arras, keepId: id("usager-1"), mergeId: id("u-past") })],
      ["stats", () => get(Agent.stats, carla, { organisation: arras, from: "2026-11", to: "2026-12" })],
      ["export", () => get(AgentExport.handler, carla, { organisation: arras, from: "2026-12-01", to: "2026-12-31", format: "csv" })],
      ["configuration", () => get(Agent.configuration, carla, { organisation: arras })],
      ["place", () => post(Agent.savePlace, carla, { organisationId: arras, name: "X", address: "Y" })],
      ["motif", () => post(Agent.saveMotif, carla, { organisationId: arras, serviceId: id("pmi"), name: "X", durationMinutes: 30, locationType: "on_site" })],
      ["rule", () => post(Agent.saveOpeningRule, carla, { agentId: id("alice"), placeId: id("place-arras"), motifIds: [id("consult")], firstDay: "2026-12-08", start: "14:00", end: "15:00" })],
      ["occurrence", () => post(Agent.editOccurrence, carla, { ruleId: id("rule-alice"), exception: { day: "2026-12-14", cancelled: true } })],
      ["delete rule", () => invoke(Agent.deleteOpeningRule, { method: "DELETE", params: { ruleId: id("rule-alice") }, cookies: carla.cookies, headers: { "x-csrf-token": carla.csrf } })],
      ["absence", () => post(Agent.saveAbsence, carla, { agentId: id("alice"), start: "2026-12-20T09:00", end: "2026-12-20T10:00" })],
      ["delete absence", () => post(Agent.deleteAbsence, carla, { agentId: id("alice"), absenceId: id("abs-alice") })],
      ["invite", () => post(Auth.invite, carla, { email: "x@example.org", firstName: "X", lastName: "Y", organisationId: arras, serviceIds: [], role: "admin" })],
      ["switch", () => post(Auth.switchOrganisation, carla, { organisationId: arras })],
    ];
    // an appointment of another organisation is not found (nothing tells it exists); everything else is forbidden
    const byId = new Set(["detail", "status", "revoke", "move"]);
    const before = await tableSnapshot();
    const outcomes: Array<[string, number, string]> = [];
    for (const [name, call] of calls) {
      const response = await call();
      outcomes.push([name, response.status, (response.body as { error: { code: string } }).error.code]);
    }
    expect(outcomes).toEqual(calls.map(([name]) => (byId.has(name) ? [name, 404, "appointment.not_found"] : [name, 403, "auth.forbidden"])));
    expect(await tableSnapshot()).toEqual(before);
  });

  it("checks every id inside a body against what the caller may see: unknown is a 400 naming the field, another organisation's is a 403, nothing is written", async () => {
    const alice = await signIn("alice"); // agent, PMI at Arras
    const bruno = await signIn("bruno"); // admin of Arras and Lens
    const booking = { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-21T18:00:00+01:00", serviceUser: { firstName: "Ida", lastName: "Corps" }, acknowledgeWarnings: true };
    const key = () => ({ "idempotency-key": `kb-${randomUUID()}` });
    const session = { motifId: id("atelier"), placeId: id("place-arras"), startsAt: "2026-12-21T14:00:00+01:00" };
    const rule = { placeId: id("place-arras"), firstDay: "2026-12-08", start: "14:00", end: "15:00" };
    const cases: Array<[string, () => ReturnType<typeof invoke>, number, Record<string, string>]> = [
      ["book: agent of another organisation", () => post(Agent.book, alice, { ...booking, agentIds: [id("carla")] }, undefined, key()), 403, { "agentIds[0]": "cet agent ne fait pas partie de cette organisation" }],
      ["book: unknown agent", () => post(Agent.book, alice, { ...booking, agentIds: [id("alice"), "zz-nobody"] }, undefined, key()), 400, { "agentIds[1]": "agent inconnu" }],
      ["book: malformed agent list", () => post(Agent.book, alice, { ...booking, agentIds: [5] }, undefined, key()), 400, { "agentIds[0]": "Invalid input: expected string, received number" }],
      ["book: usager of another organisation", () => post(Agent.book, alice, { ...booking, serviceUser: undefined, serviceUserId: id("u-lens"), agentIds: [id("alice")] }, undefined, key()), 400, { serviceUserId: "usager inconnu dans cette organisation" }],
      ["session: agents of other organisations", () => post(Agent.createSession, bruno, { ...session, agentIds: [id("alice"), id("carla")] }), 403, { "agentIds[1]": "cet agent ne fait pas partie de cette organisation" }],
      ["session: unknown agent", () => post(Agent.createSession, bruno, { ...session, agentIds: ["zz-nobody"] }), 400, { "agentIds[0]": "agent inconnu" }],
      ["rule: agent of another organisation", () => post(Agent.saveOpeningRule, bruno, { ...rule, agentId: id("carla"), motifIds: [id("consult")] }), 403, { agentId: "cet agent ne fait pas partie de cette organisation" }],
      ["rule: unknown agent", () => post(Agent.saveOpeningRule, bruno, { ...rule, agentId: "zz-nobody", motifIds: [id("consult")] }), 400, { agentId: "agent inconnu" }],
      ["rule: motif of another organisation", () => post(Agent.saveOpeningRule, bruno, { ...rule, agentId: id("alice"), motifIds: [id("consult"), id("social-phone")] }), 403, { "motifIds[1]": "ce motif appartient à une autre organisation" }],
      ["rule: unknown motif", () => post(Agent.saveOpeningRule, bruno, { ...rule, agentId: id("alice"), motifIds: ["zz-motif"] }), 400, { "motifIds[0]": "motif inconnu" }],
      ["rule: unknown place", () => post(Agent.saveOpeningRule, bruno, { ...rule, placeId: "zz-place", agentId: id("alice"), motifIds: [id("consult")] }), 400, { placeId: "lieu inconnu : zz-place" }],
      ["absence: unknown agent", () => post(Agent.saveAbsence, bruno, { agentId: "zz-nobody", start: "2026-12-20T09:00", end: "2026-12-20T10:00" }), 400, { agentId: "agent inconnu" }],
      ["motif: unknown service", () => post(Agent.saveMotif, bruno, { organisationId: id("mds-arras"), serviceId: "zz-service", name: "X", durationMinutes: 30, locationType: "on_site" }), 400, { serviceId: "service inconnu : zz-service" }],
    ];
    const before = await tableSnapshot();
    for (const [name, call, status, fields] of cases) {
      const response = await call();
      expect([name, response.status, (response.body as { error?: { fields?: unknown } }).error?.fields], JSON.stringify(response.body)).toEqual([name, status, fields]);
    }
    expect(await tableSnapshot()).toEqual(before);
  });

  it("a secretariat without any service sees and books every service of its organisation, and nothing of the others; it does not configure", async () => {
    const sacha = await signIn("sacha");
    expect((await get(Agent.detail, sacha, {}, { id: id("rdv-1") })).status).toBe(200); // PMI, Arras
    const agenda = (await get(Agent.agenda, sacha, { organisation: id("mds-arras"), from: "2026-12-07", to: "2026-12-13" })).body as { appointments: { id: string }[]; agents: { id: string }[] };
    expect(agenda.appointments.map((a) => a.id)).toContain(id("rdv-1"));
    expect(agenda.agents.map((a) => a.id).sort()).toEqual([id("alice"), id("bruno"), id("sacha")].sort());
    const booked = await post(
      Agent.book, sacha,
      { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-28T09:00:00+01:00", serviceUser: { firstName: "Sam", lastName: "Secrétariat" } },
      undefined, { "idempotency-key": `ksec-${p}` },
    );
    expect(booked.status).toBe(201);
    expect((await get(Agent.detail, sacha, {}, { id: id("lens") })).status).toBe(404); // Lens is not hers
    expect((await get(Agent.agenda, sacha, { organisation: id("mds-lens"), from: "2026-12-07", to: "2026-12-13" })).status).toBe(403);
    expect((await post(Agent.savePlace, sacha, { organisationId: id("mds-arras"), name: "X", address: "Y" })).status).toBe(403);
  });

  it("within an organisation, an agent does not see the appointments of another service (404)", async () => {
    const bruno = await signIn("bruno"); // admin: PMI and social
    const alice = await signIn("alice"); // agent: PMI only
    const motif = (await post(Agent.saveMotif, bruno, { organisationId: id("mds-arras"), serviceId: id("social"), name: "Accueil social", durationMinutes: 30, locationType: "on_site" })).body as { id: string };
    const booked = await post(
      Agent.book,
      bruno,
      { motifId: motif.id, placeId: id("place-arras"), startsAt: "2026-12-15T16:00:00+01:00", serviceUser: { firstName: "S", lastName: "Social" }, acknowledgeWarnings: true, agentIds: [id("bruno")] },
      undefined,
      { "idempotency-key": `ks-${p}` },
    );
    expect(booked.status).toBe(201);
    const appointmentId = (booked.body as { id: string }).id;
    expect((await get(Agent.detail, bruno, {}, { id: appointmentId })).status).toBe(200);
    expect((await get(Agent.detail, alice, {}, { id: appointmentId })).status).toBe(404);
    expect((await post(Agent.revoke, alice, {}, { id: appointmentId })).status).toBe(404);
    expect((await post(Agent.move, alice, { startsAt: "2026-12-15T16:30:00+01:00" }, { id: appointmentId })).status).toBe(404);
    expect((await post(Agent.setStatus, alice, { status: "seen" }, { id: appointmentId })).status).toBe(404);
    const agenda = (await get(Agent.agenda, alice, { organisation: id("mds-arras"), from: "2026-12-14", to: "2026-12-20" })).body as { appointments: { id: string }[] };
    expect(agenda.appointments.map((a) => a.id)).not.toContain(appointmentId);
    expect((await get(Agent.slots, alice, { motif: motif.id, place: id("place-arras"), from: "2026-12-14", to: "2026-12-20" })).status).toBe(403);
    // usagers are the organisation's (as in RDV Service Public): she finds this one, to book for
    // them in her own service rather than create a duplicate — only the appointment stays hidden
    const found = (await get(Agent.searchServiceUsers, alice, { organisation: id("mds-arras"), q: "social s" })).body as { serviceUsers: { lastName: string; firstName: string }[] };
    expect(found.serviceUsers.map((u) => [u.lastName, u.firstName])).toEqual([["Social", "S"]]);
  });
});
