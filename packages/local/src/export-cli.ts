/**
 * `npm run export -- --out FOLDER [--force] [--stage NAME [--region R]] [--json]`: writes the département a
 * database holds — `departement.json` (the file `npm run import` reads), `rendez-vous.csv`,
 * `usagers.csv` — into FOLDER, for leaving a host or auditing what is kept. It reads the running
 * local stack's database, or the on-disk one, starting the embedded database itself (as
 * `npm run import` does); `--stage` reads a deployed stage's table, found from its CloudFormation
 * outputs with the operator's AWS credentials, as `npm run import --stage` does (`cli-target.ts`). Everything is read and validated before anything is written, and a failure
 * leaves no partial file. Progress goes to stderr, the summary to stdout (`--json`: one line).
 */
import { resolve } from "node:path";
import { KIND_LABELS } from "./command-line";
import { USAGE, UsageError, parseFlags, type Flags } from "./export-flags";
import { FolderError, checkOutFolder, writeFolder } from "./output-folder";
import { openTarget, type Target } from "./cli-target";


/** Prints the counts that grew since the last call, on one line (stderr, so that stdout stays the summary). */
function progressPrinter(): (counts: Record<string, number>) => void {
  const printed: Record<string, number> = {};
  return (counts) => {
    const grown = Object.entries(counts).filter(([kind, count]) => count > 0 && printed[kind] !== count);
    if (grown.length === 0) return;
    for (const [kind, count] of grown) printed[kind] = count;
    process.stderr.write(`  lu : ${grown.map(([kind, count]) => `${KIND_LABELS[kind] ?? kind} ${count}`).join(", ")}\n`);
  };
}

function listed(ids: string[]): string {
  return ids.length <= 5 ? ids.join(", ") : `${ids.slice(0, 5).join(", ")}… (${ids.length})`;
}

async function main(): Promise<number> {
  let flags: Flags;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const out = resolve(process.env.INIT_CWD ?? process.cwd(), flags.out);
  try {
    checkOutFolder(out, flags.force);
  } catch (error) {
    if (!(error instanceof FolderError)) throw error;
    console.error(error.message);
    return 2;
  }
  let target: Target;
  try {
    // the same resolution as `npm run import --stage`: the stage's table from its CloudFormation outputs
    target = await openTarget({ stage: flags.stage, region: flags.region });
  } catch (error) {
    console.error(`${(error as Error).message}\nRien n'a été écrit.`);
    return 1;
  }
  try {
    const Export = await import("@rdv/core/export/department");
    const { isDomainError } = await import("@rdv/core/error");
    const Clock = await import("@rdv/core/clock");
    const now = process.env.RDV_NOW ? Clock.parseStart(process.env.RDV_NOW) : Clock.now();
    if (!flags.json) process.stderr.write(`Export (${target.description}) vers ${out}\n`);
    let result: Awaited<ReturnType<typeof Export.department>>;
    try {
      result = await Export.department({ now, onProgress: flags.json ? undefined : progressPrinter() });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      console.error(`${error.message} Rien n'a été écrit.`);
      for (const [field, message] of Object.entries(error.fields ?? {})) console.error(`  ${field}: ${message}`);
      return 1;
    }
    writeFolder(out, result.files, flags.force);
    if (flags.json) {
      console.log(JSON.stringify({ out, target: target.description, read: result.read, written: result.written, notes: result.notes }));
      return 0;
    }
    const { file, appointmentRows, serviceUserRows } = result.written;
    console.log(`Export terminé (${target.description}) : ${out}`);
    console.log(`  ${Export.FILES.department} : ${Object.entries(file).map(([kind, n]) => `${KIND_LABELS[kind] ?? kind} ${n}`).join(", ")}`);
    console.log(`  ${Export.FILES.appointments} : ${appointmentRows} rendez-vous`);
    console.log(`  ${Export.FILES.serviceUsers} : ${serviceUserRows} usagers`);
    const { appointmentsLeftOut, seatsLeftOut, serviceUsersLeftOut, agentsSimplified } = result.notes;
    const notes = [
      [appointmentsLeftOut, "séances collectives sans participant (dans rendez-vous.csv seulement)"],
      [seatsLeftOut, "places de séances collectives annulées une à une (dans rendez-vous.csv seulement)"],
      [serviceUsersLeftOut, "usagers sans rendez-vous dans le fichier (dans usagers.csv seulement)"],
      [agentsSimplified, "agents aux rôles ou services différents selon l'organisation (le rôle le plus restreint et tous leurs services sont gardés)"],
    ] as const;
    if (notes.some(([ids]) => ids.length > 0)) console.log("Ce que le fichier du département ne porte pas :");
    for (const [ids, label] of notes) if (ids.length > 0) console.log(`  ${label} : ${listed(ids)}`);
    return 0;
  } finally {
    await target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Export interrompu, rien n'a été écrit : ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
