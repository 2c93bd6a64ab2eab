import { loadStage, type Stage } from "@rdv/local/settings";
import type { App } from "sst/constructs";
import { useProject } from "sst/project.js";

// One loader of a stage's file for the stacks and the stage commands (npm run import --stage…).
export { loadStage, stageFile, type Stage } from "@rdv/local/settings";

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
