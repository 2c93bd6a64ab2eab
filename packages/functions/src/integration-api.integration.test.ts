import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Clock from "@rdv/core/clock";
import { recordDynamoCommands } from "@rdv/core/db/client";
import * as DepartmentFile from "@rdv/core/department-file";
import type { AppointmentPage, AppointmentResource } from "@rdv/core/schema";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import { removeAttribute, tableSnapshot } from "@rdv/core/testing/table";
import * as Auth from "./agent-auth";
import * as Keys from "./agent-api-keys";
import * as Api from "./integration-api";
import { invoke } from "./testing/invoke";

const PASSWORD = "mot-de-passe-solide-2026";
const p = `i${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;

/** alice: agent at Arras; bruno: admin of Arras and Lens. */
beforeAll(async () => {
  Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  const base = smallDepartment(p);
  await DepartmentFile.load({
    ...base,
    appointments: [
      ...base.appointments!,
      { id: id("lens"), motifId: id("social-phone"), placeId: id("place-lens"), agentIds: [id("bruno")], start: "2026-12-08T14:00", status: "booked", serviceUsers: [{ id: id("u-lens"), firstName: "Léa", lastName: "Lensoise", phone: "0622334455" }] },
      { id: id("past"), motifId: id("consult"), placeId: id("place-arras"), agentIds: [id("alice")], start: "2026-11-30T09:00", status: "booked", serviceUsers: [{ id: id("u-past"), firstName: "Paul", lastName: "Passé", phone: "0611223344" }] },
    ],
  });
  for (const agent of ["alice", "bruno"]) await Session.setPassword(id(agent), PASSWORD);
});

async function signIn(agent: string) {
  const response = await invoke(Auth.signIn, { method: "POST", body: { email: `${p}.${agent}@demo.rdv.local`, password: PASSWORD } });
  expect(response.status).toBe(200);
  return { cookies: response.cookies.map((c) => c.split(";")[0]!), csrf: (response.body as { csrfToken: string }).csrfToken };
}
type Who = Awaited<ReturnType<typeof signIn>>;

async function createKey(who: Who, organisation: string, scopes: string[], name = "Logiciel RSA") {
  return invoke(Keys.create, { method: "POST", cookies: who.cookies, headers: { "x-csrf-token": who.csrf }, body: { name, organisationId: id(organisation), scopes } });
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const get = (handler: Parameters<typeof invoke>[0], key: string, query: Record<string, string> = {}, params?: Record<string, string>) =>
  invoke(handler, { query, params, headers: bearer(key) });
const post = (handler: Parameters<typeof invoke>[0], key: string, body: unknown, params?: Record<string, string>, headers: Record<string, string> = {}) =>
  invoke(handler, { method: "POST", body, params, headers: { ...bearer(key), ...headers } });
const put = (key: string, externalId: string, body: unknown) => invoke(Api.upsertServiceUser, { method: "PUT", body, params: { externalId }, headers: bearer(key) });

let bruno: Who;
let arrasKey: string;
let readKey: string;
let lensKey: string;

beforeAll(async () => {
  bruno = await signIn("bruno");
  const created = await createKey(bruno, "mds-arras", ["read", "write"]);
  expect(created.status).toBe(201);
  ({ key: arrasKey } = created.body as { id: string; key: string });
  readKey = ((await createKey(bruno, "mds-arras", ["read"], "Tableau de bord")).body as { key: string }).key;
  lensKey = ((await createKey(bruno, "mds-lens", ["read", "write"], "Logiciel Lens")).body as { key: string }).key;
});

describe("API keys (organisation admins)", () => {
  it("are shown once, prefixed, stored only hashed; listed with name, scopes, creator and last use; admins only; bad input names the field", async () => {
    expect(arrasKey).toMatch(/^rdv_k[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const stored = JSON.stringify(await tableSnapshot());
    expect(stored).not.toContain(arrasKey.split("_").slice(2).join("_"));

    const listed = await invoke(Keys.list, { query: { organisationId: id("mds-arras") }, cookies: bruno.cookies });
    expect(listed.status).toBe(200);
    const keys = (listed.body as { apiKeys: Array<Record<string, unknown>> }).apiKeys;
    expect(keys.map(({ name, scopes, createdBy, organisationId }) => ({ name, scopes, createdBy, organisationId })).sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual([
      { name: "Logiciel RSA", scopes: ["read", "write"], createdBy: "Bruno Lefebvre", organisationId: id("mds-arras") },
      { name: "Tableau de bord", scopes: ["read"], createdBy: "Bruno Lefebvre", organisationId: id("mds-arras") },
    ]);
    expect(keys.every((k) => !("key" in k) && !("keyHash" in k))).toBe(true);

    const alice = await signIn("alice");
    expect(await createKey(alice, "mds-arras", ["read"])).toMatchObject({ status: 403, body: { error: { code: "auth.forbidden" } } });
    expect((await invoke(Keys.list, { query: { organisationId: id("mds-arras") }, cookies: alice.cookies })).status).toBe(403);
    expect(await createKey(bruno, "mds-arras", ["write"])).toMatchObject({ status: 400, body: { error: { fields: { scopes: expect.any(String) } } } });
    expect(await invoke(Keys.create, { method: "POST", cookies: bruno.cookies, headers: { "x-csrf-token": bruno.csrf }, body: { name: " ", organisationId: id("mds-arras"), scopes: ["read"] } })).toMatchObject({
      status: 400,
      body: { error: { fields: { name: "ne doit pas être vide" } } },
    });
    expect(await invoke(Keys.list, { query: {}, cookies: bruno.cookies })).toMatchObject({ status: 400, body: { error: { fields: { organisationId: expect.any(String) } } } });
  });

  it("a missing, malformed, unknown or revoked key is a 401; revocation is immediate and audited; last use is recorded", async () => {
    expect(await invoke(Api.places, {})).toMatchObject({ status: 401, body: { error: { code: "auth.required" } } });
    expect((await get(Api.places, "rdv_nope")).status).toBe(401);
    expect((await get(Api.places, `rdv_k0123456789abcdef_${"A".repeat(43)}`)).status).toBe(401);
    const forged = arrasKey.slice(0, -1) + (arrasKey.endsWith("A") ? "B" : "A");
    expect((await get(Api.places, forged)).status).toBe(401);

    const created = (await createKey(bruno, "mds-arras", ["read"], "Éphémère")).body as { id: string; key: string };
    const lastUsed = async () =>
      ((await invoke(Keys.list, { query: { organisationId: id("mds-arras") }, cookies: bruno.cookies })).body as { apiKeys: Array<{ id: string; lastUsedAt: string | null }> }).apiKeys.find((k) => k.id === created.id)?.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    expect((await get(Api.places, created.key)).status).toBe(200);
    expect(Math.abs(Date.parse((await lastUsed())!) - Clock.now().getTime())).toBeLessThan(60_000);

    // an admin of another organisation does not see it
    const revokeAs = (who: Who, keyId: string) => invoke(Keys.revoke, { method: "DELETE", params: { id: keyId }, cookies: who.cookies, headers: { "x-csrf-token": who.csrf } });
    expect((await revokeAs(await signIn("alice"), created.id)).status).toBe(403);
    expect(await revokeAs(bruno, created.id)).toMatchObject({ status: 200, body: { id: created.id, revoked: true } });
    expect(await get(Api.places, created.key)).toMatchObject({ status: 401 });
    expect((await revokeAs(bruno, created.id)).status).toBe(404);
    const changes = await invoke((await import("./agent-configuration")).configurationChanges, { query: { organisation: id("mds-arras") }, cookies: bruno.cookies });
    const events = (changes.body as { events: Array<{ subject: string; subjectId: string; action: string; agentName: string }> }).events.filter((e) => e.subjectId === created.id);
    expect(events.map(({ subject, action, agentName }) => ({ subject, action, agentName }))).toEqual([
      { subject: "api_key", action: "deleted", agentName: "Bruno Lefebvre" },
      { subject: "api_key", action: "created", agentName: "Bruno Lefebvre" },
    ]);
  });

  it("limits requests per key and minute (429 with Retry-After); other keys are not affected", async () => {
    const settings = process.env.RDV_STAGE_SETTINGS!;
    const created = (await createKey(bruno, "mds-arras", ["read"], "Pressé")).body as { key: string };
    process.env.RDV_STAGE_SETTINGS = JSON.stringify({ ...JSON.parse(settings), limits: { apiRequestsPerKeyPerMinute: 10 } });
    try {
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await get(Api.agents, created.key)).status);
      expect(statuses).toEqual([...Array(10).fill(200), 429]);
      const refused = await get(Api.agents, created.key);
      expect(refused).toMatchObject({ status: 429, body: { error: { code: "limit.api_key_requests" } } });
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
      expect((await get(Api.agents, readKey)).status).toBe(200);
    } finally {
      process.env.RDV_STAGE_SETTINGS = settings;
    }
  });
});

describe("integration API", () => {
  it("reads the key's organisation's places, motifs and agents, and nothing of another organisation", async () => {
    expect((await get(Api.places, arrasKey)).body).toEqual({
      places: [{ id: id("place-arras"), name: "MDS d'Arras", address: "1 rue de la Paix, 62000 Arras", phone: "+33321000000" }],
    });
    expect(((await get(Api.motifs, arrasKey)).body as { motifs: Array<{ id: string }> }).motifs.map((m) => m.id).sort()).toEqual([id("atelier"), id("consult")]);
    expect(((await get(Api.agents, lensKey)).body as { agents: Array<{ id: string; role: string }> }).agents.map((a) => [a.id, a.role])).toEqual([[id("bruno"), "admin"]]);
    for (const handler of [Api.showAppointment, Api.cancel, Api.setStatus]) {
      const response = handler === Api.showAppointment ? await get(handler, arrasKey, {}, { id: id("lens") }) : await post(handler, arrasKey, { status: "seen" }, { id: id("lens") });
      expect(response).toMatchObject({ status: 404, body: { error: { code: "appointment.not_found" } } });
    }
    const book = await post(Api.book, arrasKey, { motifId: id("social-phone"), placeId: id("place-lens"), startsAt: "2026-12-08T15:00:00+01:00", serviceUser: { firstName: "Jean", lastName: "Dupont" } }, undefined, { "idempotency-key": `k-${randomUUID()}` });
    expect(book).toMatchObject({ status: 404, body: { error: { code: "motif.not_found" } } });
  });

  it("a read key cannot write (403), and nothing is written", async () => {
    const before = await tableSnapshot({ except: ["rateLimit", "apiKey"] });
    expect(await put(readKey, "crm-ro", { firstName: "Jean", lastName: "Dupont" })).toMatchObject({ status: 403, body: { error: { code: "auth.forbidden" } } });
    expect((await post(Api.book, readKey, { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-07T10:00:00+01:00", serviceUser: { firstName: "Jean", lastName: "Dupont" } }, undefined, { "idempotency-key": `k-${randomUUID()}` })).status).toBe(403);
    expect((await post(Api.cancel, readKey, {}, { id: id("rdv-1") })).status).toBe(403);
    expect((await post(Api.setStatus, readKey, { status: "seen" }, { id: id("past") })).status).toBe(403);
    expect(await tableSnapshot({ except: ["rateLimit", "apiKey"] })).toEqual(before);
  });

  it("upserts usagers by the tool's externalId, one per organisation even under concurrency; bad input names the field", async () => {
    const created = await put(arrasKey, "crm-42", { firstName: "Jeanne", lastName: "Durand", phone: "06 11 22 33 44" });
    expect(created).toMatchObject({ status: 201, body: { externalId: "crm-42", organisationId: id("mds-arras"), firstName: "Jeanne", lastName: "Durand", phone: "+33611223344" } });
    const userId = (created.body as { id: string }).id;
    const updated = await put(arrasKey, "crm-42", { firstName: "Jeanne", lastName: "Martin", email: "Jeanne@Example.org" });
    expect(updated).toMatchObject({ status: 200 });
    expect(updated.body).toEqual({ id: userId, externalId: "crm-42", organisationId: id("mds-arras"), firstName: "Jeanne", lastName: "Martin", email: "jeanne@example.org" });

    const racing = await Promise.all(Array.from({ length: 6 }, () => put(arrasKey, "crm-race", { firstName: "Zoé", lastName: "Course" })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(racing.map((r) => (r.body as { id: string }).id)).size).toBe(1);
    // the same externalId in another organisation is another usager
    const lens = await put(lensKey, "crm-42", { firstName: "Jeanne", lastName: "Durand" });
    expect(lens.status).toBe(201);
    expect((lens.body as { id: string }).id).not.toBe(userId);

    expect(await put(arrasKey, "crm-43", { firstName: "J0hn", lastName: "Doe", phone: "12" })).toMatchObject({ status: 400, body: { error: { fields: { firstName: expect.any(String) } } } });
    expect(await put(arrasKey, "crm-43", { firstName: "John", lastName: "Doe", phone: "12" })).toMatchObject({ status: 400, body: { error: { fields: { phone: "numéro de téléphone invalide" } } } });
    expect(await put(arrasKey, "a b", { firstName: "John", lastName: "Doe" })).toMatchObject({ status: 400, body: { error: { fields: { externalId: expect.any(String) } } } });
  });

  it("invites an usager to book, named by the tool's externalId or its id; a read key cannot; another organisation's ids are not found", async () => {
    const created = await put(arrasKey, "crm-invite", { firstName: "Irène", lastName: "Invitée", phone: "06 21 43 65 87" });
    expect(created.status).toBe(201);
    const invited = await post(Api.invite, arrasKey, { externalId: "crm-invite", motifIds: [id("consult")], channels: ["sms"] });
    expect(invited).toMatchObject({
      status: 201,
      body: { organisationId: id("mds-arras"), state: "sent", serviceUser: { id: (created.body as { id: string }).id, firstName: "Irène", lastName: "Invitée" }, motifs: [{ id: id("consult") }], channels: ["sms"] },
    });
    expect(await post(Api.invite, readKey, { externalId: "crm-invite", motifIds: [id("consult")], channels: ["sms"] })).toMatchObject({ status: 403 });
    expect(await post(Api.invite, arrasKey, { externalId: "crm-inconnu", motifIds: [id("consult")], channels: ["sms"] })).toMatchObject({ status: 400, body: { error: { fields: { externalId: expect.any(String) } } } });
    // the same externalId is another usager in Lens: Arras's motif is not Lens's to offer
    expect((await post(Api.invite, lensKey, { externalId: "crm-invite", motifIds: [id("consult")], channels: ["sms"] })).status).toBe(400);
    expect((await post(Api.invite, arrasKey, { externalId: "crm-invite", organisationId: id("mds-lens"), motifIds: [id("social-phone")], channels: ["sms"] })).status).toBe(404);
    expect(await post(Api.invite, arrasKey, { externalId: "crm-invite", motifIds: [], channels: ["sms"] })).toMatchObject({ status: 400, body: { error: { fields: { motifIds: expect.any(String) } } } });
  });

  it("books for an usager (Idempotency-Key honoured), reads, cancels and marks through the same domain functions", async () => {
    const user = (await put(arrasKey, "crm-book", { firstName: "Inès", lastName: "Bernard", phone: "0655443322" })).body as { id: string };
    const key = `k-${randomUUID()}`;
    const body = { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-07T10:00:00+01:00", serviceUserId: user.id };
    const first = await post(Api.book, arrasKey, body, undefined, { "idempotency-key": key });
    expect(first.status).toBe(201);
    const booked = first.body as AppointmentResource;
    expect(booked).toEqual({
      id: booked.id, version: booked.version, status: "booked", startsAt: "2026-12-07T10:00:00+01:00", endsAt: "2026-12-07T10:30:00+01:00", updatedAt: booked.updatedAt,
      organisationId: id("mds-arras"), serviceId: id("pmi"), motifId: id("consult"), placeId: id("place-arras"), agentIds: [id("alice")], collective: false,
      serviceUsers: [{ id: user.id, externalId: "crm-book", firstName: "Inès", lastName: "Bernard", participationStatus: "booked" }],
      createdBy: "api",
    });
    const again = await post(Api.book, arrasKey, body, undefined, { "idempotency-key": key });
    expect(again.status).toBe(201);
    expect((again.body as AppointmentResource).id).toBe(booked.id);
    expect((await post(Api.book, arrasKey, { ...body, startsAt: "2026-12-07T10:30:00+01:00" }, undefined, { "idempotency-key": key })).status).toBe(422);
    expect(await post(Api.book, arrasKey, body)).toMatchObject({ status: 400, body: { error: { fields: { "Idempotency-Key": expect.any(String) } } } });
    expect(await post(Api.book, arrasKey, { ...body, placeId: "x y" }, undefined, { "idempotency-key": `k-${randomUUID()}` })).toMatchObject({ status: 400, body: { error: { fields: { placeId: expect.any(String) } } } });
    expect((await post(Api.book, arrasKey, body, undefined, { "idempotency-key": `k-${randomUUID()}` })).status).toBe(409);

    expect((await get(Api.showAppointment, arrasKey, {}, { id: booked.id })).body).toEqual((await get(Api.showAppointment, readKey, {}, { id: booked.id })).body);
    expect((await get(Api.showAppointment, lensKey, {}, { id: booked.id })).status).toBe(404);

    const before = (await get(Api.showAppointment, arrasKey, {}, { id: booked.id })).body as AppointmentResource;
    const cancelled = await post(Api.cancel, arrasKey, {}, { id: booked.id });
    expect(cancelled).toMatchObject({ status: 200, body: { id: booked.id, status: "revoked", serviceUsers: [{ participationStatus: "revoked" }] } });
    expect((cancelled.body as AppointmentResource).version).toBeGreaterThan(before.version);
    expect((await post(Api.cancel, arrasKey, {}, { id: booked.id })).status).toBe(409);

    expect(await post(Api.setStatus, arrasKey, { status: "maybe" }, { id: id("past") })).toMatchObject({ status: 400, body: { error: { fields: { status: expect.any(String) } } } });
    const marked = await post(Api.setStatus, arrasKey, { status: "noshow" }, { id: id("past") });
    expect(marked).toMatchObject({ status: 200, body: { id: id("past"), status: "noshow", serviceUsers: [{ id: id("u-past"), participationStatus: "noshow" }] } });
  });

  it("lists appointments a page at a time by start, or by last change, with an opaque cursor", async () => {
    const ids = [] as string[];
    for (const time of ["11:00", "11:30", "09:00"]) {
      const user = (await put(arrasKey, `crm-page-${time}`, { firstName: "Page", lastName: "Liste" })).body as { id: string };
      const response = await post(Api.book, arrasKey, { motifId: id("consult"), placeId: id("place-arras"), startsAt: `2026-12-17T${time}:00+01:00`, serviceUserId: user.id }, undefined, { "idempotency-key": `k-${randomUUID()}` });
      expect(response.status).toBe(201);
      ids.push((response.body as AppointmentResource).id);
    }
    const pages: AppointmentPage[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(Api.listAppointments, readKey, { from: "2026-12-17", to: "2026-12-17", limit: "2", ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      pages.push(response.body as AppointmentPage);
      cursor = (response.body as AppointmentPage).nextCursor;
    } while (cursor && pages.length < 5);
    const listed = pages.flatMap((page) => page.appointments.map((a) => [a.id, a.startsAt]));
    expect(listed).toEqual([
      [ids[2], "2026-12-17T09:00:00+01:00"],
      [ids[0], "2026-12-17T11:00:00+01:00"],
      [ids[1], "2026-12-17T11:30:00+01:00"],
    ]);
    expect(pages[0]!.appointments).toHaveLength(2);

    // an individual appointment names its participation: a page reads them in one batch; an item
    // written before (no participationId) has its participations queried, with the same answer
    const first = await recordDynamoCommands(() => get(Api.listAppointments, readKey, { from: "2026-12-17", to: "2026-12-17" }));
    expect(first.commands.filter((c) => c === "QueryCommand")).toHaveLength(1);
    expect(await removeAttribute("appointment", "appointmentId", ids[0]!, "participationId")).toBe(1);
    const older = await recordDynamoCommands(() => get(Api.listAppointments, readKey, { from: "2026-12-17", to: "2026-12-17" }));
    expect(older.commands.filter((c) => c === "QueryCommand")).toHaveLength(2);
    expect(older.value.body).toEqual(first.value.body);
    expect((first.value.body as AppointmentPage).appointments.map((a) => a.serviceUsers.map((u) => [u.firstName, u.lastName, u.participationStatus]))).toEqual([
      [["Page", "Liste", "booked"]],
      [["Page", "Liste", "booked"]],
      [["Page", "Liste", "booked"]],
    ]);

    // the organisation's month, nothing of Lens; a status filter
    const december = (await get(Api.listAppointments, arrasKey, { from: "2026-12-01T00:00:00+01:00", to: "2027-01-01T00:00:00+01:00", status: "booked" })).body as AppointmentPage;
    expect(december.appointments.every((a) => a.organisationId === id("mds-arras") && a.status === "booked")).toBe(true);
    expect(december.appointments.map((a) => a.id)).toEqual(expect.arrayContaining([id("rdv-1"), ...ids]));
    expect(december.nextCursor).toBeNull();

    // by last change: what changed since a moment, oldest change first
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await post(Api.cancel, arrasKey, {}, { id: ids[1]! });
    const changed = (await get(Api.listAppointments, arrasKey, { updatedSince: since })).body as AppointmentPage;
    expect(changed.appointments.map((a) => [a.id, a.status])).toEqual([[ids[1], "revoked"]]);
    expect(((await get(Api.listAppointments, lensKey, { updatedSince: since })).body as AppointmentPage).appointments).toEqual([]);

    expect(await get(Api.listAppointments, arrasKey, { cursor: "pas-un-curseur" })).toMatchObject({ status: 400, body: { error: { fields: { cursor: "curseur invalide" } } } });
    const lensCursor = ((await get(Api.listAppointments, lensKey, { limit: "1" })).body as AppointmentPage).nextCursor;
    expect(lensCursor).not.toBeNull();
    expect(await get(Api.listAppointments, arrasKey, { limit: "1", cursor: lensCursor! })).toMatchObject({ status: 400, body: { error: { fields: { cursor: "curseur invalide" } } } });
    expect(await get(Api.listAppointments, arrasKey, { limit: "101" })).toMatchObject({ status: 400, body: { error: { fields: { limit: "100 au plus" } } } });
    expect(await get(Api.listAppointments, arrasKey, { from: "17/12/2026" })).toMatchObject({ status: 400, body: { error: { fields: { from: expect.any(String) } } } });
    expect(await get(Api.listAppointments, arrasKey, { from: "2026-12-18", to: "2026-12-17" })).toMatchObject({ status: 400, body: { error: { fields: { to: "doit suivre from" } } } });
  });
});
