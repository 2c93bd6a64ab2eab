/**
 * Times the import of the large département file into a fresh in-memory DynamoDB Local, in
 * process, and tells where the time goes: DynamoDB requests by command (count and total time)
 * and the gaps between them (validation, item building).
 *
 *   npx tsx bench/import.ts [file]
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DEFAULT_FILE, writeFile } from "./generate";

export interface ImportProfile {
  totalMs: number;
  parseMs: number;
  validateMs: number;
  loadMs: number;
  requests: number;
  /** by DynamoDB command: count, summed wall time of the requests */
  byCommand: Record<string, { count: number; ms: number; items?: number }>;
  summary: unknown;
}

export async function profileImport(file = DEFAULT_FILE): Promise<ImportProfile> {
  if (!existsSync(file)) writeFile(file);
  const { startDatabase, configureProcess, localTokenSecret } = await import("../packages/local/src/stack");
  const { readStageSettings } = await import("../packages/local/src/settings");
  const { db } = await startDatabase({ persistent: false });
  try {
    configureProcess({ endpoint: db.endpoint, settings: readStageSettings(), tokenSecret: localTokenSecret() });
    const { docClient, dynamoRequestCount } = await import("@rdv/core/db/client");
    const byCommand: ImportProfile["byCommand"] = {};
    docClient().middlewareStack.add(
      (next, context) => async (args) => {
        const started = performance.now();
        try {
          return await next(args);
        } finally {
          const name = context.commandName ?? "?";
          const entry = (byCommand[name] ??= { count: 0, ms: 0 });
          entry.count += 1;
          entry.ms += performance.now() - started;
          const input = args.input as { RequestItems?: Record<string, unknown[]> };
          if (input.RequestItems) entry.items = (entry.items ?? 0) + Object.values(input.RequestItems).reduce((n, list) => n + list.length, 0);
        }
      },
      { step: "initialize", name: "benchCommandTimer" },
    );
    const DepartmentFile = await import("@rdv/core/department-file");
    const t0 = performance.now();
    const raw = DepartmentFile.parseJson(readFileSync(file, "utf8"));
    const t1 = performance.now();
    DepartmentFile.validate(raw);
    const t2 = performance.now();
    const before = dynamoRequestCount();
    const summary = await DepartmentFile.load(raw); // validates again, as the stack does
    const t3 = performance.now();
    for (const entry of Object.values(byCommand)) entry.ms = Math.round(entry.ms);
    return {
      totalMs: Math.round(t3 - t0 - (t2 - t1)),
      parseMs: Math.round(t1 - t0),
      validateMs: Math.round(t2 - t1),
      loadMs: Math.round(t3 - t2),
      requests: dynamoRequestCount() - before,
      byCommand,
      summary,
    };
  } finally {
    await db.stop();
  }
}

if (process.argv[1] && resolve(process.argv[1]).endsWith("bench/import.ts")) {
  const profile = await profileImport(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_FILE);
  console.log(JSON.stringify(profile, null, 2));
  process.exit(0);
}
