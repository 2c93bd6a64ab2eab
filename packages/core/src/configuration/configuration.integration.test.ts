import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as Configuration from ".";
import * as AgentTime from "../agent-time";
import { docClient } from "../db/client";
import * as DepartmentFile from "../department-file";
import * as Place from "../place";
import * as Session from "../session";
import type { AgentContext } from "../session";
import { smallDepartment } from "../testing/department-fixture";

const p = `c${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const NOW = new Date("2026-12-01T09:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

/** bruno administers Arras and Lens; alice is an agent at Arras. */
const bruno: AgentContext = {
  agentId: id("bruno"),
  firstName: "Bruno",
  lastName: "Lefebvre",
  email: `${p}.bruno@demo.rdv.local`,
  organisationId: id("mds-arras"),
  memberships: [
    { organisationId: id("mds-arras"), role: "admin", serviceIds: [] },
    { organisationId: id("mds-lens"), role: "admin", serviceIds: [] },
  ],
  csrfToken: "x",
};
const alice: AgentContext = { ...bruno, agentId: id("alice"), firstName: "Alice", lastName: "Martin", memberships: [{ organisationId: id("mds-arras"), role: "agent", serviceIds: [id("pmi")] }] };

beforeAll(async () => {
  await DepartmentFile.load(smallDepartment(p));
});

/** The DynamoDB commands a call sends (the real ones: the spy lets them through). */
function recordWrites() {
  const client = docClient();
  const send = client.send.bind(client);
  const commands: Array<{ name: string; input: Record<string, unknown> }> = [];
  vi.spyOn(client, "send").mockImplementation(((command: { constructor: { name: string }; input: Record<string, unknown> }, ...rest: unknown[]) => {
    commands.push({ name: command.constructor.name, input: command.input });
    return (send as (...args: unknown[]) => unknown)(command, ...rest);
  }) as never);
  return () => commands.filter((c) => !/^(Get|Query|BatchGet)/.test(c.name));
}

afterEach(() => vi.restoreAllMocks());

const changesOf = async (organisationId: string) => (await Configuration.changes({ organisationId }, bruno)).events;

describe("configuration changes are audited", () => {
  it("a place's creation and each later change are written with their audit entry in one transaction", async () => {
    const writes = recordWrites();
    const place = { organisationId: id("mds-lens"), name: "Antenne de Liévin", address: "3 rue Thiers, 62800 Liévin" };
    const { id: placeId } = await Configuration.savePlace(place, bruno, NOW);
    const sent = writes();
    expect(sent.map((c) => c.name)).toEqual(["TransactWriteCommand"]);
    const items = (sent[0]!.input as { TransactItems: Array<{ Put?: { Item: { __edb_e__: string } } }> }).TransactItems;
    expect(items.map((item) => item.Put?.Item.__edb_e__)).toEqual(["place", "configAudit"]);

    await Configuration.savePlace({ ...place, id: placeId, name: "Antenne Liévin centre" }, bruno, later(5));
    await Configuration.savePlace({ ...place, id: placeId, name: "Antenne Liévin centre" }, bruno, later(6)); // saved again, nothing changed

    expect((await changesOf(id("mds-lens"))).filter((e) => e.subjectId === placeId)).toEqual([
      { at: later(6).toISOString(), agentId: id("bruno"), agentName: "Bruno Lefebvre", subject: "place", subjectId: placeId, action: "updated", changes: {} },
      { at: later(5).toISOString(), agentId: id("bruno"), agentName: "Bruno Lefebvre", subject: "place", subjectId: placeId, action: "updated", changes: { name: ["Antenne de Liévin", "Antenne Liévin centre"] } },
      {
        at: NOW.toISOString(),
        agentId: id("bruno"),
        agentName: "Bruno Lefebvre",
        subject: "place",
        subjectId: placeId,
        action: "created",
        changes: { address: [null, place.address], name: [null, place.name] },
      },
    ]);
    expect((await Place.get(placeId))?.name).toBe("Antenne Liévin centre");
    // the other organisation's list does not show it
    expect((await changesOf(id("mds-arras"))).some((e) => e.subjectId === placeId)).toBe(false);
  });

  it("a place's short name for SMS is saved, listed and audited, and removed when left empty", async () => {
    const place = { id: id("place-shortname"), organisationId: id("mds-lens"), name: "Maison départementale des solidarités de Liévin", address: "3 rue Thiers, 62800 Liévin" };
    await Configuration.savePlace({ ...place, shortName: "MDS Liévin" }, bruno, later(10));
    const listed = await Configuration.list({ organisationId: id("mds-lens") }, bruno);
    expect(listed.places.find((p) => p.id === place.id)).toEqual({ ...place, organisationId: undefined, shortName: "MDS Liévin", phone: undefined });
    await Configuration.savePlace(place, bruno, later(11));
    expect((await Place.get(place.id))?.shortName).toBeUndefined();
    const changes = (await changesOf(id("mds-lens"))).filter((e) => e.subjectId === place.id).map((e) => e.changes.shortName);
    expect(changes).toEqual([["MDS Liévin", null], [null, "MDS Liévin"]]);
  });

  it("motifs, rules, occurrences, absences: each change and who made it; an absence is audited in each organisation of its agent", async () => {
    const start = later(60);
    await Configuration.saveMotif({ id: id("consult"), serviceId: id("pmi"), organisationId: id("mds-arras"), name: "Consultation nourrisson", durationMinutes: 45, locationType: "on_site", online: true, minDelayMinutes: 30, maxDelayDays: 60, collective: false }, bruno, start);
    await Configuration.editOccurrence({ ruleId: id("rule-alice"), exception: { day: "2026-12-17", cancelled: true } }, alice, later(61));
    await Configuration.deleteOpeningRule(id("rule-bruno"), bruno, later(62));
    const writes = recordWrites();
    await Configuration.saveAbsence({ id: id("abs-bruno"), agentId: id("bruno"), start: "2026-12-21T09:00", end: "2026-12-21T12:00" }, bruno, later(63));
    const items = (writes()[0]!.input as { TransactItems: Array<{ Put?: { Item: { __edb_e__: string } } }> }).TransactItems;
    expect(items.map((item) => item.Put?.Item.__edb_e__)).toEqual(["absence", "configAudit", "configAudit"]);
    await Configuration.deleteAbsence({ agentId: id("alice"), absenceId: id("abs-alice") }, alice, later(64));

    const arras = (await changesOf(id("mds-arras"))).filter((e) => e.at >= start.toISOString());
    expect(arras.map((e) => [e.subject, e.subjectId, e.action, e.agentName, e.changes])).toEqual([
      ["absence", id("abs-alice"), "deleted", "Alice Martin", { end: ["2026-12-14T11:00", null], exceptions: [[], null], start: ["2026-12-14T10:00", null] }],
      ["absence", id("abs-bruno"), "created", "Bruno Lefebvre", { end: [null, "2026-12-21T12:00"], exceptions: [null, []], start: [null, "2026-12-21T09:00"] }],
      ["opening_rule", id("rule-alice"), "occurrence_edited", "Alice Martin", { "exceptions.2026-12-17": [null, { day: "2026-12-17", cancelled: true }] }],
      ["motif", id("consult"), "updated", "Bruno Lefebvre", { durationMinutes: [30, 45] }],
    ]);
    const lens = (await changesOf(id("mds-lens"))).filter((e) => e.at >= start.toISOString());
    expect(lens.map((e) => [e.subject, e.subjectId, e.action])).toEqual([
      ["absence", id("abs-bruno"), "created"],
      ["opening_rule", id("rule-bruno"), "deleted"],
    ]);
    expect(lens[1]!.changes).toMatchObject({ start: ["13:30", null], end: ["17:00", null] });
    expect(lens[1]!.changes).not.toHaveProperty("placeId"); // ids are not changes
    expect(await AgentTime.absence(id("alice"), id("abs-alice"))).toBeNull();
  });

  it("an invitation is audited with the invitation; only admins read the list, a page at a time", async () => {
    await Session.invite({ email: `${p}.nina@demo.rdv.local`, firstName: "Nina", lastName: "Nouvelle", organisationId: id("mds-lens"), serviceIds: [id("social")], role: "agent" }, bruno, later(120));
    const [latest] = await changesOf(id("mds-lens"));
    expect(latest).toMatchObject({
      subject: "invitation",
      action: "sent",
      agentName: "Bruno Lefebvre",
      changes: { email: [null, `${p}.nina@demo.rdv.local`], firstName: [null, "Nina"], lastName: [null, "Nouvelle"], role: [null, "agent"], serviceIds: [null, [id("social")]] },
    });
    await expect(Configuration.changes({ organisationId: id("mds-arras") }, alice)).rejects.toMatchObject({ code: "auth.forbidden" });
    const first = await Configuration.changes({ organisationId: id("mds-lens"), limit: 2 }, bruno);
    expect(first.events).toHaveLength(2);
    const second = await Configuration.changes({ organisationId: id("mds-lens"), limit: 2, cursor: first.cursor }, bruno);
    expect(second.events[0]!.at < first.events[1]!.at || second.events[0]!.at === first.events[1]!.at).toBe(true);
    expect(second.events.map((e) => e.subjectId)).not.toContain(first.events[0]!.subjectId);
    await expect(Configuration.changes({ organisationId: id("mds-lens"), cursor: "pas-un-curseur" }, bruno)).rejects.toMatchObject({ code: "request.invalid", fields: { cursor: "curseur invalide" } });
    // a cursor of another organisation's list is refused, not followed
    await expect(Configuration.changes({ organisationId: id("mds-arras"), cursor: first.cursor }, bruno)).rejects.toMatchObject({ fields: { cursor: "curseur invalide" } });
    await expect(Configuration.changes({ organisationId: id("mds-lens"), limit: 101 }, bruno)).rejects.toMatchObject({ fields: { limit: expect.any(String) } });
  });
});
