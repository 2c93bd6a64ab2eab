import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { StageName, StageSettings, fieldErrors } from "@rdv/core/schema";
import type { App } from "sst/constructs";
import { useProject } from "sst/project.js";

/** What every stack reads about the stage: its validated settings and a few derived names. */
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
 * `config/stages/x.json: smsSenderName: 3 à 11 lettres…`, so a bad setting stops the synth.
 */
export function loadStage(stage: string, root: string): Stage {
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
  if (!parsed.success) {
    const fields = Object.entries(fieldErrors(parsed.error)).map(([field, message]) => `${field}: ${message}`);
    throw new Error(`${shown}: ${fields.join("; ")}`);
  }
  return { name: stage, settings: parsed.data, file: shown };
}

const loaded = new WeakMap<App, Stage>();

/** The stage of this app, read and validated once per app (every stack calls it). */
export function useStage(app: App): Stage {
  let stage = loaded.get(app);
  if (!stage) {
    stage = loadStage(app.stage, useProject().paths.root);
    loaded.set(app, stage);
  }
  return stage;
}

/** Resource names carry the stage, so two stages can share an account without clashing. */
export function stageResourceName(app: App, name: string): string {
  return `${app.stage}-${app.name}-${name}`;
}
