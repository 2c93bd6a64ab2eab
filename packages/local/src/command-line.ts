import { parseArgs } from "node:util";

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** French names of the département's kinds of data, for the commands' progress and summaries. */
export const KIND_LABELS: Record<string, string> = {
  organisations: "organisations",
  services: "services",
  places: "lieux",
  motifs: "motifs",
  agents: "agents",
  openingRules: "plages d'ouverture",
  absences: "absences",
  communes: "communes desservies",
  appointments: "rendez-vous",
  participations: "participations",
  serviceUsers: "usagers",
};

type Spec = Record<string, { type: "string" | "boolean" }>;

/**
 * Parses a command's arguments with Node's parser, strictly: an unknown option, an option
 * without its value or a value given to a flag is a `UsageError` naming the option, in French.
 */
export function parseCommandLine<S extends Spec>(argv: string[], options: S) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const option = /'(-[^ ']+)/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`option inconnue : ${option}`, { cause: error });
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      throw new UsageError(/does not take an argument/.test(message) ? `${option} ne prend pas de valeur` : `${option} : une valeur est attendue (${option} <valeur>)`, { cause: error });
    }
    throw error;
  }
}
