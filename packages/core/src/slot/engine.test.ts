import { describe, expect, it } from "vitest";
import {
  absenceOccurrences,
  computeSlots,
  openingOccurrences,
  type EngineAbsence,
  type EngineRule,
  type SlotQuery,
  type Weekday,
} from "./engine";

const PARIS = "Europe/Paris";
const ALL_WEEK: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const WORK_WEEK: Weekday[] = ["mon", "tue", "wed", "thu", "fri"];

// 2026-12-07 is a Monday; Paris is at +01:00 in December.
const MONDAY = "2026-12-07";

function rule(overrides: Partial<EngineRule> = {}): EngineRule {
  return {
    id: "r1",
    agentId: "a1",
    placeId: "p1",
    motifIds: ["m1"],
    firstDay: MONDAY,
    start: "09:00",
    end: "12:00",
    recurrence: null,
    exceptions: [],
    ...overrides,
  };
}

function absence(overrides: Partial<EngineAbsence> = {}): EngineAbsence {
  return {
    id: "x1",
    agentId: "a1",
    start: `${MONDAY}T10:00`,
    end: `${MONDAY}T10:30`,
    recurrence: null,
    exceptions: [],
    ...overrides,
  };
}

function query(overrides: Omit<Partial<SlotQuery>, "motif"> & { motif?: Partial<SlotQuery["motif"]> } = {}): SlotQuery {
  const { motif, ...rest } = overrides;
  return {
    timezone: PARIS,
    departmentCode: "62",
    whitMondayWorked: false,
    now: new Date("2026-12-01T08:00:00Z"),
    from: MONDAY,
    to: MONDAY,
    placeId: "p1",
    rules: [rule()],
    absences: [],
    busy: {},
    bookingWindow: false,
    ...rest,
    motif: { id: "m1", durationMinutes: 30, bufferMinutes: 0, minDelayMinutes: 0, maxDelayDays: 90, ...motif },
  };
}

/** Local start times of the slots, as ISO with offset. */
function starts(q: SlotQuery): string[] {
  return computeSlots(q).map((slot) => slot.startsAt);
}

/** ISO strings for times of one day at a fixed offset. */
function times(day: string, offset: string, ...hhmm: string[]): string[] {
  return hhmm.map((time) => `${day}T${time}:00${offset}`);
}

const paris = (day: string, ...hhmm: string[]) => times(day, "+01:00", ...hhmm);

describe("computeSlots: the grid", () => {
  it("steps by the motif's duration from the opening's start, and only while the slot fits", () => {
    expect(computeSlots(query({ rules: [rule({ end: "11:20" })], motif: { durationMinutes: 60 } }))).toEqual([
      { startsAt: "2026-12-07T09:00:00+01:00", endsAt: "2026-12-07T10:00:00+01:00", agentIds: ["a1"] },
      { startsAt: "2026-12-07T10:00:00+01:00", endsAt: "2026-12-07T11:00:00+01:00", agentIds: ["a1"] },
    ]);
  });

  it("fills an opening exactly when the duration divides it", () => {
    expect(starts(query())).toEqual(paris(MONDAY, "09:00", "09:30", "10:00", "10:30", "11:00", "11:30"));
  });

  it("an occurrence under way is re-anchored on its first 5-minute step not in the past", () => {
    expect(starts(query({ now: new Date("2026-12-07T08:07:00Z") }))).toEqual(
      paris(MONDAY, "09:10", "09:40", "10:10", "10:40", "11:10"),
    );
  });

  it("a now exactly on a 5-minute step keeps that step; a second past it moves to the next", () => {
    expect(starts(query({ now: new Date("2026-12-07T08:10:00Z") }))).toEqual(
      paris(MONDAY, "09:10", "09:40", "10:10", "10:40", "11:10"),
    );
    expect(starts(query({ now: new Date("2026-12-07T08:10:01Z") }))).toEqual(
      paris(MONDAY, "09:15", "09:45", "10:15", "10:45", "11:15"),
    );
  });

  it("a free interval after an absence ending off the 5-minute marks is anchored on the absence's end", () => {
    const absences = [absence({ start: `${MONDAY}T08:00`, end: `${MONDAY}T10:03` })];
    expect(starts(query({ absences, now: new Date("2026-12-07T08:00:00Z") }))).toEqual(
      paris(MONDAY, "10:03", "10:33", "11:03"),
    );
    // begun: 5-minute steps from 10:03, the first not past 10:04 is 10:08
    expect(starts(query({ absences, now: new Date("2026-12-07T09:04:00Z") }))).toEqual(
      paris(MONDAY, "10:08", "10:38", "11:08"),
    );
  });

  it("past days and past occurrences give nothing", () => {
    const rules = [rule({ firstDay: "2026-12-01", recurrence: { everyWeeks: 1, weekdays: ALL_WEEK }, start: "09:00", end: "11:00" })];
    const motif = { durationMinutes: 60 };
    // now Tuesday 09:50: Monday is past, Tuesday's opening is under way
    expect(starts(query({ rules, motif, from: MONDAY, to: "2026-12-09", now: new Date("2026-12-08T08:50:00Z") }))).toEqual([
      ...paris("2026-12-08", "09:50"),
      ...paris("2026-12-09", "09:00", "10:00"),
    ]);
    // now Tuesday 11:00: Tuesday's opening is over
    expect(starts(query({ rules, motif, from: MONDAY, to: "2026-12-09", now: new Date("2026-12-08T10:00:00Z") }))).toEqual(
      paris("2026-12-09", "09:00", "10:00"),
    );
    // a range wholly in the past
    expect(computeSlots(query({ rules, motif, from: "2026-12-01", to: "2026-12-05", now: new Date("2026-12-08T08:00:00Z") }))).toEqual([]);
  });

  it("an empty range (to before from) gives nothing", () => {
    expect(computeSlots(query({ from: "2026-12-08", to: MONDAY }))).toEqual([]);
  });

  it("touching openings of one agent make one free interval (one grid)", () => {
    const rules = [rule({ id: "r1", end: "10:00" }), rule({ id: "r2", start: "10:00", end: "11:00" })];
    expect(starts(query({ rules, motif: { durationMinutes: 45 } }))).toEqual(paris(MONDAY, "09:00", "09:45"));
  });

  it("ignores rules of other places or motifs", () => {
    const rules = [
      rule({ id: "other-place", placeId: "p2", start: "14:00", end: "15:00" }),
      rule({ id: "other-motif", motifIds: ["m2"], start: "15:00", end: "16:00" }),
      rule({ id: "several-motifs", motifIds: ["m2", "m1"], start: "16:00", end: "17:00" }),
    ];
    expect(starts(query({ rules }))).toEqual(paris(MONDAY, "16:00", "16:30"));
  });

  it("stops after `limit` slots, across days", () => {
    const rules = [rule({ recurrence: { everyWeeks: 1, weekdays: WORK_WEEK }, end: "10:00" })];
    expect(starts(query({ rules, to: "2026-12-11", limit: 3 }))).toEqual([
      ...paris(MONDAY, "09:00", "09:30"),
      ...paris("2026-12-08", "09:00"),
    ]);
    expect(starts(query({ rules, to: "2026-12-11", limit: 1 }))).toEqual(paris(MONDAY, "09:00"));
  });
});

