/** One JSON line per event: ids and error names only, never URLs' answers or payloads. */
export function log(msg: string, fields: Record<string, unknown> & { error?: unknown }): void {
  const { error, ...rest } = fields;
  console.log(JSON.stringify({ level: "warn", msg, ...rest, ...(error === undefined ? {} : { error: (error as Error)?.name ?? String(error) }) }));
}
