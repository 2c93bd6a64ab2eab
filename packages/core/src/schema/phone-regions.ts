import type { CountryCode } from "libphonenumber-js/core";

/** French numbering plan: metropolitan France and the overseas départements. */
export const FRENCH_REGIONS = new Set<CountryCode>(["FR", "GP", "MQ", "GF", "RE", "YT", "BL", "MF", "PM"]);