describe("computeSlots: appointments and absences", () => {
  const busyAt = (start: string, end: string) => ({ a1: [{ start, end }] });

  it("an appointment at the start of an opening", () => {
    expect(starts(query({ busy: busyAt("2026-12-07T08:00:00.000Z", "2026-12-07T08:30:00.000Z") }))).toEqual(
      paris(MONDAY, "09:30", "10:00", "10:30", "11:00", "11:30"),
    );
  });

  it("an appointment in the middle, off the grid: the grid restarts at its end", () => {
    expect(starts(query({ busy: busyAt("2026-12-07T09:10:00.000Z", "2026-12-07T09:40:00.000Z") }))).toEqual(
      paris(MONDAY, "09:00", "09:30", "10:40", "11:10"),
    );
  });

  it("an appointment overlapping the end of an opening", () => {
    expect(starts(query({ busy: busyAt("2026-12-07T10:45:00.000Z", "2026-12-07T11:30:00.000Z") }))).toEqual(
      paris(MONDAY, "09:00", "09:30", "10:00", "10:30", "11:00"),
    );
  });

  it("an appointment covering the whole opening, and appointments of other agents, on other days", () => {
    expect(computeSlots(query({ busy: busyAt("2026-12-07T07:00:00.000Z", "2026-12-07T12:00:00.000Z") }))).toEqual([]);
    expect(
      starts(query({ busy: { a2: [{ start: "2026-12-07T08:00:00.000Z", end: "2026-12-07T11:00:00.000Z" }] } })),
    ).toEqual(paris(MONDAY, "09:00", "09:30", "10:00", "10:30", "11:00", "11:30"));
  });

  it("absences at the start, in the middle and at the end of an opening", () => {
    expect(starts(query({ absences: [absence({ start: `${MONDAY}T08:30`, end: `${MONDAY}T09:30` })] }))).toEqual(
      paris(MONDAY, "09:30", "10:00", "10:30", "11:00", "11:30"),
    );
    expect(starts(query({ absences: [absence({ start: `${MONDAY}T10:10`, end: `${MONDAY}T10:40` })] }))).toEqual(
      paris(MONDAY, "09:00", "09:30", "10:40", "11:10"),
    );
    expect(starts(query({ absences: [absence({ start: `${MONDAY}T11:45`, end: `${MONDAY}T13:00` })] }))).toEqual(
      paris(MONDAY, "09:00", "09:30", "10:00", "10:30", "11:00"),
    );
  });

  it("an absence of another agent does not matter", () => {
    expect(starts(query({ absences: [absence({ agentId: "a2", start: `${MONDAY}T08:00`, end: `${MONDAY}T18:00` })] }))).toEqual(
      paris(MONDAY, "09:00", "09:30", "10:00", "10:30", "11:00", "11:30"),
    );
  });

  it("the motif's buffer is kept before an existing appointment", () => {
    // existing appointment 11:00–11:40 local (its own buffer included in the end)
    const busy = busyAt("2026-12-07T10:00:00.000Z", "2026-12-07T10:40:00.000Z");
    const rules = [rule({ end: "12:10" })];
    expect(starts(query({ rules, busy, motif: { bufferMinutes: 10 } }))).toEqual(
      paris(MONDAY, "09:00", "09:30", "10:00", "11:40"),
    );
    // without a buffer 10:30 fits
    expect(starts(query({ rules, busy }))).toEqual(paris(MONDAY, "09:00", "09:30", "10:00", "10:30", "11:40"));
  });

  it("no buffer before an absence or before the end of an opening", () => {
    const absences = [absence({ start: `${MONDAY}T11:00`, end: `${MONDAY}T11:30` })];
    expect(starts(query({ absences, motif: { bufferMinutes: 10 } }))).toEqual(
      paris(MONDAY, "09:00", "09:30", "10:00", "10:30", "11:30"),
    );
  });

  it("a multi-day absence", () => {
    const rules = [rule({ recurrence: { everyWeeks: 1, weekdays: WORK_WEEK } })];
    const absences = [absence({ start: `${MONDAY}T10:00`, end: "2026-12-09T10:00" })];
    expect(starts(query({ rules, absences, to: "2026-12-10", motif: { durationMinutes: 60 } }))).toEqual([
      ...paris(MONDAY, "09:00"),
      ...paris("2026-12-09", "10:00", "11:00"),
      ...paris("2026-12-10", "09:00", "10:00", "11:00"),
    ]);
  });

  it("a multi-day absence that began before the range", () => {
    const rules = [rule({ recurrence: { everyWeeks: 1, weekdays: WORK_WEEK } })];
    const absences = [absence({ start: "2026-12-04T08:00", end: "2026-12-08T11:00" })];
    expect(starts(query({ rules, absences, from: "2026-12-08", to: "2026-12-08", motif: { durationMinutes: 60 } }))).toEqual(
      paris("2026-12-08", "11:00"),
    );
  });

  it("a recurring weekly absence, with until and a cancelled occurrence", () => {
    const rules = [rule({ recurrence: { everyWeeks: 1, weekdays: ["mon"] }, end: "11:00" })];
    const absences = [
      absence({
        start: `${MONDAY}T09:00`,
        end: `${MONDAY}T10:00`,
        recurrence: { everyWeeks: 1, weekdays: ["mon"] },
        until: "2026-12-28",
        exceptions: [{ day: "2026-12-14", cancelled: true }],
      }),
    ];
    expect(starts(query({ rules, absences, to: "2027-01-04", motif: { durationMinutes: 60 } }))).toEqual([
      ...paris(MONDAY, "10:00"),
      ...paris("2026-12-14", "09:00", "10:00"),
      ...paris("2026-12-21", "10:00"),
      ...paris("2026-12-28", "10:00"),
      ...paris("2027-01-04", "09:00", "10:00"),
    ]);
  });
});

