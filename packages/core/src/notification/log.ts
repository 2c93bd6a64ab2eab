/** One JSON line per event. Ids and error names only: never phone numbers, addresses or texts (guarantee 7 in docs/architecture.md). */
export function log(msg: string, fields: Record<string, unknown>, level: "info" | "warn" = "info"): void {
  console.log(JSON.stringify({ level, msg, ...fields }));
}
