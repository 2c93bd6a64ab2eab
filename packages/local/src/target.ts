import { StageName, StageSettings, fieldErrors } from "@rdv/core/schema";
import { readStageSettings } from "./settings";
import { TABLE_NAME, configureProcess, localTokenSecret, readRunningState, startDatabase } from "./stack";

/**
 * The table a maintenance command (`npm run export`) works on, and what it needs to reach it:
 * DynamoDB Local's endpoint, or none for AWS (the SDK's credentials and `region`), the table's
 * name and the stage's settings. The local stack's database is one target; a deployed stage's
 * table will be another, filled by the stage resolver, which is not wired yet (`stageTarget`).
 */
export interface Target {
  /** how messages name it: "stack locale en cours", "base locale sur disque"… */
  description: string;
  /** DynamoDB Local; absent for a stage's table on AWS */
  endpoint?: string;
  region?: string;
  table: string;
  settings: StageSettings;
  /** the manage-link secret, for commands that derive links (the export derives none) */
  tokenSecret?: string;
  /** stops what opening the target started (the embedded database); nothing otherwise */
  close(): Promise<void>;
}

/** A target that cannot be opened as asked: the message names the flag; exit code 2. */
export class TargetError extends Error {
  override name = "TargetError";
}

const nothingToClose = async () => undefined;

/**
 * The local stack's database, as `npm run import` finds it: the database the environment names
 * (`RDV_DYNAMODB_ENDPOINT`, `RDV_TABLE`: what dev.ts and the tests set), else the running local
 * stack's, else the on-disk one, started here (and stopped by `close`).
 */
export async function localTarget(): Promise<Target> {
  const settings = readStageSettings(process.env.RDV_STAGE_FILE);
  const configured = process.env.RDV_DYNAMODB_ENDPOINT;
  if (configured) {
    return { description: `base ${configured}, table ${process.env.RDV_TABLE ?? TABLE_NAME}`, endpoint: configured, table: process.env.RDV_TABLE ?? TABLE_NAME, settings, tokenSecret: process.env.RDV_TOKEN_SECRET, close: nothingToClose };
  }
  const running = readRunningState();
  if (running) {
    return { description: "stack locale en cours", endpoint: running.endpoint, table: running.table, settings, tokenSecret: running.tokenSecret, close: nothingToClose };
  }
  const started = await startDatabase({ persistent: true });
  return { description: "base locale sur disque", endpoint: started.db.endpoint, table: TABLE_NAME, settings, tokenSecret: localTokenSecret(), close: () => started.db.stop() };
}

/**
 * A deployed stage's table. Hook for the stage resolver (which reads the stage's settings file
 * and its CloudFormation outputs): until it is wired, a valid name gets a clear refusal.
 */
export async function stageTarget(stage: string): Promise<Target> {
  const name = StageName.safeParse(stage);
  if (!name.success) throw new TargetError(`--stage « ${stage} » : ${Object.values(fieldErrors(name.error)).join(", ")}.`);
  throw new TargetError(
    `--stage ${stage} : lire la table d'un stage n'est pas encore branché dans cette version. ` +
      "Sans --stage, l'export lit la base de la stack locale.",
  );
}

/** Points this process's core at the target. Before any import of core's domain modules. */
export function useTarget(target: Target): void {
  configureProcess({ endpoint: target.endpoint, table: target.table, region: target.region, settings: target.settings, tokenSecret: target.tokenSecret });
}