describe("computeSlots: recurrence and exceptions", () => {
  const motif = { durationMinutes: 180 }; // one slot per occurrence

  it("weekly on the listed weekdays, from the first day on, until the last day", () => {
    // first day a Wednesday, not a listed weekday: the first occurrence is Thursday
    const rules = [rule({ firstDay: "2026-12-09", until: "2026-12-17", recurrence: { everyWeeks: 1, weekdays: ["mon", "thu"] } })];
    expect(starts(query({ rules, from: "2026-12-01", to: "2026-12-31", motif }))).toEqual([
      ...paris("2026-12-10", "09:00"),
      ...paris("2026-12-14", "09:00"),
      ...paris("2026-12-17", "09:00"),
    ]);
  });

  it("every 2 weeks, anchored on the first day's week", () => {
    // first day Thursday 10 Dec: its week (Monday 7 Dec) is week 0; Monday 7 Dec is before the first day
    const rules = [rule({ firstDay: "2026-12-10", recurrence: { everyWeeks: 2, weekdays: ["mon", "thu"] } })];
    expect(starts(query({ rules, from: MONDAY, to: "2027-01-10", motif }))).toEqual([
      ...paris("2026-12-10", "09:00"),
      ...paris("2026-12-21", "09:00"),
      ...paris("2026-12-24", "09:00"),
      ...paris("2027-01-04", "09:00"),
      ...paris("2027-01-07", "09:00"),
    ]);
  });

  it("every 3 weeks, the anchor does not depend on the range asked", () => {
    const rules = [rule({ firstDay: "2026-11-02", recurrence: { everyWeeks: 3, weekdays: ["tue"] } })];
    // weeks of 2 Nov, 23 Nov, 14 Dec, 4 Jan
    expect(starts(query({ rules, from: MONDAY, to: "2027-01-10", motif }))).toEqual([
      ...paris("2026-12-15", "09:00"),
      ...paris("2027-01-05", "09:00"),
    ]);
  });

  it("a cancelled occurrence and a moved one, the series going on", () => {
    const rules = [
      rule({
        recurrence: { everyWeeks: 1, weekdays: ["mon"] },
        exceptions: [
          { day: "2026-12-14", cancelled: true },
          { day: "2026-12-21", moved: { day: "2026-12-23", start: "14:00", end: "17:00" } },
        ],
      }),
    ];
    expect(starts(query({ rules, from: MONDAY, to: "2026-12-28", motif }))).toEqual([
      ...paris(MONDAY, "09:00"),
      ...paris("2026-12-23", "14:00"),
      ...paris("2026-12-28", "09:00"),
    ]);
  });

  it("an exception on a day with no occurrence changes nothing", () => {
    const rules = [
      rule({
        recurrence: { everyWeeks: 1, weekdays: ["mon"] },
        exceptions: [{ day: "2026-12-08", moved: { day: "2026-12-09", start: "14:00", end: "17:00" } }],
      }),
    ];
    expect(starts(query({ rules, from: MONDAY, to: "2026-12-14", motif }))).toEqual([
      ...paris(MONDAY, "09:00"),
      ...paris("2026-12-14", "09:00"),
    ]);
  });

  it("a single-day rule occurs on its first day only, and can be moved", () => {
    expect(starts(query({ from: MONDAY, to: "2026-12-20", motif }))).toEqual(paris(MONDAY, "09:00"));
    const moved = rule({ exceptions: [{ day: MONDAY, moved: { day: "2026-12-08", start: "10:00", end: "13:00" } }] });
    expect(starts(query({ rules: [moved], from: MONDAY, to: "2026-12-20", motif }))).toEqual(paris("2026-12-08", "10:00"));
  });

  it("a moved occurrence counts on its new day: outside the range, it is not there", () => {
    const moved = rule({ exceptions: [{ day: MONDAY, moved: { day: "2026-12-08", start: "10:00", end: "13:00" } }] });
    expect(computeSlots(query({ rules: [moved], from: MONDAY, to: MONDAY, motif }))).toEqual([]);
  });
});

