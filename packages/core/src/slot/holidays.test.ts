import { describe, expect, it } from "vitest";
import { easterSunday, isPublicHoliday, publicHolidays } from "./holidays";

const NATIONAL_2026 = [
  "2026-01-01",
  "2026-04-06", // Easter Monday
  "2026-05-01",
  "2026-05-08",
  "2026-05-14", // Ascension
  "2026-05-25", // Whit Monday
  "2026-07-14",
  "2026-08-15",
  "2026-11-01",
  "2026-11-11",
  "2026-12-25",
];

describe("easterSunday", () => {
  it.each([
    [1818, "1818-03-22"], // earliest possible date
    [1943, "1943-04-25"], // latest possible date
    [2000, "2000-04-23"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("%i → %s", (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it("pads years below 1000", () => {
    expect(easterSunday(999)).toMatch(/^0999-0[34]-\d{2}$/);
  });

  it("refuses a year that is not a positive integer", () => {
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
    expect(() => easterSunday(0)).toThrow(RangeError);
  });
});

describe("publicHolidays", () => {
  it("metropolitan département (62): the national list, sorted", () => {
    expect(publicHolidays(2026, "62", false)).toEqual(NATIONAL_2026);
  });

  it("Whit Monday worked: dropped", () => {
    expect(publicHolidays(2026, "62", true)).toEqual(NATIONAL_2026.filter((day) => day !== "2026-05-25"));
  });

  it("Alsace-Moselle (67): Good Friday and 26 December too", () => {
    expect(publicHolidays(2026, "67", false)).toEqual([
      "2026-01-01",
      "2026-04-03",
      "2026-04-06",
      "2026-05-01",
      "2026-05-08",
      "2026-05-14",
      "2026-05-25",
      "2026-07-14",
      "2026-08-15",
      "2026-11-01",
      "2026-11-11",
      "2026-12-25",
      "2026-12-26",
    ]);
    expect(publicHolidays(2026, "57", false)).toEqual(publicHolidays(2026, "67", false));
    expect(publicHolidays(2026, "68", false)).toEqual(publicHolidays(2026, "67", false));
  });

  it("La Réunion (974): 20 December too", () => {
    expect(publicHolidays(2026, "974", false)).toEqual([
      "2026-01-01",
      "2026-04-06",
      "2026-05-01",
      "2026-05-08",
      "2026-05-14",
      "2026-05-25",
      "2026-07-14",
      "2026-08-15",
      "2026-11-01",
      "2026-11-11",
      "2026-12-20",
      "2026-12-25",
    ]);
  });

  it("Guadeloupe (971): 27 May and 21 July too", () => {
    expect(publicHolidays(2026, "971", false)).toEqual([
      "2026-01-01",
      "2026-04-06",
      "2026-05-01",
      "2026-05-08",
      "2026-05-14",
      "2026-05-25",
      "2026-05-27",
      "2026-07-14",
      "2026-07-21",
      "2026-08-15",
      "2026-11-01",
      "2026-11-11",
      "2026-12-25",
    ]);
  });

  it("other overseas départements: 972 22 May and 21 July, 973 10 June, 976 27 April", () => {
    const extra = (code: string) => publicHolidays(2026, code, false).filter((day) => !NATIONAL_2026.includes(day));
    expect(extra("972")).toEqual(["2026-05-22", "2026-07-21"]);
    expect(extra("973")).toEqual(["2026-06-10"]);
    expect(extra("976")).toEqual(["2026-04-27"]);
    expect(extra("2A")).toEqual([]);
  });

  it("Easter-based days follow Easter in any year (2285: Easter 22 March)", () => {
    expect(publicHolidays(2285, "67", false)).toEqual([
      "2285-01-01",
      "2285-03-20", // Good Friday
      "2285-03-23", // Easter Monday
      "2285-04-30", // Ascension
      "2285-05-01",
      "2285-05-08",
      "2285-05-11", // Whit Monday
      "2285-07-14",
      "2285-08-15",
      "2285-11-01",
      "2285-11-11",
      "2285-12-25",
      "2285-12-26",
    ]);
  });

  it("an Ascension on 1 May appears once (2008)", () => {
    const days = publicHolidays(2008, "62", false);
    expect(days.filter((day) => day === "2008-05-01")).toHaveLength(1);
    expect(days).toHaveLength(10);
  });
});

describe("isPublicHoliday", () => {
  it("answers per département and Whit Monday setting, with repeated calls cached", () => {
    expect(isPublicHoliday("2026-04-06", "62", false)).toBe(true);
    expect(isPublicHoliday("2026-04-07", "62", false)).toBe(false);
    expect(isPublicHoliday("2026-05-25", "62", false)).toBe(true);
    expect(isPublicHoliday("2026-05-25", "62", true)).toBe(false);
    expect(isPublicHoliday("2026-05-25", "62", false)).toBe(true);
    expect(isPublicHoliday("2026-12-26", "67", false)).toBe(true);
    expect(isPublicHoliday("2026-12-26", "62", false)).toBe(false);
    expect(isPublicHoliday("2026-12-20", "974", false)).toBe(true);
    expect(isPublicHoliday("2026-12-20", "971", false)).toBe(false);
    expect(isPublicHoliday("2027-03-29", "62", false)).toBe(true);
  });
});
