import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Audit from "@rdv/core/audit";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as Outbox from "@rdv/core/outbox";
import type { TeamInfo } from "@rdv/core/schema";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as Auth from "./agent-auth";
import * as Team from "./agent-team";
import { invoke } from "./testing/invoke";

const PASSWORD = "mot-de-passe-solide-2026";
const p = `t${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const email = (name: string) => `${p}.${name}@demo.rdv.local`;
const arras = id("mds-arras");
const lens = id("mds-lens");
let clients = 0;
const freshClient = () => `192.0.2.${++clients}`;

/**
 * alice: agent, PMI at Arras; bruno: admin of Arras and Lens; carla: agent at Lens only; dora:
 * admin of Arras only; eric: secretariat at Arras; fanny: admin of Lens only.
 */
const agent = (name: string, firstName: string, organisationIds: string[], role: "admin" | "secretariat" | "agent", serviceIds: string[] = []) => ({ id: id(name), email: email(name), firstName, lastName: "Test", organisationIds, serviceIds, role });
const base = smallDepartment(p);
const file = {
    ...base,
    agents: [
      ...base.agents!,
      agent("carla", "Carla", [lens], "agent", [id("social")]),
      agent("dora", "Dora", [arras], "admin"),
      agent("eric", "Éric", [arras], "secretariat"),
      agent("fanny", "Fanny", [lens], "admin"),
    ],
};

beforeAll(async () => {
  Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  await DepartmentFile.load(file);
  for (const name of ["alice", "bruno", "carla", "dora", "eric", "fanny"]) await Session.setPassword(id(name), PASSWORD);
});

type Signed = { cookies: string[]; csrf: string };
async function session(name: string): Promise<Signed> {
  const response = await invoke(Auth.signIn, { method: "POST", body: { email: email(name), password: PASSWORD }, sourceIp: freshClient() });
  expect(response.status).toBe(200);
  return { cookies: response.cookies.map((c) => c.split(";")[0]!), csrf: (response.body as { csrfToken: string }).csrfToken };
}
const post = (handler: typeof Team.update, who: Signed, params: Record<string, string>, body: unknown) => invoke(handler, { method: "POST", params, body, cookies: who.cookies, headers: { "x-csrf-token": who.csrf } });
const team = async (who: Signed, organisation = arras) => {
  const response = await invoke(Team.list, { query: { organisation }, cookies: who.cookies });
  expect(response.status).toBe(200);
  return response.body as TeamInfo;
};
const row = (info: TeamInfo, name: string) => info.members.find((m) => m.id === id(name));

describe("the team (organisation admins)", () => {
  it("lists the organisation's agents with role, services, state and last sign-in, to its admins only", async () => {
    const dora = await session("dora");
    const info = await team(dora);
    expect(info.members.map((m) => [m.firstName, m.role, m.serviceIds, m.state, m.otherOrganisations])).toEqual([
      ["Bruno", "admin", [id("pmi"), id("social")], "active", 1],
      ["Alice", "agent", [id("pmi")], "active", 0],
      ["Dora", "admin", [], "active", 0],
      ["Éric", "secretariat", [], "active", 0],
    ]);
    expect(row(info, "dora")!.lastSignInAt).toMatch(/^2026-12-01T08:0\d:\d\d\.\d{3}Z$/); // the test clock runs from 08:00
    expect(info.services).toEqual([
      { id: id("pmi"), name: "PMI" },
      { id: id("social"), name: "Service social" },
    ]);
    // not an admin: 403; an organisation the admin is not in: 403
    const eric = await session("eric");
    expect(await invoke(Team.list, { query: { organisation: arras }, cookies: eric.cookies })).toMatchObject({ status: 403, body: { error: { code: "auth.forbidden" } } });
    expect((await invoke(Team.list, { query: { organisation: lens }, cookies: dora.cookies })).status).toBe(403);
  });

  it("changes a role and services, in the organisation's journal; another organisation's agent is a 404, a non-admin a 403", async () => {
    const dora = await session("dora");
    const changed = await post(Team.update, dora, { agentId: id("eric") }, { organisationId: arras, role: "agent", serviceIds: [id("social")] });
    expect(changed.status).toBe(200);
    expect(row(changed.body as TeamInfo, "eric")).toMatchObject({ role: "agent", serviceIds: [id("social")] });
    const journal = await Audit.listConfigChanges(arras, { limit: 1 });
    expect(journal.events[0]).toMatchObject({ agentId: id("dora"), subject: "agent", subjectId: id("eric"), action: "updated", changes: { role: ["secretariat", "agent"], serviceIds: [[], [id("social")]] } });
    // eric's own session sees the change at once
    const eric = await session("eric");
    expect((await invoke(Auth.show, { cookies: eric.cookies })).body).toMatchObject({ memberships: [{ organisationId: arras, role: "agent", serviceIds: [id("social")] }] });
    expect(await post(Team.update, dora, { agentId: id("eric") }, { organisationId: arras, role: "agent", serviceIds: [id("inconnu")] })).toMatchObject({ status: 400, body: { error: { fields: { "serviceIds[0]": "service inconnu" } } } });
    // carla works at Lens only: from Arras she does not exist
    expect(await post(Team.update, dora, { agentId: id("carla") }, { organisationId: arras, role: "admin", serviceIds: [] })).toMatchObject({ status: 404, body: { error: { code: "agent.unknown" } } });
    expect((await post(Team.update, dora, { agentId: id("carla") }, { organisationId: lens, role: "admin", serviceIds: [] })).status).toBe(403);
    expect((await post(Team.update, await session("alice"), { agentId: id("eric") }, { organisationId: arras, role: "admin", serviceIds: [] })).status).toBe(403);
    expect((await post(Team.update, dora, { agentId: id("eric") }, { organisationId: arras, role: "secretariat", serviceIds: [] })).status).toBe(200);
  });

  it("deactivating ends every session of the agent at once and refuses sign-in; reactivating lets them sign in again", async () => {
    const dora = await session("dora");
    const alice1 = await session("alice");
    const alice2 = await session("alice");
    expect((await invoke(Auth.show, { cookies: alice1.cookies })).status).toBe(200);
    const done = await post(Team.deactivate, dora, { agentId: id("alice") }, { organisationId: arras });
    expect(done.status).toBe(200);
    expect(row(done.body as TeamInfo, "alice")!.state).toBe("deactivated");
    for (const s of [alice1, alice2]) expect(await invoke(Auth.show, { cookies: s.cookies })).toMatchObject({ status: 401, body: { error: { code: "auth.required" } } });
    expect(await invoke(Auth.signIn, { method: "POST", body: { email: email("alice"), password: PASSWORD }, sourceIp: freshClient() })).toMatchObject({ status: 403, body: { error: { code: "auth.deactivated" } } });
    expect((await Audit.listConfigChanges(arras, { limit: 1 })).events[0]).toMatchObject({ subject: "agent", subjectId: id("alice"), action: "deactivated" });

    // an import of the département file keeps the account deactivated
    await DepartmentFile.load(file);
    expect((await invoke(Auth.signIn, { method: "POST", body: { email: email("alice"), password: PASSWORD }, sourceIp: freshClient() })).status).toBe(403);

    expect(row((await post(Team.reactivate, dora, { agentId: id("alice") }, { organisationId: arras })).body as TeamInfo, "alice")!.state).toBe("active");
    expect((await invoke(Auth.show, { cookies: alice1.cookies })).status).toBe(401); // ended sessions stay ended
    expect((await invoke(Auth.show, { cookies: (await session("alice")).cookies })).status).toBe(200);
  });

  it("an admin cannot deactivate themselves, nor an agent of another organisation they do not administer", async () => {
    const dora = await session("dora");
    expect(await post(Team.deactivate, dora, { agentId: id("dora") }, { organisationId: arras })).toMatchObject({ status: 409, body: { error: { code: "team.self" } } });
    // bruno also works at Lens, where dora is not an admin
    expect(await post(Team.deactivate, dora, { agentId: id("bruno") }, { organisationId: arras })).toMatchObject({ status: 403, body: { error: { code: "auth.forbidden" } } });
    expect((await post(Team.deactivate, dora, { agentId: id("carla") }, { organisationId: arras })).status).toBe(404);
    expect((await post(Team.deactivate, await session("eric"), { agentId: id("alice") }, { organisationId: arras })).status).toBe(403);
  });

  it("an organisation keeps an active admin: the last one cannot be demoted, removed or deactivated, even by two admins demoting each other at once", async () => {
    const bruno = await session("bruno");
    const dora = await session("dora");
    // two admins of Arras (bruno, dora) demote each other at the same time: one wins
    const answers = await Promise.all([
      post(Team.update, bruno, { agentId: id("dora") }, { organisationId: arras, role: "agent", serviceIds: [] }),
      post(Team.update, dora, { agentId: id("bruno") }, { organisationId: arras, role: "agent", serviceIds: [id("pmi"), id("social")] }),
    ]);
    // the loser is no longer an admin (403), or was when it asked and finds no other admin left (409)
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect([403, 409]).toContain(answers.find((a) => a.status !== 200)!.status);
    const info = await team(answers[0]!.status === 200 ? bruno : dora);
    expect(info.members.filter((m) => m.role === "admin").length).toBe(1);
    const last = info.members.find((m) => m.role === "admin")!;
    const lastSession = last.id === id("bruno") ? bruno : dora;
    expect(await post(Team.update, lastSession, { agentId: last.id }, { organisationId: arras, role: "secretariat", serviceIds: [] })).toMatchObject({ status: 409, body: { error: { code: "team.last_admin" } } });
    expect((await post(Team.remove, lastSession, { agentId: last.id }, { organisationId: arras })).status).toBe(409);
    // bruno and fanny administer Lens: fanny may step down there
    const fanny = await session("fanny");
    expect((await post(Team.update, fanny, { agentId: id("fanny") }, { organisationId: lens, role: "agent", serviceIds: [] })).status).toBe(200);
    // restore: the demoted one is admin again
    const demoted = last.id === id("bruno") ? "dora" : "bruno";
    expect((await post(Team.update, lastSession, { agentId: id(demoted) }, { organisationId: arras, role: "admin", serviceIds: demoted === "bruno" ? [id("pmi"), id("social")] : [] })).status).toBe(200);
    expect((await team(lastSession)).members.filter((m) => m.role === "admin").map((m) => m.id).sort()).toEqual([id("bruno"), id("dora")]);
  });

  it("removing an agent from the organisation ends their sessions there and is in the journal", async () => {
    const dora = await session("dora");
    const eric = await session("eric");
    const removed = await post(Team.remove, dora, { agentId: id("eric") }, { organisationId: arras });
    expect(removed.status).toBe(200);
    expect(row(removed.body as TeamInfo, "eric")).toBeUndefined();
    expect((await invoke(Auth.show, { cookies: eric.cookies })).status).toBe(401);
    expect((await Audit.listConfigChanges(arras, { limit: 1 })).events[0]).toMatchObject({ subject: "agent", subjectId: id("eric"), action: "removed", changes: { role: ["secretariat", null] } });
    expect((await post(Team.remove, dora, { agentId: id("eric") }, { organisationId: arras })).status).toBe(404);
  });

  it("resends a pending invitation: a new link replaces the old one", async () => {
    let dora = await session("dora");
    const address = email(`nina-${randomUUID().slice(0, 6)}`);
    const invited = await invoke(Auth.invite, { method: "POST", body: { email: address, firstName: "Nina", lastName: "Nouvelle", organisationId: arras, serviceIds: [id("pmi")], role: "agent" }, cookies: dora.cookies, headers: { "x-csrf-token": dora.csrf } });
    expect(invited.status).toBe(201);
    const invitationId = (invited.body as { invitationId: string }).invitationId;
    const links = async () => (await Outbox.list({ limit: 200 })).filter((m) => m.to === address).map((m) => m.text.match(/\/agent\/invitation\/([\w-]+)/)![1]!);
    const [first] = await links();
    expect((await team(dora)).invitations).toEqual([{ id: invitationId, email: address, firstName: "Nina", lastName: "Nouvelle", role: "agent", serviceIds: [id("pmi")], expiresAt: expect.stringMatching(/^2026-12-08T08:0/) }]);

    Clock.startAt(new Date("2026-12-03T08:00:00Z"));
    dora = await session("dora");
    const resent = await post(Team.resendInvitation, dora, { invitationId }, { organisationId: arras });
    expect(resent.status).toBe(200);
    const pending = (resent.body as TeamInfo).invitations;
    expect(pending.map((i) => [i.email, i.expiresAt.slice(0, 15)])).toEqual([[address, "2026-12-10T08:0"]]);
    const all = await links();
    expect(all).toHaveLength(2);
    const second = all.find((t) => t !== first)!;
    expect((await invoke(Auth.describeInvitation, { params: { token: first! } })).status).toBe(404);
    expect((await invoke(Auth.describeInvitation, { params: { token: second } })).status).toBe(200);
    // the old invitation's id is no longer pending; another organisation's admin cannot resend it
    expect((await post(Team.resendInvitation, dora, { invitationId }, { organisationId: arras })).status).toBe(404);
    expect((await post(Team.resendInvitation, await session("bruno"), { invitationId: pending[0]!.id }, { organisationId: lens })).status).toBe(404);
    expect((await post(Team.resendInvitation, await session("alice"), { invitationId: pending[0]!.id }, { organisationId: arras })).status).toBe(403);
    Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  });
});