describe("computeSlots: booking window", () => {
  const rules = [rule({ firstDay: "2026-12-01", recurrence: { everyWeeks: 1, weekdays: WORK_WEEK } })];
  const motif = { durationMinutes: 60, minDelayMinutes: 24 * 60, maxDelayDays: 7 };
  // now Monday 7 December, 10:00 local
  const now = new Date("2026-12-07T09:00:00Z");

  it("keeps starts from now + min delay to now + max delay days, both included", () => {
    expect(starts(query({ rules, motif, now, from: MONDAY, to: "2026-12-31", bookingWindow: true }))).toEqual([
      ...paris("2026-12-08", "10:00", "11:00"),
      ...paris("2026-12-09", "09:00", "10:00", "11:00"),
      ...paris("2026-12-10", "09:00", "10:00", "11:00"),
      ...paris("2026-12-11", "09:00", "10:00", "11:00"),
      ...paris("2026-12-14", "09:00", "10:00"),
    ]);
  });

  it("agents (no booking window) see every future start", () => {
    const slots = starts(query({ rules, motif, now, from: MONDAY, to: "2026-12-15", bookingWindow: false }));
    expect(slots).toEqual([
      ...paris(MONDAY, "10:00", "11:00"),
      ...["2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11", "2026-12-14", "2026-12-15"].flatMap((day) =>
        paris(day, "09:00", "10:00", "11:00"),
      ),
    ]);
  });

  it("the min delay filters starts; it does not move the grid", () => {
    const single = [rule()];
    expect(
      starts(query({ rules: single, motif: { durationMinutes: 60, minDelayMinutes: 20 }, now: new Date("2026-12-07T07:50:00Z"), bookingWindow: true })),
    ).toEqual(paris(MONDAY, "10:00", "11:00"));
  });

  it("max delay days are calendar days in the timezone (across a DST change)", () => {
    // now Tuesday 20 October 2026 09:00+02:00; + 7 days = Tuesday 27 October 09:00+01:00
    const october = [rule({ firstDay: "2026-10-19", recurrence: { everyWeeks: 1, weekdays: WORK_WEEK }, end: "10:00" })];
    const result = starts(
      query({
        rules: october,
        motif: { durationMinutes: 30, minDelayMinutes: 0, maxDelayDays: 7 },
        now: new Date("2026-10-20T07:00:00Z"),
        from: "2026-10-20",
        to: "2026-10-31",
        bookingWindow: true,
      }),
    );
    expect(result).toEqual([
      ...["2026-10-20", "2026-10-21", "2026-10-22", "2026-10-23"].flatMap((day) => times(day, "+02:00", "09:00", "09:30")),
      ...times("2026-10-26", "+01:00", "09:00", "09:30"),
      ...times("2026-10-27", "+01:00", "09:00"),
    ]);
  });
});

