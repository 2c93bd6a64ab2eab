import { parseArgs } from "node:util";

/** The flags of `npm run export` (export-cli.ts). */
export const USAGE = "Usage : npm run export -- --out DOSSIER [--force] [--stage NOM [--region RÉGION]] [--json]";

/** Bad flags: the message names the flag at fault; exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export interface Flags {
  out: string;
  force: boolean;
  stage?: string;
  region?: string;
  json: boolean;
}

/** The flags, or a UsageError naming the one at fault (node's own messages are in English and name no fix). */
export function parseFlags(args: string[]): Flags {
  let values: { out?: string; force?: boolean; stage?: string; region?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { out: { type: "string" }, force: { type: "boolean" }, stage: { type: "string" }, region: { type: "string" }, json: { type: "boolean" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = (error as Error).message;
    const flag = message.match(/'(--?[^' ]+)/)?.[1];
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`option inconnue : ${flag ?? message}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && (flag === "--force" || flag === "--json")) throw new UsageError(`${flag} : s'écrit seul, sans valeur`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new UsageError(`${flag ?? message} : une valeur est attendue (${flag === "--stage" ? "--stage NOM" : flag === "--region" ? "--region RÉGION" : "--out DOSSIER"})`);
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") throw new UsageError(`argument inattendu « ${message.match(/'([^']*)'/)?.[1] ?? ""} » : le dossier se donne avec --out DOSSIER`);
    throw error;
  }
  if (values.out === undefined) throw new UsageError("--out : le dossier où écrire l'export est obligatoire");
  if (values.out.trim() === "") throw new UsageError("--out : le nom du dossier est vide");
  if (values.stage !== undefined && values.stage.trim() === "") throw new UsageError("--stage : le nom du stage est vide");
  if (values.region !== undefined && values.stage === undefined) throw new UsageError("--region : ne sert qu'avec --stage NOM");
  return { out: values.out, force: values.force ?? false, stage: values.stage, region: values.region, json: values.json ?? false };
}
