import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Configuration from ".";
import * as Appointment from "../appointment";
import * as DepartmentFile from "../department-file";
import { ForbiddenError } from "../session";
import { NotFoundError, ValidationError } from "../error";
import type { AgentContext } from "../session";
import * as Slot from "../slot";
import { smallDepartment } from "../testing/department-fixture";

const p = `m${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const NOW = new Date("2027-01-05T08:00:00Z");

/** Bruno administers Arras and Lens, and receives at Lens every other Tuesday 13:30–17:00 (phone interviews, 20 minutes). */
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

beforeAll(async () => {
  await DepartmentFile.load(smallDepartment(p));
});

/** Bruno's consultation starts at Arras over local days (as agents see them: no booking window). */
async function brunoAtArras(from: string, to: string, now = NOW): Promise<string[]> {
  const slots = await Slot.list({ motif: id("consult"), place: id("place-arras"), from, to }, now, { bookingWindow: false, agent: bruno });
  return slots.filter((slot) => slot.agentIds.includes(id("bruno"))).map((slot) => slot.startsAt);
}

const phoneAtLens = (startsAt: string, phone: string, now: Date) =>
  Appointment.book(
    { motifId: id("social-phone"), placeId: id("place-lens"), startsAt, serviceUser: { firstName: "Anne", lastName: "Mensuelle", phone } },
    { idempotencyKey: randomUUID(), now },
  );

describe("monthly opening rules and absences through the configuration", () => {
  it("a 3rd-Tuesday rule at a second place opens those days only; the agent's appointments and monthly absences elsewhere take their time out", async () => {
    // booked at Lens before the Arras rule exists: the rule's save makes Arras copy Bruno's busy time
    await phoneAtLens("2027-01-19T14:10:00+01:00", "0611223301", NOW);
    await Configuration.saveOpeningRule(
      { id: id("rule-3rd-tue"), agentId: id("bruno"), placeId: id("place-arras"), motifIds: [id("consult")], firstDay: "2027-01-01", start: "13:30", end: "15:00", recurrence: { everyMonths: 1, ordinal: 3, weekday: "tue" } },
      bruno,
      NOW,
    );
    // every other month (January, March…), the 3rd Tuesday's first half hour is a team meeting
    await Configuration.saveAbsence(
      { id: id("abs-3rd-tue"), agentId: id("bruno"), title: "Réunion", start: "2027-01-19T13:30", end: "2027-01-19T14:00", recurrence: { everyMonths: 2, ordinal: 3, weekday: "tue" } },
      bruno,
      NOW,
    );
    // booked at Lens after the rule: the booking's own transaction reaches the Arras copy
    await phoneAtLens("2027-02-16T14:30:00+01:00", "0611223302", new Date("2027-02-01T08:00:00Z"));

    expect(await brunoAtArras("2027-01-01", "2027-03-31")).toEqual([
      "2027-01-19T14:30:00+01:00",
      "2027-02-16T13:30:00+01:00",
      "2027-02-16T14:00:00+01:00",
      "2027-03-16T14:00:00+01:00",
      "2027-03-16T14:30:00+01:00",
    ]);

    const listed = await Configuration.list({ organisationId: id("mds-arras") }, bruno);
    expect(listed.openingRules.find((r) => r.id === id("rule-3rd-tue"))?.recurrence).toEqual({ everyMonths: 1, ordinal: 3, weekday: "tue" });
    expect(listed.absences.find((a) => a.id === id("abs-3rd-tue"))?.recurrence).toEqual({ everyMonths: 2, ordinal: 3, weekday: "tue" });
  });

  it("a rule changed from weekly to monthly no longer opens the other weeks", async () => {
    const rule = { id: id("rule-change"), agentId: id("bruno"), placeId: id("place-arras"), motifIds: [id("consult")], firstDay: "2027-04-01", until: "2027-05-31", start: "09:00", end: "10:00" };
    await Configuration.saveOpeningRule({ ...rule, recurrence: { everyWeeks: 1, weekdays: ["fri"] } }, bruno, NOW);
    expect((await brunoAtArras("2027-04-01", "2027-04-30")).filter((s) => s.endsWith("T09:00:00+02:00"))).toEqual(["2027-04-02", "2027-04-09", "2027-04-16", "2027-04-23", "2027-04-30"].map((d) => `${d}T09:00:00+02:00`));
    await Configuration.saveOpeningRule({ ...rule, recurrence: { everyMonths: 1, ordinal: "last", weekday: "fri" } }, bruno, NOW);
    // (the 3rd-Tuesday rule of the test above is in the afternoons)
    expect((await brunoAtArras("2027-04-01", "2027-05-31")).filter((s) => s.includes("T09:"))).toEqual(["2027-04-30T09:00:00+02:00", "2027-04-30T09:30:00+02:00", "2027-05-28T09:00:00+02:00", "2027-05-28T09:30:00+02:00"]);
  });

  it("a monthly recurrence with a bad ordinal, month count or weekday is a 400 naming the field, and nothing is written", async () => {
    const rule = { id: id("rule-bad"), agentId: id("bruno"), placeId: id("place-arras"), motifIds: [id("consult")], firstDay: "2027-01-01", start: "09:00", end: "10:00" };
    const refused = async (recurrence: unknown) => {
      const error = await Configuration.saveOpeningRule({ ...rule, recurrence }, bruno, NOW).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return Object.keys((error as ValidationError).fields ?? {});
    };
    expect(await refused({ everyMonths: 1, ordinal: 6, weekday: "tue" })).toEqual(["recurrence.ordinal"]);
    expect(await refused({ everyMonths: 13, ordinal: 1, weekday: "tue" })).toEqual(["recurrence.everyMonths"]);
    expect(await refused({ everyMonths: 1, ordinal: "last", weekday: "mardi" })).toEqual(["recurrence.weekday"]);
    const listed = await Configuration.list({ organisationId: id("mds-arras") }, bruno);
    expect(listed.openingRules.some((r) => r.id === id("rule-bad"))).toBe(false);
  });
});

describe("one occurrence of a recurring absence", () => {
  const alice: AgentContext = { ...bruno, agentId: id("alice"), firstName: "Alice", lastName: "Martin", memberships: [{ organisationId: id("mds-arras"), role: "agent", serviceIds: [id("pmi")] }] };
  /** Alice's consultation starts at Arras on Mondays 09:00–12:00 (her rule; 7 December has an appointment at 9:30). */
  const aliceStarts = async (day: string) =>
    (await Slot.list({ motif: id("consult"), place: id("place-arras"), from: day, to: day }, new Date("2026-12-01T08:00:00Z"), { bookingWindow: false, agent: alice }))
      .filter((slot) => slot.agentIds.includes(id("alice")))
      .map((slot) => slot.startsAt.slice(11, 16));

  it("is cancelled or moved by the agent without ending the series; the audit says which day", async () => {
    const absenceId = id("abs-monday");
    // every Monday 10:00–11:30 until the end of January
    await Configuration.saveAbsence({ id: absenceId, agentId: id("alice"), start: "2026-12-14T10:00", end: "2026-12-14T11:30", recurrence: { everyWeeks: 1, weekdays: ["mon"] }, until: "2027-01-31" }, alice, new Date("2026-12-01T08:00:00Z"));
    expect(await aliceStarts("2026-12-21")).toEqual(["09:00", "09:30", "11:30"]);

    await Configuration.editAbsenceOccurrence({ agentId: id("alice"), absenceId, exception: { day: "2026-12-21", cancelled: true } }, alice, new Date("2026-12-01T08:01:00Z"));
    await Configuration.editAbsenceOccurrence({ agentId: id("alice"), absenceId, exception: { day: "2026-12-28", moved: { day: "2026-12-28", start: "09:00", end: "10:00" } } }, bruno, new Date("2026-12-01T08:05:00Z"));

    expect(await aliceStarts("2026-12-21")).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]);
    expect(await aliceStarts("2026-12-28")).toEqual(["10:00", "10:30", "11:00", "11:30"]);
    expect(await aliceStarts("2027-01-04")).toEqual(["09:00", "09:30", "11:30"]);

    const listed = await Configuration.list({ organisationId: id("mds-arras") }, bruno);
    expect(listed.absences.find((a) => a.id === absenceId)?.exceptions).toEqual([
      { day: "2026-12-21", cancelled: true },
      { day: "2026-12-28", moved: { day: "2026-12-28", start: "09:00", end: "10:00" } },
    ]);
    const journal = (await Configuration.changes({ organisationId: id("mds-arras") }, bruno)).events.filter((e) => e.subjectId === absenceId);
    expect(journal.map((e) => [e.action, e.agentId, Object.keys(e.changes).sort()])).toEqual([
      ["occurrence_edited", id("bruno"), ["exceptions.2026-12-28"]],
      ["occurrence_edited", id("alice"), ["exceptions.2026-12-21"]],
      ["created", id("alice"), ["end", "exceptions", "recurrence", "start", "until"]],
    ]);
  });

  it("refuses a day that is not an occurrence, a one-off absence, an unknown absence, and another agent's absence (not an admin)", async () => {
    const absenceId = id("abs-monday-2");
    await Configuration.saveAbsence({ id: absenceId, agentId: id("alice"), start: "2026-12-14T14:00", end: "2026-12-14T15:00", recurrence: { everyWeeks: 2, weekdays: ["mon"] } }, alice, new Date("2026-12-01T08:00:00Z"));
    const attempt = (input: unknown, ctx: AgentContext = alice) => Configuration.editAbsenceOccurrence(input, ctx, new Date("2026-12-01T08:00:00Z")).catch((e: unknown) => e);

    const notAnOccurrence = await attempt({ agentId: id("alice"), absenceId, exception: { day: "2026-12-21", cancelled: true } });
    expect(notAnOccurrence).toBeInstanceOf(ValidationError);
    expect((notAnOccurrence as ValidationError).fields).toEqual({ "exception.day": "l'absence n'a pas lieu ce jour-là" });
    const oneOff = await attempt({ agentId: id("alice"), absenceId: id("abs-alice"), exception: { day: "2026-12-14", cancelled: true } });
    expect((oneOff as ValidationError).fields).toEqual({ absenceId: "cette absence ne se répète pas : modifiez-la ou supprimez-la" });
    expect(await attempt({ agentId: id("alice"), absenceId: id("nope"), exception: { day: "2026-12-14", cancelled: true } })).toBeInstanceOf(NotFoundError);
    // Bruno's absences are not Alice's to change
    await Configuration.saveAbsence({ id: id("abs-bruno-weekly"), agentId: id("bruno"), start: "2026-12-15T09:00", end: "2026-12-15T10:00", recurrence: { everyWeeks: 1, weekdays: ["tue"] } }, bruno, new Date("2026-12-01T08:00:00Z"));
    expect(await attempt({ agentId: id("bruno"), absenceId: id("abs-bruno-weekly"), exception: { day: "2026-12-22", cancelled: true } })).toBeInstanceOf(ForbiddenError);

    const listed = await Configuration.list({ organisationId: id("mds-arras") }, bruno);
    expect(listed.absences.find((a) => a.id === absenceId)?.exceptions).toEqual([]);
    expect(listed.absences.find((a) => a.id === id("abs-bruno-weekly"))?.exceptions).toEqual([]);
  });
});