describe("computeSlots: several agents", () => {
  it("agents with identical rules give each start once, listing both agents sorted", () => {
    const rules = [rule({ id: "r2", agentId: "b-agent", end: "10:00" }), rule({ id: "r1", agentId: "a-agent", end: "10:00" })];
    expect(computeSlots(query({ rules }))).toEqual([
      { startsAt: "2026-12-07T09:00:00+01:00", endsAt: "2026-12-07T09:30:00+01:00", agentIds: ["a-agent", "b-agent"] },
      { startsAt: "2026-12-07T09:30:00+01:00", endsAt: "2026-12-07T10:00:00+01:00", agentIds: ["a-agent", "b-agent"] },
    ]);
  });

  it("one busy agent of two leaves the slot with the other", () => {
    const rules = [rule({ id: "r1", agentId: "a1", end: "10:00" }), rule({ id: "r2", agentId: "a2", end: "10:00" })];
    const busy = { a1: [{ start: "2026-12-07T08:00:00.000Z", end: "2026-12-07T08:30:00.000Z" }] };
    expect(computeSlots(query({ rules, busy }))).toEqual([
      { startsAt: "2026-12-07T09:00:00+01:00", endsAt: "2026-12-07T09:30:00+01:00", agentIds: ["a2"] },
      { startsAt: "2026-12-07T09:30:00+01:00", endsAt: "2026-12-07T10:00:00+01:00", agentIds: ["a1", "a2"] },
    ]);
  });

  it("different grids of different agents make a sorted union of starts", () => {
    const rules = [rule({ id: "r1", agentId: "a1", end: "11:00" }), rule({ id: "r2", agentId: "a2", start: "09:30", end: "11:30" })];
    expect(computeSlots(query({ rules, motif: { durationMinutes: 60 } })).map((slot) => [slot.startsAt, slot.agentIds])).toEqual([
      ["2026-12-07T09:00:00+01:00", ["a1"]],
      ["2026-12-07T09:30:00+01:00", ["a2"]],
      ["2026-12-07T10:00:00+01:00", ["a1"]],
      ["2026-12-07T10:30:00+01:00", ["a2"]],
    ]);
  });
});

describe("computeSlots: public holidays", () => {
  const daily = (firstDay: string) => [rule({ firstDay, recurrence: { everyWeeks: 1, weekdays: ALL_WEEK }, end: "10:00" })];
  const days = (q: SlotQuery) => computeSlots(q).map((slot) => slot.startsAt.slice(0, 10));
  const motif = { durationMinutes: 60 };
  const now = new Date("2026-01-01T00:00:00Z");

  it("Easter Monday and Ascension close the agenda", () => {
    expect(days(query({ rules: daily("2026-04-01"), now, motif, from: "2026-04-05", to: "2026-04-07" }))).toEqual([
      "2026-04-05",
      "2026-04-07",
    ]);
    expect(days(query({ rules: daily("2026-05-01"), now, motif, from: "2026-05-13", to: "2026-05-15" }))).toEqual([
      "2026-05-13",
      "2026-05-15",
    ]);
  });

  it("Whit Monday is closed unless worked", () => {
    const q = { rules: daily("2026-05-01"), now, motif, from: "2026-05-25", to: "2026-05-26" };
    expect(days(query({ ...q, whitMondayWorked: false }))).toEqual(["2026-05-26"]);
    expect(days(query({ ...q, whitMondayWorked: true }))).toEqual(["2026-05-25", "2026-05-26"]);
  });

  it("26 December closes in 67, not in 62", () => {
    const q = { rules: daily("2026-12-01"), now, motif, from: "2026-12-24", to: "2026-12-27" };
    expect(days(query({ ...q, departmentCode: "67" }))).toEqual(["2026-12-24", "2026-12-27"]);
    expect(days(query({ ...q, departmentCode: "62" }))).toEqual(["2026-12-24", "2026-12-26", "2026-12-27"]);
  });

  it("20 December closes in 974, not in 62", () => {
    const q = { rules: daily("2026-12-01"), now, motif, from: "2026-12-19", to: "2026-12-21" };
    expect(days(query({ ...q, departmentCode: "974", timezone: "Indian/Reunion" }))).toEqual(["2026-12-19", "2026-12-21"]);
    expect(days(query({ ...q, departmentCode: "62" }))).toEqual(["2026-12-19", "2026-12-20", "2026-12-21"]);
  });

  it("a moved occurrence landing on a holiday gives nothing", () => {
    const rules = [rule({ exceptions: [{ day: MONDAY, moved: { day: "2026-12-25", start: "09:00", end: "10:00" } }] })];
    expect(computeSlots(query({ rules, from: MONDAY, to: "2026-12-31" }))).toEqual([]);
  });
});

