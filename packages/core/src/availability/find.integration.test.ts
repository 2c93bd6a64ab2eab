import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Availability from ".";
import { recordDynamoCommands } from "../db/client";
import * as DepartmentFile from "../department-file";
import type { AgentContext } from "../session";
import { smallDepartment } from "../testing/department-fixture";

// Tuesday 1 December 2026, 09:00 in Paris
const NOW = new Date("2026-12-01T08:00:00Z");
const p = `fd${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;

const ctx = (agent: string, memberships: AgentContext["memberships"]): AgentContext => ({
  agentId: id(agent), firstName: agent, lastName: "Test", email: `${agent}@example.org`, organisationId: memberships[0]!.organisationId, memberships, csrfToken: "x",
});
const alice = ctx("alice", [{ organisationId: `${p}-mds-arras`, role: "agent", serviceIds: [`${p}-pmi`] }]);
const bruno = ctx("bruno", [
  { organisationId: `${p}-mds-arras`, role: "admin", serviceIds: [`${p}-pmi`, `${p}-social`] },
  { organisationId: `${p}-mds-lens`, role: "admin", serviceIds: [`${p}-pmi`, `${p}-social`] },
]);

beforeAll(async () => {
  const base = smallDepartment(p);
  await DepartmentFile.load({
    ...base,
    places: [...base.places!, { id: id("place-bapaume"), organisationId: id("mds-arras"), name: "Antenne de Bapaume", address: "3 rue Neuve, 62450 Bapaume" }],
    agents: [
      ...base.agents!,
      { id: id("dora"), email: `${p}.dora@demo.rdv.local`, firstName: "Dora", lastName: "Nord", organisationIds: [id("mds-arras")], serviceIds: [id("pmi")], role: "agent" },
      { id: id("carla"), email: `${p}.carla@demo.rdv.local`, firstName: "Carla", lastName: "Petit", organisationIds: [id("mds-lens")], serviceIds: [id("social")], role: "agent" },
    ],
    openingRules: [
      ...base.openingRules!,
      // Dora: this very afternoon at Bapaume, so her next availability comes first
      { id: id("rule-dora"), agentId: id("dora"), placeId: id("place-bapaume"), motifIds: [id("consult")], firstDay: "2026-12-01", until: "2026-12-31", start: "14:00", end: "15:00", recurrence: { everyWeeks: 1, weekdays: ["tue"] } },
    ],
  });
});

describe("Trouver un créneau (Availability.find)", () => {
  it("lists each agent at each place with their next slots, next availability first, in 4 requests", async () => {
    const input = { organisationId: id("mds-arras"), motifId: id("consult"), from: "2026-12-01", days: 14 };
    await Availability.find(input, alice, NOW); // the département, read once a minute
    const { value, commands } = await recordDynamoCommands(() => Availability.find(input, alice, NOW));
    expect(commands.slice(0, 2)).toEqual(["QueryCommand", "QueryCommand"]); // places, motifs and members; rules
    expect([...commands.slice(2)].sort()).toEqual(["BatchGetItemCommand", "QueryCommand"]); // the places' busy time; absences
    expect(value).toEqual({
      from: "2026-12-01",
      to: "2026-12-14",
      results: [
        {
          motifId: id("consult"), placeId: id("place-bapaume"), agentId: id("dora"),
          slots: [
            { startsAt: "2026-12-01T14:00:00+01:00", endsAt: "2026-12-01T14:30:00+01:00" },
            { startsAt: "2026-12-01T14:30:00+01:00", endsAt: "2026-12-01T15:00:00+01:00" },
            { startsAt: "2026-12-08T14:00:00+01:00", endsAt: "2026-12-08T14:30:00+01:00" },
            { startsAt: "2026-12-08T14:30:00+01:00", endsAt: "2026-12-08T15:00:00+01:00" },
          ],
        },
        {
          // 09:30 is booked; Thursday 10 is cancelled; Monday 14 has an absence from 10:00 to 11:00
          motifId: id("consult"), placeId: id("place-arras"), agentId: id("alice"),
          slots: [
            { startsAt: "2026-12-07T09:00:00+01:00", endsAt: "2026-12-07T09:30:00+01:00" },
            { startsAt: "2026-12-07T10:00:00+01:00", endsAt: "2026-12-07T10:30:00+01:00" },
            { startsAt: "2026-12-07T10:30:00+01:00", endsAt: "2026-12-07T11:00:00+01:00" },
            { startsAt: "2026-12-07T11:00:00+01:00", endsAt: "2026-12-07T11:30:00+01:00" },
            { startsAt: "2026-12-07T11:30:00+01:00", endsAt: "2026-12-07T12:00:00+01:00" },
            { startsAt: "2026-12-14T09:00:00+01:00", endsAt: "2026-12-14T09:30:00+01:00" },
          ],
        },
      ],
    });
  });

  it("narrows to an agent or a place, and searches every individual motif of a service", async () => {
    const byAgent = await Availability.find({ organisationId: id("mds-arras"), motifId: id("consult"), agentId: id("alice"), from: "2026-12-01", days: 14 }, alice, NOW);
    expect(byAgent.results.map((r) => [r.agentId, r.placeId, r.slots.length])).toEqual([[id("alice"), id("place-arras"), 6]]);
    const byPlace = await Availability.find({ organisationId: id("mds-arras"), motifId: id("consult"), placeId: id("place-bapaume"), from: "2026-12-01", days: 14 }, alice, NOW);
    expect(byPlace.results.map((r) => [r.agentId, r.placeId, r.slots[0]?.startsAt])).toEqual([[id("dora"), id("place-bapaume"), "2026-12-01T14:00:00+01:00"]]);
    // the PMI service: the consultation only (the workshop is collective: sessions, not slots)
    const byService = await Availability.find({ organisationId: id("mds-arras"), serviceId: id("pmi"), from: "2026-12-01", days: 14 }, alice, NOW);
    expect(byService.results.map((r) => [r.motifId, r.agentId])).toEqual([[id("consult"), id("dora")], [id("consult"), id("alice")]]);
    // a place with no slot in the range is still listed, last
    const week = await Availability.find({ organisationId: id("mds-arras"), motifId: id("consult"), from: "2026-12-02", days: 7 }, alice, NOW);
    expect(week.results.map((r) => [r.agentId, r.slots[0]?.startsAt, r.slots.length])).toEqual([[id("alice"), "2026-12-07T09:00:00+01:00", 5], [id("dora"), "2026-12-08T14:00:00+01:00", 2]]);
    // agents with no slot in the range are still listed, by place
    const none = await Availability.find({ organisationId: id("mds-arras"), motifId: id("consult"), from: "2026-12-02", days: 4 }, alice, NOW);
    expect(none.results).toEqual([
      { motifId: id("consult"), placeId: id("place-arras"), agentId: id("alice"), slots: [] },
      { motifId: id("consult"), placeId: id("place-bapaume"), agentId: id("dora"), slots: [] },
    ]);
  });

  it("refuses another organisation's ids (404), organisations and services the agent does not work for (403), bad input (400 naming the field)", async () => {
    const arras = { organisationId: id("mds-arras"), from: "2026-12-01" };
    const find = async (input: Availability.FindInput, who: AgentContext) => Availability.find(input, who, NOW);
    await expect(find({ ...arras, motifId: id("social-phone") }, bruno)).rejects.toMatchObject({ code: "motif.not_found" });
    await expect(find({ ...arras, motifId: id("consult"), placeId: id("place-lens") }, bruno)).rejects.toMatchObject({ code: "place.not_found" });
    await expect(find({ ...arras, motifId: id("consult"), agentId: id("carla") }, bruno)).rejects.toMatchObject({ code: "agent.not_found" });
    await expect(find({ organisationId: id("mds-lens"), motifId: id("social-phone"), from: "2026-12-01" }, alice)).rejects.toMatchObject({ code: "auth.forbidden" });
    await expect(find({ ...arras, serviceId: id("social") }, alice)).rejects.toMatchObject({ code: "auth.forbidden" });
    await expect(find({ ...arras }, alice)).rejects.toMatchObject({ code: "request.invalid", fields: { motifId: "choisissez un motif ou un service" } });
    await expect(find({ ...arras, motifId: id("consult"), days: "90" }, alice)).rejects.toMatchObject({ code: "request.invalid", fields: { days: "62 au plus" } });
  });
});
