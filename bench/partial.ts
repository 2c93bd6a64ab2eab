/**
 * `npm run bench -- --only-sms`, `-- --only-lighthouse` `-- --only-api` and `-- --only-find-slot`: one part of the bench alone, its rows
 * measured now and put in place of theirs in the previous results (the other rows are kept as
 * they were, with the date of their run).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { DepartmentFileInput } from "@rdv/core/schema";
import { measureSmsSegments, smsSegmentsTable } from "./sms-segments";

type AnyRow = { name: string };

export async function runOnly(
  resultsFile: string,
  options: {
    file?: DepartmentFileInput;
    sms?: boolean;
    lighthouse?: () => Promise<{ rows: AnyRow[]; table: string }>;
    /** rows measured by the caller (the integration API's, « Trouver un créneau »'s), replacing those of the same names */
    extra?: { part: string; rows: AnyRow[] };
    log: (message: string) => void;
  },
): Promise<void> {
  const previous = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, "utf8")) as { results: AnyRow[]; parts?: Record<string, string> }) : { results: [] };
  const rows: AnyRow[] = [];
  const replaced: Array<(name: string) => boolean> = [];
  const at = new Date().toISOString();
  const parts: Record<string, string> = { ...previous.parts };
  if (options.sms && options.file) {
    options.log("SMS texts of every appointment of the file…");
    const row = measureSmsSegments(options.file);
    rows.push(row);
    replaced.push((name) => name === "sms-segments");
    parts["sms-segments"] = at;
    console.log(`\n${smsSegmentsTable(row)}\n`);
  }
  if (options.lighthouse) {
    const { rows: lighthouseRows, table } = await options.lighthouse();
    rows.push(...lighthouseRows);
    replaced.push((name) => name.startsWith("lighthouse-"));
    parts.lighthouse = at;
    console.log(`\n${table}\n`);
  }
  if (options.extra) {
    const names = new Set(options.extra.rows.map((r) => r.name));
    rows.push(...options.extra.rows);
    replaced.push((name) => names.has(name));
    parts[options.extra.part] = at;
  }
  const results = [...previous.results.filter((r) => !replaced.some((test) => test(r.name))), ...rows];
  writeFileSync(`${resultsFile}.tmp`, JSON.stringify({ ...previous, results, parts }, null, 2) + "\n");
  renameSync(`${resultsFile}.tmp`, resultsFile);
  options.log(`written ${resultsFile} (${Object.keys(parts).join(", ")} measured alone; the other rows are from the run of ${(previous as { at?: string }).at ?? "—"})`);
}
