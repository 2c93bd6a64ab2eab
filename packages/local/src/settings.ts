import { readFileSync } from "node:fs";
import { join } from "node:path";
import { StageSettings, fieldErrors } from "@rdv/core/schema";
import { repoRoot } from "./repo-root";

/** Reads and validates a stage-settings file; a bad value stops with the field named. */
export function readStageSettings(file = join(repoRoot(), "config", "stages", "demo.json")): StageSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`Cannot read the stage settings ${file}: ${(error as Error).message}`);
  }
  const parsed = StageSettings.safeParse(raw);
  if (!parsed.success) {
    const lines = Object.entries(fieldErrors(parsed.error)).map(([path, message]) => `  ${path}: ${message}`);
    throw new Error(`Invalid stage settings ${file}:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
