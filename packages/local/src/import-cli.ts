/**
 * `npm run import -- FILE.json`: validates a département file and loads it into the running
 * local stack's database, or into the on-disk one, starting the embedded database itself.
 *
 * When `RDV_DYNAMODB_ENDPOINT` is set (dev.ts runs it so, in a child process, to load
 * RDV_DEPARTMENT_FILE before serving), it loads into that database as configured by the
 * environment; `--json` then prints the summary as one JSON line.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { readStageSettings } from "./settings";
import { configureProcess, localTokenSecret, readRunningState, startDatabase } from "./stack";

async function main(): Promise<number> {
  const [path, ...flags] = process.argv.slice(2);
  if (!path) {
    console.error("Usage : npm run import -- FICHIER.json");
    return 2;
  }
  const json = flags.includes("--json");
  const text = readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), path), "utf8");
  const configured = Boolean(process.env.RDV_DYNAMODB_ENDPOINT);
  const running = configured ? null : readRunningState();
  const started = configured || running ? undefined : await startDatabase({ persistent: true });
  try {
    if (!configured) {
      const endpoint = running?.endpoint ?? started!.db.endpoint;
      configureProcess({ endpoint, settings: readStageSettings(process.env.RDV_STAGE_FILE), tokenSecret: running?.tokenSecret ?? localTokenSecret() });
    }
    const DepartmentFile = await import("@rdv/core/department-file");
    const { isDomainError } = await import("@rdv/core/error");
    try {
      const summary = await DepartmentFile.load(DepartmentFile.parseJson(text));
      if (json) {
        console.log(JSON.stringify(summary));
        return 0;
      }
      console.log(`Import terminé (${running ? "stack locale en cours" : "base locale sur disque"}) :`);
      for (const [name, count] of Object.entries(summary)) console.log(`  ${name}: ${count}`);
      return 0;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      console.error(`${error.message} Rien n'a été écrit.`);
      for (const [field, message] of Object.entries(error.fields ?? {})) console.error(`  ${field}: ${message}`);
      return 1;
    }
  } finally {
    await started?.db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
