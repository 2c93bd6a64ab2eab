import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as CalendarFeed from ".";
import * as DepartmentFile from "../department-file";
import type { AgentContext } from "../session";
import { smallDepartment } from "../testing/department-fixture";

const NOW = new Date("2026-12-01T08:00:00Z");
const p = `cf${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const ctx = (agent: string): AgentContext => ({
  agentId: id(agent), firstName: agent, lastName: "Test", email: `${agent}@example.org`, organisationId: id("mds-arras"),
  memberships: [{ organisationId: id("mds-arras"), role: "agent", serviceIds: [id("pmi")] }], csrfToken: "x",
});
const alice = ctx("alice");
const bruno = ctx("bruno");
const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);
/** the feed's events as [start, title, location, description] */
const events = (ics: string) =>
  ics
    .split("BEGIN:VEVENT")
    .slice(1)
    .map((event) => {
      const unfolded = event.replace(/\r\n[ \t]/g, "");
      const field = (name: string) => new RegExp(`\\r\\n${name}:(.*)`).exec(unfolded)?.[1]?.replace(/\\n/g, "\n").replace(/\\,/g, ",");
      return [field("DTSTART"), field("SUMMARY"), field("LOCATION"), field("DESCRIPTION")];
    });

beforeAll(async () => {
  const base = smallDepartment(p);
  const chloe = base.appointments![0]!.serviceUsers[0]!;
  await DepartmentFile.load({
    ...base,
    motifs: [
      ...base.motifs!,
      { id: id("planif"), serviceId: id("pmi"), organisationId: id("mds-arras"), name: "Planification familiale", durationMinutes: 30, locationType: "on_site", online: true, minDelayMinutes: 30, maxDelayDays: 60, collective: false, notification: "discreet" },
    ],
    openingRules: [{ ...base.openingRules![0]!, firstDay: "2026-10-01", motifIds: [id("consult"), id("atelier"), id("planif")], exceptions: [] }, base.openingRules![1]!],
    appointments: [
      ...base.appointments!,
      { id: id("discreet"), motifId: id("planif"), placeId: id("place-arras"), agentIds: [id("alice")], start: "2026-12-14T11:00", status: "booked", serviceUsers: [{ id: id("u-sara"), firstName: "Sara", lastName: "Le Goff", phone: "06 98 76 54 32" }] },
      { id: id("recent"), motifId: id("consult"), placeId: id("place-arras"), agentIds: [id("alice")], start: "2026-11-12T09:00", status: "seen", serviceUsers: [chloe] },
      { id: id("old"), motifId: id("consult"), placeId: id("place-arras"), agentIds: [id("alice")], start: "2026-10-22T09:00", status: "seen", serviceUsers: [chloe] },
      { id: id("far"), motifId: id("consult"), placeId: id("place-arras"), agentIds: [id("alice")], start: "2027-06-07T09:00", status: "booked", serviceUsers: [chloe] },
    ],
  });
});

describe("an agent's calendar feed", () => {
  it("holds the agent's appointments from 30 days ago to 6 months ahead: surname initials only, no phone, no motif for discreet motifs", async () => {
    expect(await CalendarFeed.status(alice)).toEqual({ active: false });
    const { url, createdAt } = await CalendarFeed.create(alice, NOW);
    expect(url).toMatch(/^https:\/\/rdv\.example\.fr\/v1\/public\/calendar-feeds\/[A-Za-z0-9_-]{43}$/);
    expect(await CalendarFeed.status(alice)).toEqual({ active: true, createdAt });
    const ics = await CalendarFeed.read(tokenOf(url), NOW);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain("X-WR-CALNAME:Mes rendez-vous (RDV)");
    const link = (appointment: string) => `Fiche : https://rdv.example.fr/agent/rendez-vous/${id(appointment)}`;
    expect(events(ics)).toEqual([
      ["20261112T080000Z", "Consultation nourrisson — D. C.", "MDS d'Arras", `Usager : D. C.\n${link("recent")}`],
      ["20261207T083000Z", "Consultation nourrisson — D. C.", "MDS d'Arras", `Usager : D. C.\n${link("rdv-1")}`],
      ["20261214T100000Z", "Rendez-vous — L. G. S.", "MDS d'Arras", `Usager : L. G. S.\n${link("discreet")}`],
    ]);
    for (const secret of ["Dubois", "Goff", "Planification", "06 ", "+336", "Léo"]) expect(ics).not.toContain(secret);
    // another agent's feed holds none of Alice's appointments
    const other = await CalendarFeed.create(bruno, NOW);
    expect(events(await CalendarFeed.read(tokenOf(other.url), NOW))).toEqual([]);
  });

  it("a new address replaces the old one; a revoked or unknown address is a 404", async () => {
    const first = await CalendarFeed.create(alice, NOW);
    const second = await CalendarFeed.create(alice, NOW);
    await expect(CalendarFeed.read(tokenOf(first.url), NOW)).rejects.toMatchObject({ code: "calendar_feed.not_found" });
    expect(await CalendarFeed.read(tokenOf(second.url), NOW)).toContain("BEGIN:VEVENT");
    expect(await CalendarFeed.revoke(alice)).toEqual({ active: false });
    await expect(CalendarFeed.read(tokenOf(second.url), NOW)).rejects.toMatchObject({ code: "calendar_feed.not_found" });
    expect(await CalendarFeed.status(alice)).toEqual({ active: false });
    for (const token of ["", "x", "a".repeat(43), "a".repeat(44), "../etc"]) await expect(CalendarFeed.read(token, NOW)).rejects.toMatchObject({ code: "calendar_feed.not_found" });
  });

  it("each address is read at most 30 times an hour (then a 429 until the hour ends)", async () => {
    const { url } = await CalendarFeed.create(bruno, NOW);
    const at = new Date("2026-12-01T10:15:00Z");
    for (let i = 0; i < CalendarFeed.READS_PER_HOUR; i++) await CalendarFeed.read(tokenOf(url), at);
    await expect(CalendarFeed.read(tokenOf(url), at)).rejects.toMatchObject({ code: "limit.calendar_feed", retryAfterSeconds: 2700 });
    expect(await CalendarFeed.read(tokenOf(url), new Date("2026-12-01T11:00:00Z"))).toMatch(/^BEGIN:VCALENDAR/);
  });
});
