import { parsePhoneNumberFromString, type CountryCode, type MetadataJson } from "libphonenumber-js/core";
import metadata from "./phone-metadata.json";
import { FRENCH_REGIONS } from "./phone-regions";

/** The numbering region of each département: overseas ones have their own. */
const REGION_BY_DEPARTMENT: Record<string, CountryCode> = {
  "971": "GP",
  "972": "MQ",
  "973": "GF",
  "974": "RE",
  "976": "YT",
};

export function phoneRegion(departmentCode: string): CountryCode {
  return REGION_BY_DEPARTMENT[departmentCode] ?? "FR";
}


export interface ParsedPhone {
  e164: string;
  mobile: boolean;
}

/**
 * Parses a national or E.164 number in the département's region. Returns null when the number is
 * not a valid French (metropolitan or overseas) number. `mobile` is true for mobile ranges only,
 * the only ones SMS are sent to.
 */
export function parsePhone(raw: string, departmentCode: string): ParsedPhone | null {
  // the French numbering plan only (phone-metadata.json, `npm run phone:metadata`): 4 KB instead of 150
  const parsed = parsePhoneNumberFromString(raw.trim(), phoneRegion(departmentCode), metadata as unknown as MetadataJson);
  if (!parsed || !parsed.isValid()) return null;
  const country = parsed.country;
  if (!country || !FRENCH_REGIONS.has(country)) return null;
  const type = parsed.getType();
  return { e164: parsed.number, mobile: type === "MOBILE" };
}
