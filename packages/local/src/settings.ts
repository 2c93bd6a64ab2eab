import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { CLOUDFRONT_URL, checkTrialTexts } from "@rdv/core/reminder-trial/check";
import { StageName, StageSettings, fieldErrors } from "@rdv/core/schema";
import { repoRoot } from "./repo-root";

/**
 * The checks of a stage's reminder trial that need more than its own file (stage settings
 * `reminderTrial`): each text GSM-7 and one SMS segment with the longest place and service names
 * of the département file named by `departmentFile` (read relative to `root`). Errors by setting.
 */
export function reminderTrialErrors(settings: StageSettings, root: string): Record<string, string> {
  if (!settings.reminderTrial) return {};
  if (!settings.departmentFile) {
    return { departmentFile: "obligatoire avec reminderTrial : le fichier du département, pour vérifier que chaque texte tient en un SMS avec ses noms de lieux" };
  }
  const path = isAbsolute(settings.departmentFile) ? settings.departmentFile : join(root, settings.departmentFile);
  let file: { places?: Array<{ name?: string; shortName?: string }>; services?: Array<{ name?: string; shortName?: string }> };
  try {
    file = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    return { departmentFile: `fichier illisible (${(error as Error).message})` };
  }
  const names = (items: Array<{ name?: string; shortName?: string }> | undefined) => (items ?? []).map((i) => i.shortName ?? i.name ?? "");
  return checkTrialTexts(
    settings.reminderTrial,
    { production: settings.production, publicUrl: settings.domain ? `https://${settings.domain}` : CLOUDFRONT_URL },
    { places: names(file.places), services: names(file.services) },
  );
}

/** Reads and validates a stage-settings file; a bad value stops with the field named. */
export function readStageSettings(file = join(repoRoot(), "config", "stages", "demo.json")): StageSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`Cannot read the stage settings ${file}: ${(error as Error).message}`);
  }
  const parsed = StageSettings.safeParse(raw);
  const errors = parsed.success ? reminderTrialErrors(parsed.data, repoRoot()) : fieldErrors(parsed.error);
  if (!parsed.success || Object.keys(errors).length) {
    const lines = Object.entries(errors).map(([path, message]) => `  ${path}: ${message}`);
    throw new Error(`Invalid stage settings ${file}:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** A deployed département's settings: what the stacks synthesize from and the stage commands check against. */
export interface Stage {
  name: string;
  settings: StageSettings;
  /** the file the settings came from, relative to the repository root when inside it */
  file: string;
}

/**
 * Where a stage's settings live: `config/stages/<stage>.json`, or the file named by
 * `RDV_STAGE_FILE` (the same variable the local stack reads; tests point it at temporary files).
 */
export function stageFile(stage: string, root: string): string {
  const override = process.env.RDV_STAGE_FILE;
  if (override) return isAbsolute(override) ? override : join(root, override);
  return join(root, "config", "stages", `${stage}.json`);
}

/**
 * Reads and validates a stage: the name with `StageName`, the file with `StageSettings`. Any
 * mistake throws an Error naming the file and the field, e.g.
 * `config/stages/x.json: smsSenderName: 3 à 11 lettres…`, so a bad setting stops the synth (and
 * `npm run import --stage`) before anything else.
 */
export function loadStage(stage: string, root: string = repoRoot()): Stage {
  const name = StageName.safeParse(stage);
  if (!name.success) throw new Error(`stage "${stage}": ${name.error.issues[0]?.message ?? "nom invalide"}`);

  const path = stageFile(stage, root);
  const shown = relative(root, path).startsWith("..") ? path : relative(root, path);
  if (!existsSync(path)) {
    throw new Error(`${shown}: fichier introuvable (copiez config/stages/example.json et adaptez-le pour la stage "${stage}")`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${shown}: JSON invalide (${(error as Error).message})`, { cause: error });
  }
  const parsed = StageSettings.safeParse(raw);
  const errors = parsed.success ? reminderTrialErrors(parsed.data, root) : fieldErrors(parsed.error);
  if (!parsed.success || Object.keys(errors).length) {
    const fields = Object.entries(errors).map(([field, message]) => `${field}: ${message}`);
    throw new Error(`${shown}: ${fields.join("; ")}`);
  }
  return { name: stage, settings: parsed.data, file: shown };
}
