import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Configuration from ".";
import * as Appointment from "../appointment";
import * as DepartmentFile from "../department-file";
import { ValidationError } from "../error";
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
