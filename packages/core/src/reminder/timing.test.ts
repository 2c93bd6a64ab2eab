import { describe, expect, it } from "vitest";
import { outsideQuietHours, reminderMoment } from "./timing";

const quietHours = { start: "21:00", end: "08:00" };
const at = (startsAt: string, now = "2026-11-01T00:00:00Z", timezone = "Europe/Paris", leadHours = 48) =>
  reminderMoment({ startsAt, leadHours, quietHours, timezone, now: new Date(now) })?.toISOString() ?? null;

describe("reminder moment", () => {
  it("is 48 h before the start", () => {
    expect(at("2026-12-10T14:00:00+01:00")).toBe("2026-12-08T13:00:00.000Z");
  });

  it("moves a moment in quiet hours to the next 08:00 when that is still 24 h before", () => {
    expect(at("2026-12-10T09:00:00+01:00")).toBe("2026-12-08T08:00:00.000Z"); // 09:00 - 48h = 09:00: not quiet
    expect(at("2026-12-10T07:30:00+01:00")).toBe("2026-12-08T07:00:00.000Z"); // 07:30 → 08:00 local, 47h30 before
    expect(at("2026-12-10T22:00:00+01:00")).toBe("2026-12-09T07:00:00.000Z"); // 22:00 → next 08:00 local, 38h before
  });

  it("else to the previous 19:00", () => {
    // lead 24 h: 07:30 two days later is in quiet hours; the next 08:00 is less than 24 h before
    expect(at("2026-12-10T07:30:00+01:00", undefined, undefined, 24)).toBe("2026-12-08T18:00:00.000Z");
    expect(at("2026-12-10T23:00:00+01:00", undefined, undefined, 24)).toBe("2026-12-09T18:00:00.000Z");
  });

  it("is none when the moment has already passed at booking", () => {
    expect(at("2026-12-10T14:00:00+01:00", "2026-12-08T13:00:00Z")).toBeNull();
    expect(at("2026-12-10T14:00:00+01:00", "2026-12-08T12:59:00Z")).toBe("2026-12-08T13:00:00.000Z");
  });

  it("keeps the wall-clock time across a DST change (whole days on the calendar)", () => {
    // clocks go forward on Sunday 29 March 2026: Tuesday 31 March 10:00+02:00 → Sunday 29 March 10:00+02:00
    expect(at("2026-03-31T10:00:00+02:00", "2026-03-01T00:00:00Z")).toBe("2026-03-29T08:00:00.000Z");
    // back on Sunday 25 October 2026: Monday 26 Oct 08:30+01:00 → Saturday 24 Oct 08:30+02:00
    expect(at("2026-10-26T08:30:00+01:00", "2026-10-01T00:00:00Z")).toBe("2026-10-24T06:30:00.000Z");
    // a lead of 50 h: two calendar days, then two hours
    expect(at("2026-10-26T12:30:00+01:00", "2026-10-01T00:00:00Z", "Europe/Paris", 50)).toBe("2026-10-24T08:30:00.000Z");
  });

  it("uses the département's timezone for quiet hours (La Réunion, UTC+4)", () => {
    // 07:00 local - 48h = 07:00 local: quiet → 08:00 local (04:00 UTC), still 47 h before
    expect(at("2026-12-10T07:00:00+04:00", undefined, "Indian/Reunion")).toBe("2026-12-08T04:00:00.000Z");
  });
});

describe("outside quiet hours (offers of freed time)", () => {
  const when = (now: string, timezone = "Europe/Paris") => outsideQuietHours(new Date(now), quietHours, timezone).toISOString();
  it("is now by day, the next 08:00 at night, in the département's time", () => {
    expect(when("2026-12-02T10:00:00Z")).toBe("2026-12-02T10:00:00.000Z");
    expect(when("2026-12-02T19:59:00Z")).toBe("2026-12-02T19:59:00.000Z"); // 20:59 in Paris
    expect(when("2026-12-02T20:00:00Z")).toBe("2026-12-03T07:00:00.000Z"); // 21:00 in Paris
    expect(when("2026-12-03T05:30:00Z")).toBe("2026-12-03T07:00:00.000Z"); // 06:30 in Paris
    expect(when("2026-12-03T07:00:00Z")).toBe("2026-12-03T07:00:00.000Z");
    expect(when("2026-12-03T02:00:00Z", "Indian/Reunion")).toBe("2026-12-03T04:00:00.000Z"); // 06:00 at La Réunion
  });
});