describe("computeSlots: timezones", () => {
  const daily = (firstDay: string, start = "09:00", end = "10:00") => [
    rule({ firstDay, start, end, recurrence: { everyWeeks: 1, weekdays: ALL_WEEK } }),
  ];
  const motif = { durationMinutes: 60 };

  it("March DST week (2027-03-28): 09:00 stays 09:00, +01:00 before and +02:00 after; Easter Monday closed", () => {
    expect(computeSlots(query({ rules: daily("2027-03-01"), motif, now: new Date("2027-03-01T00:00:00Z"), from: "2027-03-26", to: "2027-03-30" }))).toEqual([
      { startsAt: "2027-03-26T09:00:00+01:00", endsAt: "2027-03-26T10:00:00+01:00", agentIds: ["a1"] },
      { startsAt: "2027-03-27T09:00:00+01:00", endsAt: "2027-03-27T10:00:00+01:00", agentIds: ["a1"] },
      { startsAt: "2027-03-28T09:00:00+02:00", endsAt: "2027-03-28T10:00:00+02:00", agentIds: ["a1"] },
      { startsAt: "2027-03-30T09:00:00+02:00", endsAt: "2027-03-30T10:00:00+02:00", agentIds: ["a1"] },
    ]);
  });

  it("October DST week (2026-10-25): +02:00 before, +01:00 after", () => {
    expect(computeSlots(query({ rules: daily("2026-10-01"), motif, now: new Date("2026-10-01T00:00:00Z"), from: "2026-10-24", to: "2026-10-26" }))).toEqual([
      { startsAt: "2026-10-24T09:00:00+02:00", endsAt: "2026-10-24T10:00:00+02:00", agentIds: ["a1"] },
      { startsAt: "2026-10-25T09:00:00+01:00", endsAt: "2026-10-25T10:00:00+01:00", agentIds: ["a1"] },
      { startsAt: "2026-10-26T09:00:00+01:00", endsAt: "2026-10-26T10:00:00+01:00", agentIds: ["a1"] },
    ]);
  });

  it("an opening across the change steps in real time: endsAt takes the offset of its own instant", () => {
    const night = (day: string) => query({ rules: daily(day, "01:00", "04:00"), motif, now: new Date("2026-01-01T00:00:00Z"), from: day, to: day });
    // 25 October: 01:00+02:00 to 04:00+01:00 is 4 hours
    expect(computeSlots(night("2026-10-25")).map((slot) => `${slot.startsAt} ${slot.endsAt}`)).toEqual([
      "2026-10-25T01:00:00+02:00 2026-10-25T02:00:00+02:00",
      "2026-10-25T02:00:00+02:00 2026-10-25T02:00:00+01:00",
      "2026-10-25T02:00:00+01:00 2026-10-25T03:00:00+01:00",
      "2026-10-25T03:00:00+01:00 2026-10-25T04:00:00+01:00",
    ]);
    // 28 March 2027: 01:00+01:00 to 04:00+02:00 is 2 hours
    expect(computeSlots(night("2027-03-28")).map((slot) => `${slot.startsAt} ${slot.endsAt}`)).toEqual([
      "2027-03-28T01:00:00+01:00 2027-03-28T03:00:00+02:00",
      "2027-03-28T03:00:00+02:00 2027-03-28T04:00:00+02:00",
    ]);
  });

  it("La Réunion (+04:00), including now and busy instants in UTC", () => {
    const q = query({
      timezone: "Indian/Reunion",
      departmentCode: "974",
      now: new Date("2026-12-07T05:07:00Z"), // 09:07 local
      busy: { a1: [{ start: "2026-12-07T06:40:00.000Z", end: "2026-12-07T07:10:00.000Z" }] }, // 10:40–11:10 local
    });
    expect(starts(q)).toEqual(times(MONDAY, "+04:00", "09:10", "09:40", "10:10", "11:10"));
  });

  it("Cayenne (-03:00): a local day runs into the next UTC day", () => {
    const q = query({
      timezone: "America/Cayenne",
      departmentCode: "973",
      rules: [rule({ start: "20:00", end: "22:00" })],
      motif: { durationMinutes: 60 },
    });
    expect(computeSlots(q)).toEqual([
      { startsAt: "2026-12-07T20:00:00-03:00", endsAt: "2026-12-07T21:00:00-03:00", agentIds: ["a1"] },
      { startsAt: "2026-12-07T21:00:00-03:00", endsAt: "2026-12-07T22:00:00-03:00", agentIds: ["a1"] },
    ]);
  });

  it("refuses an unknown timezone", () => {
    expect(() => computeSlots(query({ timezone: "Mars/Olympus" }))).toThrow(RangeError);
  });
});

