import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as Appointment from "../appointment";
import * as Configuration from "../configuration";
import { readTogether } from "../db/batch-get";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { docClient, dynamoRequestCount } from "../db/client";
import { Db } from "../db/service";
import * as DepartmentFile from "../department-file";
import type { AgentContext } from "../session";
import * as Slot from "../slot";
import { smallDepartment } from "../testing/department-fixture";
import * as AgentTime from ".";
import { coveredUpdate, decodeCopy } from "./place-time";

const NOW = new Date("2026-12-01T08:00:00Z");

/** Alice works at Arras (one appointment on Monday 7 December at 9:30); the Lens motif, a phone interview of 20 minutes. */
async function setup() {
  const p = `pt${randomUUID().slice(0, 6)}`;
  await DepartmentFile.load(smallDepartment(p));
  const id = (name: string) => `${p}-${name}`;
  return { p, id, alice: id("alice"), lens: id("place-lens"), arras: id("place-arras"), motif: id("social-phone") };
}

const counted = async <T>(fn: () => Promise<T>) => {
  const before = dynamoRequestCount();
  const value = await fn();
  return { value, requests: dynamoRequestCount() - before };
};

/** What the place's copy holds of an agent's days, and the days themselves (busy intervals by day). */
async function copyAndDays(placeId: string, agentId: string, from: string, to: string) {
  const [copy] = await readTogether([AgentTime.placeBusy(placeId, from, to)], { consistent: true });
  const copied = Object.fromEntries([...(copy.days.get(agentId) ?? new Map<string, string>())].map(([day, raw]) => [day, decodeCopy(raw).busy]).filter(([, busy]) => (busy as unknown[]).length > 0));
  const days = Object.fromEntries((await AgentTime.daysOf(agentId, from, to)).filter((d) => d.busy.length > 0).map((d) => [d.day, d.busy]));
  return { covered: copy.coverage.has(agentId), copied, days };
}

describe("busy time by place", () => {
  it("a place given an agent with appointments elsewhere reads the agent's own days until it has copied them, then its copy", async () => {
    const { alice, lens, arras, motif, p } = await setup();
    // Alice also answers the phone for Lens on Monday mornings (written directly: nothing copies her time there yet)
    await Db.entities.openingRule.put({ ruleId: `${p}-rule-alice-lens`, agentId: alice, placeId: lens, organisationId: `${p}-mds-lens`, motifIds: [motif], firstDay: "2026-12-07", until: "2027-03-31", start: "09:00", end: "12:00", recurrence: { everyWeeks: 1, weekdays: ["mon"] }, exceptions: [] }).go();
    const search = () => Slot.list({ motif, place: lens, from: "2026-12-07", to: "2026-12-07" }, NOW);
    await search(); // the département, read once a minute
    const before = await counted(search);
    const starts = before.value.map((s) => s.startsAt.slice(11, 16));
    expect(starts).not.toContain("09:20"); // 9:30–10:00 at Arras
    expect(starts.slice(0, 2)).toEqual(["09:00", "10:00"]);
    expect(before.requests).toBe(3 + 1); // her own days, one query

    await AgentTime.cover(alice, [lens]);
    const after = await counted(search);
    expect(after.value).toEqual(before.value);
    expect(after.requests).toBe(3);
    // a booking at Arras now reaches Lens's copy in its own transaction
    await Appointment.book(
      { motifId: `${p}-consult`, placeId: arras, startsAt: "2026-12-07T11:00:00+01:00", serviceUser: { firstName: "Anne", lastName: "Copie", phone: "0699887766" } },
      { idempotencyKey: `${p}-k1`, now: NOW },
    );
    expect((await search()).map((s) => s.startsAt.slice(11, 16))).not.toContain("11:00");
    const state = await copyAndDays(lens, alice, "2026-12-01", "2026-12-31");
    expect(state.covered).toBe(true);
    expect(state.copied).toEqual(state.days);
  });

  it("copying an agent's days while they are being booked loses none: the copy equals the days", async () => {
    const { alice, lens, arras, p } = await setup();
    const mondays = ["2026-12-14", "2026-12-21", "2026-12-28", "2027-01-04", "2027-01-11", "2027-01-18"];
    const book = (day: string, n: number) =>
      Appointment.book(
        { motifId: `${p}-consult`, placeId: arras, startsAt: `${day}T${n === 7 ? "10:00" : "09:00"}:00+01:00`, serviceUser: { firstName: "Anne", lastName: `Course ${"abcdefgh"[n]}`, phone: `06998877${String(n).padStart(2, "0")}` } },
        { idempotencyKey: `${p}-race-${n}`, now: NOW },
      );
    await book("2026-12-07", 7);
    await Promise.all([AgentTime.cover(alice, [lens]), ...mondays.map((day, n) => book(day, n))]);
    const state = await copyAndDays(lens, alice, "2026-12-01", "2027-01-31");
    expect(state.covered).toBe(true);
    expect(Object.keys(state.days)).toHaveLength(7);
    expect(state.copied).toEqual(state.days);
  }, 60_000);

  it("an opening rule saved by an admin makes its place copy the agent's busy time", async () => {
    const { id, lens, motif } = await setup();
    const bruno: AgentContext = {
      agentId: id("bruno"), firstName: "Bruno", lastName: "Lefebvre", email: "b@example.fr", organisationId: id("mds-lens"), csrfToken: "x",
      memberships: [{ organisationId: id("mds-arras"), role: "admin", serviceIds: [] }, { organisationId: id("mds-lens"), role: "admin", serviceIds: [] }],
    };
    await Configuration.saveOpeningRule(
      { id: id("rule-bruno-arras"), agentId: id("bruno"), placeId: id("place-arras"), motifIds: [id("consult")], firstDay: "2026-12-07", start: "14:00", end: "16:00", recurrence: { everyWeeks: 1, weekdays: ["wed"] } },
      bruno,
      NOW,
    );
    const [arras] = await readTogether([AgentTime.placeBusy(id("place-arras"), "2026-12-01", "2026-12-31")]);
    expect([...arras.coverage.keys()].sort()).toEqual([id("alice"), id("bruno")]);
    expect(arras.coverage.get(id("bruno"))?.places.sort()).toEqual([id("place-arras"), lens].sort());
    expect(motif).toBeTruthy();
  });

  it("a place that covers an agent with an older place list is told the current one by the next cover (its bookings would otherwise fail their first attempt every time)", async () => {
    const { alice, lens, arras } = await setup();
    await AgentTime.cover(alice, [lens]);
    const list = (await Db.entities.agentPlaces.get({ agentId: alice }).go({ consistent: true })).data!;
    expect(list.places.sort()).toEqual([arras, lens].sort());
    // Arras recorded Alice with her first list, as when a cover of Lens raced with Arras's own
    await docClient().send(new UpdateCommand(coveredUpdate(arras, [{ agentId: alice, version: list.version - 1, places: [arras] }]).Update));
    await AgentTime.cover(alice, [arras]);
    const [copy] = await readTogether([AgentTime.placeBusy(arras, "2026-12-07", "2026-12-07")], { consistent: true });
    expect(copy.coverage.get(alice)).toEqual({ version: list.version, places: list.places });
  });
});
