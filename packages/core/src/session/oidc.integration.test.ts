import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Agent from "../agent";
import { AgentEntity } from "../agent/agent.entity";
import * as DepartmentFile from "../department-file";
import { smallDepartment } from "../testing/department-fixture";
import { agentFor } from "./oidc";
import { OidcLinkEntity } from "./session.entity";

const p = `m${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const email = (name: string) => `${p}.${name}@demo.rdv.local`;
const ISSUER = "https://proconnect.example.gouv.fr/api/v2";
const now = new Date("2026-12-01T08:00:00Z");
const identity = (sub: string, mail?: string, emailVerified = true) => ({ issuer: ISSUER, sub, email: mail, emailVerified });
const codeOf = async (promise: Promise<unknown>) => promise.then(() => "ok", (error: { code?: string }) => error.code);

beforeAll(async () => {
  const base = smallDepartment(p);
  const extra = ["chloe", "denis", "emile", "fanny"].map((name) => ({
    id: id(name),
    email: email(name),
    firstName: name,
    lastName: "Test",
    organisationIds: [id("mds-arras")],
    serviceIds: [id("pmi")],
    role: "agent" as const,
  }));
  await DepartmentFile.load({ ...base, agents: [...base.agents!, ...extra] });
});

describe("matching a ProConnect identity to an agent account", () => {
  it("links on the first verified e-mail (any case), then finds the account by sub whatever the e-mail says", async () => {
    const sub = `sub-${randomUUID()}`;
    expect(await agentFor(identity(sub, email("alice").toUpperCase()), now)).toBe(id("alice"));
    expect((await Agent.get(id("alice")))!.oidcSubject).toBe(`${ISSUER} ${sub}`);
    expect((await OidcLinkEntity.get({ issuer: ISSUER, sub }).go()).data).toMatchObject({ agentId: id("alice"), linkedAt: now.toISOString() });
    expect(await agentFor(identity(sub, "autre.adresse@example.fr", false), now)).toBe(id("alice"));
    expect(await agentFor(identity(sub), now)).toBe(id("alice"));
  });

  it("refuses an unknown e-mail, an unverified one and a missing one, linking nothing", async () => {
    expect(await codeOf(agentFor(identity(`sub-${randomUUID()}`, email("personne")), now))).toBe("auth.oidc_unknown_account");
    const sub = `sub-${randomUUID()}`;
    expect(await codeOf(agentFor(identity(sub, email("bruno"), false), now))).toBe("auth.oidc_email_unverified");
    expect(await codeOf(agentFor(identity(sub), now))).toBe("auth.oidc_unknown_account");
    expect((await OidcLinkEntity.get({ issuer: ISSUER, sub }).go()).data).toBeNull();
    expect((await Agent.get(id("bruno")))!.oidcSubject).toBeUndefined();
    // validation throws before any read
    expect(() => agentFor({ issuer: ISSUER, sub: "", emailVerified: true }, now)).toThrow(expect.objectContaining({ code: "request.invalid", fields: { sub: expect.any(String) } }));
  });

  it("refuses a second identity for an account already linked to another", async () => {
    expect(await agentFor(identity("premier", email("chloe")), now)).toBe(id("chloe"));
    expect(await codeOf(agentFor(identity("second", email("chloe")), now))).toBe("auth.oidc_other_identity");
    expect((await OidcLinkEntity.get({ issuer: ISSUER, sub: "second" }).go()).data).toBeNull();
  });

  it("refuses a deactivated agent, linked or not", async () => {
    const sub = `sub-${randomUUID()}`;
    expect(await agentFor(identity(sub, email("denis")), now)).toBe(id("denis"));
    await AgentEntity.patch({ agentId: id("denis") }).set({ deactivatedAt: "2026-11-30T08:00:00.000Z" }).go();
    expect(await codeOf(agentFor(identity(sub), now))).toBe("auth.account_deactivated");
    await AgentEntity.patch({ agentId: id("emile") }).set({ deactivatedAt: "2026-11-30T08:00:00.000Z" }).go();
    expect(await codeOf(agentFor(identity(`sub-${randomUUID()}`, email("emile")), now))).toBe("auth.account_deactivated");
    expect((await Agent.get(id("emile")))!.oidcSubject).toBeUndefined();
  });

  it("links once under concurrent first sign-ins: the same identity always gets the account, two identities cannot share it", async () => {
    const sub = `sub-${randomUUID()}`;
    const same = await Promise.all(Array.from({ length: 6 }, () => agentFor(identity(sub, email("fanny")), now)));
    expect(same).toEqual(Array(6).fill(id("fanny")));
    expect((await Agent.get(id("fanny")))!.oidcSubject).toBe(`${ISSUER} ${sub}`);

    // bruno: two different identities race for the same account; exactly one wins
    const subs = Array.from({ length: 6 }, (_, i) => `course-${i}-${randomUUID()}`);
    const outcomes = await Promise.all(subs.map((s) => codeOf(agentFor(identity(s, email("bruno")), now))));
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "auth.oidc_other_identity")).toHaveLength(5);
    const winner = subs[outcomes.indexOf("ok")]!;
    expect((await Agent.get(id("bruno")))!.oidcSubject).toBe(`${ISSUER} ${winner}`);
    const links = await Promise.all(subs.map(async (s) => (await OidcLinkEntity.get({ issuer: ISSUER, sub: s }).go()).data));
    expect(links.filter(Boolean)).toHaveLength(1);
  });
});