describe("openingOccurrences", () => {
  it("gives UTC instants of each occurrence in the range, moved ones on their new day, sorted", () => {
    const weekly = rule({
      firstDay: "2026-10-19",
      recurrence: { everyWeeks: 1, weekdays: ["mon", "wed"] },
      exceptions: [
        { day: "2026-10-21", cancelled: true },
        { day: "2026-10-26", moved: { day: "2026-10-24", start: "14:00", end: "15:30" } },
      ],
    });
    expect(openingOccurrences(weekly, "2026-10-20", "2026-10-28", PARIS)).toEqual([
      { day: "2026-10-24", start: "2026-10-24T12:00:00.000Z", end: "2026-10-24T13:30:00.000Z" },
      { day: "2026-10-28", start: "2026-10-28T08:00:00.000Z", end: "2026-10-28T11:00:00.000Z" },
    ]);
  });

  it("respects until and gives nothing before the first day", () => {
    const weekly = rule({ recurrence: { everyWeeks: 1, weekdays: ["mon"] }, until: "2026-12-14" });
    expect(openingOccurrences(weekly, "2026-11-01", "2027-01-31", PARIS).map((occurrence) => occurrence.day)).toEqual([
      MONDAY,
      "2026-12-14",
    ]);
  });

  it("an overseas timezone", () => {
    expect(openingOccurrences(rule(), MONDAY, MONDAY, "America/Martinique")).toEqual([
      { day: MONDAY, start: "2026-12-07T13:00:00.000Z", end: "2026-12-07T16:00:00.000Z" },
    ]);
  });
});

describe("absenceOccurrences", () => {
  it("a one-off absence overlapping the range, even when it began before", () => {
    const long = absence({ start: "2026-12-01T14:00", end: "2026-12-08T12:00" });
    expect(absenceOccurrences(long, MONDAY, MONDAY, PARIS)).toEqual([
      { start: "2026-12-01T13:00:00.000Z", end: "2026-12-08T11:00:00.000Z" },
    ]);
    expect(absenceOccurrences(long, "2026-12-09", "2026-12-31", PARIS)).toEqual([]);
  });

  it("a recurring absence keeps its local start time and wall-clock duration across DST", () => {
    const weekly = absence({
      start: "2026-10-16T17:00",
      end: "2026-10-19T08:00", // Friday evening to Monday morning
      recurrence: { everyWeeks: 1, weekdays: ["fri"] },
      until: "2026-10-30",
    });
    expect(absenceOccurrences(weekly, "2026-10-19", "2026-11-30", PARIS)).toEqual([
      { start: "2026-10-16T15:00:00.000Z", end: "2026-10-19T06:00:00.000Z" },
      { start: "2026-10-23T15:00:00.000Z", end: "2026-10-26T07:00:00.000Z" }, // back to +01:00 on the 25th
      { start: "2026-10-30T16:00:00.000Z", end: "2026-11-02T07:00:00.000Z" },
    ]);
  });

  it("every 2 weeks, with a moved occurrence and a cancelled one", () => {
    const fortnightly = absence({
      start: `${MONDAY}T14:00`,
      end: `${MONDAY}T16:00`,
      recurrence: { everyWeeks: 2, weekdays: ["mon"] },
      exceptions: [
        { day: "2026-12-21", moved: { day: "2026-12-22", start: "08:00", end: "09:00" } },
        { day: "2027-01-04", cancelled: true },
      ],
    });
    expect(absenceOccurrences(fortnightly, MONDAY, "2027-01-31", PARIS)).toEqual([
      { start: "2026-12-07T13:00:00.000Z", end: "2026-12-07T15:00:00.000Z" },
      { start: "2026-12-22T07:00:00.000Z", end: "2026-12-22T08:00:00.000Z" },
      { start: "2027-01-18T13:00:00.000Z", end: "2027-01-18T15:00:00.000Z" },
    ]);
  });
});

