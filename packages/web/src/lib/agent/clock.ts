// Server side: "now" for the back office. The local stack may start its clock at RDV_NOW and let
// it run from there (as the API does), so that the agenda opens on the same day as the API's.
const start = process.env.RDV_NOW ? Date.parse(process.env.RDV_NOW) : Number.NaN;
const offsetMs = Number.isNaN(start) ? 0 : start - Date.now();

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}
