import { describe, expect, it } from "vitest";
import { Instant, isRealInstant } from "./schema";

describe("Instant", () => {
  it("accepts instants with any offset, with or without seconds and fractions", () => {
    for (const value of [
      "2026-12-07T09:00:00+01:00",
      "2026-12-07T09:00+01:00",
      "2026-12-07T08:00:00Z",
      "2026-12-07T08:00:00.123Z",
      "2028-02-29T10:00:00+01:00",
      "2026-12-31T23:59:59-14:00",
      "2026-12-07T09:00:00+14:00",
      "2026-12-07T09:00:00+05:45",
    ]) {
      expect(Instant.safeParse(value).success, value).toBe(true);
    }
  });

  it("refuses days that do not exist (V8's Date.parse rolls them over), hours, minutes and seconds out of range, offsets beyond ±14:00", () => {
    const refused = {
      "2026-02-30T10:00:00+01:00": "date ou heure inexistante",
      "2027-02-29T10:00:00+01:00": "date ou heure inexistante",
      "2026-04-31T10:00:00Z": "date ou heure inexistante",
      "2026-12-00T10:00:00Z": "date ou heure inexistante",
      "2026-13-07T10:00:00Z": "date ou heure inexistante",
      "2026-12-07T24:00:00+01:00": "date ou heure inexistante",
      "2026-12-07T10:60:00+01:00": "date ou heure inexistante",
      "2026-12-07T10:00:60+01:00": "date ou heure inexistante",
      "2026-12-07T10:00:00+14:01": "date ou heure inexistante",
      "2026-12-07T10:00:00-15:00": "date ou heure inexistante",
      "2026-12-07T10:00:00+01:60": "date ou heure inexistante",
      "2026-12-07T10:00:00": "date et heure ISO 8601 avec fuseau attendues",
      "2026-12-07": "date et heure ISO 8601 avec fuseau attendues",
    };
    for (const [value, message] of Object.entries(refused)) {
      const result = Instant.safeParse(value);
      expect(result.success, value).toBe(false);
      expect(result.error?.issues[0]?.message, value).toBe(message);
    }
  });

  it("refuses years an appointment cannot fall in (year 10000 would be written +010000, before 1970 in local mean time)", () => {
    for (const value of ["0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1999-12-31T23:59:59+01:00", "2100-01-01T00:00:00Z", "9999-12-31T23:59:59Z"]) {
      expect(Instant.safeParse(value).error?.issues[0]?.message, value).toBe("année entre 2000 et 2099 attendue");
    }
  });

  it("knows leap years, the years 0–99 included", () => {
    expect(isRealInstant("2000-02-29T00:00:00Z")).toBe(true);
    expect(isRealInstant("2100-02-29T00:00:00Z")).toBe(false);
    expect(isRealInstant("0004-02-29T00:00:00Z")).toBe(true);
    expect(isRealInstant("0005-02-29T00:00:00Z")).toBe(false);
  });
});