describe("monthly recurrence", () => {
  const FROM = "2026-12-01";
  const monthly = (ordinal: 1 | 2 | 3 | 4 | 5 | "last", weekday: Weekday, everyMonths = 1) => ({ everyMonths, ordinal, weekday });
  const days = (r: EngineRule, from: string, to: string, zone = PARIS) => openingOccurrences(r, from, to, zone).map((o) => o.day);

  it("the 2nd Tuesday of every month", () => {
    expect(days(rule({ firstDay: FROM, recurrence: monthly(2, "tue") }), FROM, "2027-04-30")).toEqual(["2026-12-08", "2027-01-12", "2027-02-09", "2027-03-09", "2027-04-13"]);
  });

  it("a 5th Friday: only the months that have one", () => {
    expect(days(rule({ firstDay: FROM, recurrence: monthly(5, "fri") }), FROM, "2027-07-31")).toEqual(["2027-01-29", "2027-04-30", "2027-07-30"]);
  });

  it("the last Friday: the 5th in a month with 5 Fridays, the 4th otherwise", () => {
    expect(days(rule({ firstDay: FROM, recurrence: monthly("last", "fri") }), FROM, "2027-04-30")).toEqual(["2026-12-25", "2027-01-29", "2027-02-26", "2027-03-26", "2027-04-30"]);
  });

  it("every 2 months, counted from the first day's month; an occurrence before the first day does not count; until ends it", () => {
    const r = rule({ firstDay: "2026-12-10", until: "2027-06-07", recurrence: monthly(2, "tue", 2) });
    expect(days(r, FROM, "2027-12-31")).toEqual(["2027-02-09", "2027-04-13"]);
  });

  it("slots: the last Monday across the March DST change, Easter Monday (the last Monday of March 2027) closed", () => {
    const q = query({
      from: "2027-01-01",
      to: "2027-04-30",
      rules: [rule({ firstDay: FROM, start: "09:00", end: "10:00", recurrence: monthly("last", "mon") })],
      motif: { durationMinutes: 30 },
    });
    expect(computeSlots(q)).toEqual([
      { startsAt: "2027-01-25T09:00:00+01:00", endsAt: "2027-01-25T09:30:00+01:00", agentIds: ["a1"] },
      { startsAt: "2027-01-25T09:30:00+01:00", endsAt: "2027-01-25T10:00:00+01:00", agentIds: ["a1"] },
      { startsAt: "2027-02-22T09:00:00+01:00", endsAt: "2027-02-22T09:30:00+01:00", agentIds: ["a1"] },
      { startsAt: "2027-02-22T09:30:00+01:00", endsAt: "2027-02-22T10:00:00+01:00", agentIds: ["a1"] },
      { startsAt: "2027-04-26T09:00:00+02:00", endsAt: "2027-04-26T09:30:00+02:00", agentIds: ["a1"] },
      { startsAt: "2027-04-26T09:30:00+02:00", endsAt: "2027-04-26T10:00:00+02:00", agentIds: ["a1"] },
    ]);
  });

  it("Cayenne: the 2nd Thursday at 08:00 local (11:00 UTC); 10 June (abolition of slavery in 973) closed, open in 62", () => {
    const r = rule({ firstDay: "2027-05-01", start: "08:00", end: "09:00", recurrence: monthly(2, "thu") });
    expect(openingOccurrences(r, "2027-05-01", "2027-06-30", "America/Cayenne")).toEqual([
      { day: "2027-05-13", start: "2027-05-13T11:00:00.000Z", end: "2027-05-13T12:00:00.000Z" },
      { day: "2027-06-10", start: "2027-06-10T11:00:00.000Z", end: "2027-06-10T12:00:00.000Z" },
    ]);
    const q = (departmentCode: string) => query({ timezone: "America/Cayenne", departmentCode, from: "2027-05-01", to: "2027-06-30", rules: [r], motif: { durationMinutes: 60 } });
    expect(starts(q("973"))).toEqual(["2027-05-13T08:00:00-03:00"]);
    expect(starts(q("62"))).toEqual(["2027-05-13T08:00:00-03:00", "2027-06-10T08:00:00-03:00"]);
  });

  it("La Réunion: the 3rd Monday of December 2027 is 20 December, closed in 974", () => {
    const r = rule({ firstDay: "2027-11-01", recurrence: monthly(3, "mon") });
    const q = query({ timezone: "Indian/Reunion", departmentCode: "974", from: "2027-11-01", to: "2027-12-31", rules: [r], motif: { durationMinutes: 180 } });
    expect(starts(q)).toEqual(["2027-11-15T09:00:00+04:00"]);
    expect(days(r, "2027-11-01", "2027-12-31", "Indian/Reunion")).toEqual(["2027-11-15", "2027-12-20"]);
  });

  it("one occurrence moved and one cancelled, the series going on", () => {
    const r = rule({
      firstDay: FROM,
      recurrence: monthly(2, "tue"),
      exceptions: [
        { day: "2027-01-12", cancelled: true },
        { day: "2027-02-09", moved: { day: "2027-02-11", start: "14:00", end: "15:00" } },
      ],
    });
    expect(openingOccurrences(r, "2027-01-01", "2027-03-31", PARIS)).toEqual([
      { day: "2027-02-11", start: "2027-02-11T13:00:00.000Z", end: "2027-02-11T14:00:00.000Z" },
      { day: "2027-03-09", start: "2027-03-09T08:00:00.000Z", end: "2027-03-09T11:00:00.000Z" },
    ]);
  });

  it("a monthly absence (the last Friday) takes its time out of a weekly opening", () => {
    const rules = [rule({ firstDay: FROM, recurrence: { everyWeeks: 1, weekdays: ["fri"] } })];
    const absences = [absence({ start: "2026-12-01T10:00", end: "2026-12-01T11:00", recurrence: monthly("last", "fri") })];
    expect(starts(query({ rules, absences, from: "2027-01-22", to: "2027-01-29", motif: { durationMinutes: 60 } }))).toEqual([
      ...paris("2027-01-22", "09:00", "10:00", "11:00"),
      ...paris("2027-01-29", "09:00", "11:00"),
    ]);
    expect(absenceOccurrences(absences[0]!, "2027-02-01", "2027-02-28", PARIS)).toEqual([{ start: "2027-02-26T09:00:00.000Z", end: "2027-02-26T10:00:00.000Z" }]);
  });
});
