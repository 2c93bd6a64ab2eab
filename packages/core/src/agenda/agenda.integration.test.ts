import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import * as Agenda from ".";
import { recordDynamoCommands } from "../db/client";
import * as DepartmentFile from "../department-file";
import * as Session from "../session";
import { smallDepartment } from "../testing/department-fixture";

const NOW = new Date("2026-12-01T08:00:00Z");

it("an organisation's week: the session in 2 requests, the agenda in 5, whatever the number of agents and appointments", async () => {
  const p = `ag${randomUUID().slice(0, 6)}`;
  const id = (name: string) => `${p}-${name}`;
  const base = smallDepartment(p);
  const extra = Array.from({ length: 12 }, (_, i) => id(`agent-${String(i).padStart(2, "0")}`));
  await DepartmentFile.load({
    ...base,
    agents: [
      ...base.agents!,
      ...extra.map((agentId, i) => ({ id: agentId, email: `${agentId}@demo.rdv.local`, firstName: `Agent${i}`, lastName: `Nom${String(i).padStart(2, "0")}`, organisationIds: [id("mds-arras")], serviceIds: [id("pmi")], role: "agent" as const })),
    ],
    absences: [...base.absences!, ...extra.map((agentId) => ({ id: `${agentId}-formation`, agentId, start: "2026-12-08T09:00", end: "2026-12-08T12:00" }))],
  });
  await Session.setPassword(id("bruno"), "un mot de passe assez long");
  const { sessionToken } = await Session.signIn({ email: `${p}.bruno@demo.rdv.local`, password: "un mot de passe assez long" }, NOW, "192.0.2.7");
  const session = await recordDynamoCommands(() => Session.fromToken(sessionToken, NOW));
  expect(session.commands).toEqual(["GetItemCommand", "QueryCommand"]); // the session; the agent and their memberships
  const week = { organisationId: id("mds-arras"), from: "2026-12-07", to: "2026-12-13" };
  await Agenda.get(week, session.value); // the département, read once a minute
  const { value: agenda, commands } = await recordDynamoCommands(() => Agenda.get(week, session.value));
  // places, motifs and members; appointments; rules — then the agents shown and their absences
  expect(commands.slice(0, 3)).toEqual(["QueryCommand", "QueryCommand", "QueryCommand"]);
  expect([...commands.slice(3)].sort()).toEqual(["BatchGetItemCommand", "QueryCommand"]);
  expect(agenda.agents).toHaveLength(14);
  // the organisation's places and motifs come from the same query as its members
  expect(agenda.places).toEqual([{ id: id("place-arras"), name: "MDS d'Arras" }]);
  expect(agenda.motifs.map((m) => m.id).sort()).toEqual([id("atelier"), id("consult")]);
  expect(agenda.appointments.map((a) => [a.id, a.startsAt])).toEqual([[id("rdv-1"), "2026-12-07T09:30:00+01:00"]]);
  // Alice's absence is the week after
  expect(agenda.absences.map((a) => [a.agentId, a.start])).toEqual(extra.map((agentId) => [agentId, "2026-12-08T09:00:00+01:00"]));
  expect(agenda.openings.map((o) => [o.agentId, o.start])).toEqual([[id("alice"), "2026-12-07T09:00:00+01:00"]]); // Thursday 10 is cancelled
});
