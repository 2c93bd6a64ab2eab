import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as Outbox from "@rdv/core/outbox";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as Auth from "./agent-auth";
import { invoke } from "./testing/invoke";

const PASSWORD = "mot-de-passe-solide-2026";
const p = `h${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const email = (name: string) => `${p}.${name}@demo.rdv.local`;
let clients = 0;
const freshClient = () => `192.0.2.${++clients}`;

/** alice: agent, PMI at Arras; bruno: admin of Arras and Lens; carla: agent at Lens only (not in Arras). */
beforeAll(async () => {
  Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  const base = smallDepartment(p);
  await DepartmentFile.load({
    ...base,
    agents: [
      ...base.agents!,
      { id: id("carla"), email: email("carla"), firstName: "Carla", lastName: "Petit", organisationIds: [id("mds-lens")], serviceIds: [id("social")], role: "agent" },
    ],
  });
  for (const agent of ["alice", "bruno", "carla"]) await Session.setPassword(id(agent), PASSWORD);
});

const signIn = (address: string, password: string, sourceIp = freshClient()) => invoke(Auth.signIn, { method: "POST", body: { email: address, password }, sourceIp });

async function session(name: string) {
  const response = await signIn(email(name), PASSWORD);
  expect(response.status).toBe(200);
  return { cookies: response.cookies.map((c) => c.split(";")[0]!), csrf: (response.body as { csrfToken: string }).csrfToken };
}

describe("agent sign-in limits over HTTP", () => {
  it("answers an unknown e-mail exactly as an existing account (status, body, headers), through the slow-down and the lock", async () => {
    const start = new Date("2026-12-02T10:00:00Z");
    const run = async (address: string) => {
      const answers: { status: number; body: unknown; headers: Record<string, string> }[] = [];
      const call = async (seconds: number, password = "mauvais") => {
        Clock.startAt(new Date(start.getTime() + seconds * 1000));
        const { status, body, headers } = await signIn(address, password);
        answers.push({ status, body, headers });
      };
      for (let i = 0; i < 7; i++) await call(0);
      for (let i = 1; i <= 14; i++) await call(30 * i);
      await call(425, PASSWORD);
      return answers;
    };
    const known = await run(email("alice"));
    const unknown = await run(email(`personne-${randomUUID().slice(0, 6)}`));
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401, 429, ...Array<number>(14).fill(401), 429]);
    expect(known.at(-1)).toEqual({
      status: 429,
      headers: expect.objectContaining({ "retry-after": "895" }),
      body: { error: { code: "auth.locked", message: "Trop de tentatives de connexion : la connexion est suspendue, réessayez dans 15 minutes." } },
    });
    Clock.startAt(new Date(start.getTime() + (420 + 900) * 1000));
    expect((await signIn(email("alice"), PASSWORD)).status).toBe(200);
    Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  });

  it("counts an IPv6 client by its /64: after 20 failures from addresses of one /64, another address of it is locked, another /64 is not", async () => {
    const start = new Date("2026-12-02T12:00:00Z");
    const call = (seconds: number, address: string, password: string, sourceIp: string) => {
      Clock.startAt(new Date(start.getTime() + seconds * 1000));
      return signIn(address, password, sourceIp);
    };
    const guess = () => email(`inconnu-${randomUUID().slice(0, 6)}`);
    for (let i = 0; i < 6; i++) expect((await call(0, guess(), "mauvais", `2001:db8:7:1::${i + 1}`)).status).toBe(401);
    for (let i = 1; i <= 14; i++) expect((await call(30 * i, guess(), "mauvais", `2001:db8:7:1:abcd::${i}`)).status).toBe(401);
    expect(await call(425, email("bruno"), PASSWORD, "2001:db8:7:1:ffff:ffff:ffff:ffff")).toMatchObject({ status: 429, headers: { "retry-after": "895" } });
    expect((await call(425, email("bruno"), PASSWORD, "2001:db8:7:2::1")).status).toBe(200);
    Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  });
});

describe("invitations", () => {
  const inviteBody = (address: string) => ({ email: address, firstName: "Nina", lastName: "Invitée", organisationId: id("mds-arras"), serviceIds: [id("pmi")], role: "agent" });
  const invite = async (address: string) => {
    const bruno = await session("bruno");
    const response = await invoke(Auth.invite, { method: "POST", body: inviteBody(address), cookies: bruno.cookies, headers: { "x-csrf-token": bruno.csrf } });
    const mail = (await Outbox.list({ limit: 100 })).find((m) => m.to === address)!;
    return { response, mail, token: mail.text.match(/\/agent\/invitation\/([\w-]+)/)![1]! };
  };

  it("answers the inviting admin the same for an existing account and a new address, and sends the same message", async () => {
    const existing = await invite(email("carla"));
    const fresh = await invite(email(`nouvelle-${randomUUID().slice(0, 6)}`));
    const shape = (r: typeof existing) => ({ status: r.response.status, headers: r.response.headers, keys: Object.keys(r.response.body as object), id: (r.response.body as { invitationId: string }).invitationId.replace(/[0-9a-f]{16}$/, "…") });
    expect(shape(existing)).toEqual(shape(fresh));
    expect(shape(existing)).toMatchObject({ status: 201, keys: ["invitationId"], id: "invitation-…" });
    const text = (r: typeof existing) => r.mail.text.replace(r.token, "TOKEN");
    expect(text(existing)).toEqual(text(fresh));
  });

  it("an existing account joins only when it accepts, by confirming its own password, which stays unchanged", async () => {
    const { token } = await invite(email("carla"));
    // nothing granted yet: carla still belongs to Lens only
    expect((await invoke(Auth.show, { cookies: (await session("carla")).cookies })).body).toMatchObject({ memberships: [{ organisationId: id("mds-lens") }] });
    expect(await invoke(Auth.describeInvitation, { params: { token } })).toMatchObject({ status: 200, body: { organisationName: "MDS Arras", account: "existing" } });
    expect(await invoke(Auth.acceptInvitation, { method: "POST", body: { token, password: "un-autre-mot-de-passe" }, sourceIp: freshClient() })).toMatchObject({ status: 401, body: { error: { code: "auth.invalid_credentials" } } });
    const accepted = await invoke(Auth.acceptInvitation, { method: "POST", body: { token, password: PASSWORD }, sourceIp: freshClient() });
    expect(accepted.status).toBe(200);
    const me = await invoke(Auth.show, { cookies: accepted.cookies.map((c) => c.split(";")[0]!) });
    expect(me.body).toMatchObject({ id: id("carla"), organisationId: id("mds-arras") });
    expect((me.body as { memberships: { organisationId: string; role: string; serviceIds: string[] }[] }).memberships.map((m) => [m.organisationId, m.role, m.serviceIds])).toEqual([
      [id("mds-arras"), "agent", [id("pmi")]],
      [id("mds-lens"), "agent", [id("social")]],
    ]);
    expect((await signIn(email("carla"), PASSWORD)).status).toBe(200);
    expect((await invoke(Auth.acceptInvitation, { method: "POST", body: { token, password: PASSWORD }, sourceIp: freshClient() })).status).toBe(404); // used once
    // invited again to an organisation she already belongs to: accepting keeps one membership there
    const again = await invite(email("carla"));
    expect((await invoke(Auth.acceptInvitation, { method: "POST", body: { token: again.token, password: PASSWORD }, sourceIp: freshClient() })).status).toBe(200);
    expect((await invoke(Auth.show, { cookies: (await session("carla")).cookies })).body).toMatchObject({ memberships: [{ organisationId: id("mds-arras"), role: "agent" }, { organisationId: id("mds-lens") }] });
  });

  it("a new address chooses its password and becomes an agent of the organisation", async () => {
    const address = email(`nouveau-${randomUUID().slice(0, 6)}`);
    const { token } = await invite(address);
    expect((await signIn(address, PASSWORD)).status).toBe(401); // no account before acceptance
    expect(await invoke(Auth.describeInvitation, { params: { token } })).toMatchObject({ status: 200, body: { organisationName: "MDS Arras", account: "new" } });
    expect((await invoke(Auth.acceptInvitation, { method: "POST", body: { token, password: "court" } })).body).toMatchObject({ error: { fields: { password: "12 caractères au moins" } } });
    const accepted = await invoke(Auth.acceptInvitation, { method: "POST", body: { token, password: PASSWORD } });
    expect(accepted.status).toBe(200);
    expect((await invoke(Auth.show, { cookies: accepted.cookies.map((c) => c.split(";")[0]!) })).body).toMatchObject({
      firstName: "Nina",
      lastName: "Invitée",
      email: address,
      memberships: [{ organisationId: id("mds-arras"), role: "agent", serviceIds: [id("pmi")] }],
    });
    expect((await signIn(address, PASSWORD)).status).toBe(200);
    expect(await invoke(Auth.describeInvitation, { params: { token } })).toMatchObject({ status: 404, body: { error: { code: "auth.invitation_invalid" } } });
  });
});
