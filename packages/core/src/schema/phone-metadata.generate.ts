import max from "libphonenumber-js/metadata.max.json";
import type { MetadataJson } from "libphonenumber-js/core";
import { FRENCH_REGIONS } from "./phone-regions";

/**
 * The phone metadata the product ships (phone-metadata.json): the "max" metadata of the installed
 * libphonenumber-js (every number type, for `isValid()` and `getType()`), cut to the French
 * numbering plan — the regions `parsePhone` accepts and the calling codes that lead to them. A
 * number of any other country was refused before (not French) and is refused now (unknown
 * calling code). `npm run phone:metadata` writes it; a test checks the committed file is this.
 *
 * Not `libphonenumber-metadata-generator`: it downloads Google's XML metadata from outside the
 * npm registry, and its output for every country is the package's own metadata.max.json.
 */
export function frenchPhoneMetadata(): MetadataJson {
  const source = max as unknown as { version: number; country_calling_codes: Record<string, string[]>; countries: Record<string, unknown> };
  const regions = [...FRENCH_REGIONS].sort();
  const callingCodes = Object.fromEntries(
    Object.entries(source.country_calling_codes)
      .filter(([, countries]) => countries.some((country) => FRENCH_REGIONS.has(country as never)))
      .map(([code, countries]) => [code, countries.filter((country) => FRENCH_REGIONS.has(country as never))]),
  );
  return {
    version: source.version,
    country_calling_codes: callingCodes,
    countries: Object.fromEntries(regions.map((region) => [region, source.countries[region]])),
  } as unknown as MetadataJson;
}
