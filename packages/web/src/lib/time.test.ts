import { describe, expect, it } from "vitest";
import { addMonths, formatDateTime, formatWeek, groupByDay, instantOf, lastDayOf, localDateOf, localIso, mondayOf, parseInstant, parseLocalDate } from "./time";

describe("time in the département's timezone", () => {
  it("writes wall-clock times as instants with the offset of that day, across the DST changes", () => {
    expect([instantOf("2026-03-28", "09:00", "Europe/Paris"), instantOf("2026-03-29", "09:00", "Europe/Paris"), instantOf("2026-10-25", "09:00", "Europe/Paris")]).toEqual([
      "2026-03-28T09:00:00+01:00", "2026-03-29T09:00:00+02:00", "2026-10-25T09:00:00+01:00",
    ]);
    expect([instantOf("2026-12-01", "09:00", "Indian/Reunion"), instantOf("2026-12-01", "09:00", "America/Cayenne")]).toEqual(["2026-12-01T09:00:00+04:00", "2026-12-01T09:00:00-03:00"]);
    expect(localIso(new Date("2026-12-01T07:00:00Z"), "Europe/Paris")).toBe("2026-12-01T08:00:00+01:00");
  });

  it("shows an instant on the département's clock, and files it under its local day", () => {
    expect(formatDateTime("2026-12-01T22:30:00Z", "Europe/Paris")).toBe("mardi 1 décembre 2026 à 23:30");
    expect(formatDateTime("2026-12-01T22:30:00Z", "Indian/Reunion")).toBe("mercredi 2 décembre 2026 à 02:30");
    expect(localDateOf("2026-12-01T22:30:00Z", "Indian/Reunion")).toBe("2026-12-02");
    expect([...groupByDay([{ startsAt: "2026-12-01T08:00:00Z" }, { startsAt: "2026-12-01T23:30:00Z" }], "Europe/Paris").keys()]).toEqual(["2026-12-01", "2026-12-02"]);
  });

  it("does calendar maths on local dates", () => {
    expect([mondayOf("2026-12-06"), mondayOf("2026-12-07"), addMonths("2026-12", 1), lastDayOf("2028-02")]).toEqual(["2026-11-30", "2026-12-07", "2027-01", "2028-02-29"]);
    expect(formatWeek("2026-11-30")).toBe("Semaine du 30 novembre au 6 décembre 2026");
  });

  it("accepts only real dates and instants with an offset", () => {
    expect([parseLocalDate("2026-02-29"), parseLocalDate("2028-02-29"), parseLocalDate(null)]).toEqual([undefined, "2028-02-29", undefined]);
    expect([parseInstant("2026-12-01T09:00:00+01:00"), parseInstant("2026-12-01T09:00:00"), parseInstant("2026-13-01T09:00Z")]).toEqual(["2026-12-01T09:00:00+01:00", undefined, undefined]);
  });
});
