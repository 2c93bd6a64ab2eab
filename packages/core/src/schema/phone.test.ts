import { readFileSync } from "node:fs";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { parsePhone, phoneRegion } from "./phone";
import { frenchPhoneMetadata } from "./phone-metadata.generate";
import { FRENCH_REGIONS } from "./phone-regions";

/** What parsePhone answered with the full "max" metadata of every country, before it shipped the French slice. */
function withFullMetadata(raw: string, departmentCode: string) {
  const parsed = parsePhoneNumberFromString(raw.trim(), phoneRegion(departmentCode));
  if (!parsed || !parsed.isValid() || !parsed.country || !FRENCH_REGIONS.has(parsed.country)) return null;
  return { e164: parsed.number, mobile: parsed.getType() === "MOBILE" };
}

const FOREIGN = ["+44 7700 900123", "+32 470 12 34 56", "+1 202 555 0143", "+41 79 123 45 67", "+212 6 12 34 56 78", "+687 75 12 34", "+689 87 12 34 56"];
const ENDINGS = ["000000", "123456", "987654", "555012", "12345", "1234567"];

/** Every 3-digit start of a national number with a couple of endings (every length class over the starts), written nationally. */
function nationalCandidates(): string[] {
  const out = ["06 12 34 56 78", "07 80 00 00 01", "09 72 12 34 56", "0800 12 34 56", "0892 12 34 56", "0033612345678", "06 12", ""];
  for (let start = 0; start < 1000; start++) {
    for (const ending of [ENDINGS[start % 6]!, ENDINGS[(start + 3) % 6]!]) out.push(`0${String(start).padStart(3, "0")}${ending}`);
  }
  return out;
}

/** The same, after each French calling code, and foreign numbers. */
function internationalCandidates(): string[] {
  const out = [...FOREIGN];
  for (const code of ["33", "262", "508", "590", "594", "596"]) {
    for (let start = 0; start < 1000; start++) {
      for (const ending of [ENDINGS[start % 6]!, ENDINGS[(start + 3) % 6]!]) out.push(`+${code}${String(start).padStart(3, "0")}${ending}`);
    }
  }
  return out;
}

describe("phone numbers with the French slice of the metadata", () => {
  it("parses every candidate exactly as the full metadata did, in every kind of département", () => {
    const differing = (numbers: string[], department: string) =>
      numbers.filter((raw) => JSON.stringify(parsePhone(raw, department)) !== JSON.stringify(withFullMetadata(raw, department)));
    for (const department of ["62", "971", "972", "973", "974", "976"]) expect(differing(nationalCandidates(), department), `département ${department}`).toEqual([]);
    expect(differing(internationalCandidates(), "62")).toEqual([]);
    expect(internationalCandidates().filter((raw) => parsePhone(raw, "62")).length).toBeGreaterThan(1000); // not all refused
  }, 60_000);

  it("knows mobiles, fixed lines and overseas numbers", () => {
    expect(parsePhone("06 12 34 56 78", "62")).toEqual({ e164: "+33612345678", mobile: true });
    expect(parsePhone("03 21 00 00 00", "62")).toEqual({ e164: "+33321000000", mobile: false });
    expect(parsePhone("0692 12 34 56", "974")).toEqual({ e164: "+262692123456", mobile: true });
    expect(parsePhone("+44 7700 900123", "62")).toBeNull();
  });

  it("is committed up to date with the installed libphonenumber-js (npm run phone:metadata)", () => {
    const committed = JSON.parse(readFileSync(new URL("./phone-metadata.json", import.meta.url), "utf8"));
    expect(committed).toEqual(frenchPhoneMetadata());
  });
});
