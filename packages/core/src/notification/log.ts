/** One JSON line per event. Ids and error names only: never phone numbers, addresses or texts (DESIGN guarantee 7). */
export function log(msg: string, fields: Record<string, unknown>, level: "info" | "warn" = "info"): void {
  console.log(JSON.stringify({ level, msg, ...fields }));
}
