import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Agent from "../agent";
import * as DepartmentFile from "../department-file";
import type { AgentContext } from "../session";
import { smallDepartment } from "../testing/department-fixture";
import * as Team from ".";

const p = `m${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const arras = id("mds-arras");
const ADMINS = ["a1", "a2", "a3", "a4", "a5"];
const now = new Date("2026-12-01T08:00:00Z");

const ctx = (name: string): AgentContext => ({
  agentId: id(name),
  firstName: name,
  lastName: "Admin",
  email: `${p}.${name}@demo.rdv.local`,
  organisationId: arras,
  memberships: [{ organisationId: arras, role: "admin", serviceIds: [] }],
  csrfToken: "x",
});

beforeAll(async () => {
  const base = smallDepartment(p);
  await DepartmentFile.load({
    ...base,
    agents: [...base.agents!.map((a) => ({ ...a, role: "agent" as const })), ...ADMINS.map((name) => ({ id: id(name), email: `${p}.${name}@demo.rdv.local`, firstName: name, lastName: "Admin", organisationIds: [arras], serviceIds: [], role: "admin" as const }))],
  });
});

const activeAdmins = async () => {
  const members = (await Agent.membersOf(arras)).filter((m) => m.role === "admin");
  return (await Agent.getMany(members.map((m) => m.agentId))).filter(Agent.isActive).map((a) => a.agentId);
};

describe("an organisation keeps an active admin", () => {
  it("five admins stepping down at once: exactly four succeed, the last is refused with team.last_admin", async () => {
    const outcomes = await Promise.allSettled(ADMINS.map((name) => Team.update(id(name), { organisationId: arras, role: "secretariat", serviceIds: [] }, ctx(name), now)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(4);
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(["team.last_admin"]);
    expect(await activeAdmins()).toHaveLength(1);
  });

  it("deactivating every other admin while one is demoted leaves an active admin", async () => {
    const [keeper] = await activeAdmins();
    const others = ADMINS.map(id).filter((agentId) => agentId !== keeper);
    // the others are admins again
    for (const agentId of others) await Team.update(agentId, { organisationId: arras, role: "admin", serviceIds: [] }, ctx(keeper!.slice(p.length + 1)), now);
    expect((await activeAdmins()).sort()).toEqual(ADMINS.map(id).sort());
    // the keeper deactivates three of them while the fourth demotes the keeper
    const [fourth, ...three] = others;
    const outcomes = await Promise.allSettled([
      ...three.map((agentId) => Team.deactivate(agentId, { organisationId: arras }, ctx(keeper!.slice(p.length + 1)), now)),
      Team.update(keeper!, { organisationId: arras, role: "agent", serviceIds: [] }, ctx(fourth!.slice(p.length + 1)), now),
    ]);
    expect(outcomes.every((o) => o.status === "fulfilled")).toBe(true);
    expect(await activeAdmins()).toEqual([fourth]);
  });
});
