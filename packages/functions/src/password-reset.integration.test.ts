import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Audit from "@rdv/core/audit";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as Outbox from "@rdv/core/outbox";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as Auth from "./agent-auth";
import * as Team from "./agent-team";
import { invoke } from "./testing/invoke";

const PASSWORD = "mot-de-passe-solide-2026";
const NEW_PASSWORD = "un-tout-nouveau-mot-de-passe";
const p = `r${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const email = (name: string) => `${p}.${name}@demo.rdv.local`;
let clients = 0;
const freshClient = () => `198.51.100.${++clients}`;

beforeAll(async () => {
  Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  await DepartmentFile.load(smallDepartment(p));
  for (const name of ["alice", "bruno"]) await Session.setPassword(id(name), PASSWORD);
});

const signIn = (address: string, password: string) => invoke(Auth.signIn, { method: "POST", body: { email: address, password }, sourceIp: freshClient() });
const cookiesOf = (response: { cookies: string[] }) => response.cookies.map((c) => c.split(";")[0]!);
const ask = (address: string, sourceIp = freshClient()) => invoke(Auth.requestPasswordReset, { method: "POST", body: { email: address }, sourceIp });
const mailsTo = async (address: string) => (await Outbox.list({ limit: 200 })).filter((m) => m.to === address);
const tokenOf = (text: string) => text.match(/\/agent\/mot-de-passe\/([\w-]+)/)![1]!;

describe("password reset by e-mail", () => {
  it("answers 202 alike for an existing and an unknown address; only the account's owner gets a link", async () => {
    const unknown = email(`personne-${randomUUID().slice(0, 6)}`);
    const known = await ask(email("alice"));
    const other = await ask(unknown);
    expect({ status: known.status, body: known.body, headers: known.headers }).toEqual({ status: other.status, body: other.body, headers: other.headers });
    expect(known).toMatchObject({ status: 202, body: { ok: true } });
    expect(await mailsTo(unknown)).toEqual([]);
    const [mail] = await mailsTo(email("alice"));
    expect(mail!.subject).toBe("Réinitialisation de votre mot de passe RDV");
    expect(mail!.text.replace(tokenOf(mail!.text), "TOKEN")).toBe(
      "Bonjour Alice,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien, valable 1 heure et une seule fois :\nhttps://rdv.example.fr/agent/mot-de-passe/TOKEN\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.",
    );
    expect(await ask("pas-une-adresse")).toMatchObject({ status: 400, body: { error: { fields: { email: expect.any(String) } } } });
  });

  it("sends at most 3 links an hour to one address, the answer staying 202", async () => {
    Clock.startAt(new Date("2026-12-02T10:00:00Z"));
    const before = (await mailsTo(email("bruno"))).length;
    for (let i = 0; i < 5; i++) expect((await ask(email("bruno"))).status).toBe(202);
    expect((await mailsTo(email("bruno"))).length - before).toBe(3);
    Clock.startAt(new Date("2026-12-02T11:00:01Z"));
    expect((await ask(email("bruno"))).status).toBe(202);
    expect((await mailsTo(email("bruno"))).length - before).toBe(4);
  });

  it("the new password ends the agent's other sessions, opens a new one, and the link works once", async () => {
    Clock.startAt(new Date("2026-12-03T09:00:00Z"));
    const elsewhere = cookiesOf(await signIn(email("alice"), PASSWORD));
    expect((await invoke(Auth.show, { cookies: elsewhere })).status).toBe(200);
    await ask(email("alice"));
    const token = tokenOf((await mailsTo(email("alice"))).at(0)!.text);
    expect(await invoke(Auth.describePasswordReset, { params: { token } })).toMatchObject({ status: 200, body: { valid: true } });
    expect(await invoke(Auth.confirmPasswordReset, { method: "POST", body: { token, password: "court" } })).toMatchObject({ status: 400, body: { error: { fields: { password: "12 caractères au moins" } } } });

    const done = await invoke(Auth.confirmPasswordReset, { method: "POST", body: { token, password: NEW_PASSWORD } });
    expect(done.status).toBe(200);
    expect((await invoke(Auth.show, { cookies: cookiesOf(done) })).body).toMatchObject({ id: id("alice") });
    expect(await invoke(Auth.show, { cookies: elsewhere })).toMatchObject({ status: 401, body: { error: { code: "auth.required" } } });
    expect((await signIn(email("alice"), PASSWORD)).status).toBe(401);
    expect((await signIn(email("alice"), NEW_PASSWORD)).status).toBe(200);
    // used once
    expect(await invoke(Auth.confirmPasswordReset, { method: "POST", body: { token, password: "encore-un-autre-mot-de-passe" } })).toMatchObject({ status: 404, body: { error: { code: "auth.reset_invalid" } } });
    expect((await invoke(Auth.describePasswordReset, { params: { token } })).status).toBe(404);
    expect((await signIn(email("alice"), NEW_PASSWORD)).status).toBe(200);
    expect((await Audit.listAccountEvents(`agent#${id("alice")}`)).map((e) => e.action).filter((a) => a.startsWith("password_reset")).slice(-2)).toEqual(["password_reset.requested", "password_reset.done"]);
  });

  it("refuses a link after 1 hour, and a link asked before a deactivation; a deactivated account gets none", async () => {
    Clock.startAt(new Date("2026-12-04T09:00:00Z"));
    await ask(email("alice"));
    const expired = tokenOf((await mailsTo(email("alice"))).at(0)!.text);
    Clock.startAt(new Date("2026-12-04T10:00:01Z"));
    expect((await invoke(Auth.describePasswordReset, { params: { token: expired } })).status).toBe(404);
    expect(await invoke(Auth.confirmPasswordReset, { method: "POST", body: { token: expired, password: PASSWORD } })).toMatchObject({ status: 404, body: { error: { code: "auth.reset_invalid" } } });

    await ask(email("alice"));
    const asked = tokenOf((await mailsTo(email("alice"))).at(0)!.text);
    const bruno = await signIn(email("bruno"), PASSWORD);
    const admin = { cookies: cookiesOf(bruno), headers: { "x-csrf-token": (bruno.body as { csrfToken: string }).csrfToken } };
    expect((await invoke(Team.deactivate, { method: "POST", params: { agentId: id("alice") }, body: { organisationId: id("mds-arras") }, ...admin })).status).toBe(200);
    const count = (await mailsTo(email("alice"))).length;
    expect((await ask(email("alice"))).status).toBe(202);
    expect((await mailsTo(email("alice"))).length).toBe(count);
    expect((await invoke(Team.reactivate, { method: "POST", params: { agentId: id("alice") }, body: { organisationId: id("mds-arras") }, ...admin })).status).toBe(200);
    // asked before the deactivation: void even once the account is active again
    expect((await invoke(Auth.confirmPasswordReset, { method: "POST", body: { token: asked, password: PASSWORD } })).status).toBe(404);
    expect((await signIn(email("alice"), NEW_PASSWORD)).status).toBe(200);
  });
});
