import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { StageSettings } from "@rdv/core/schema";
import { startDynamoDbLocal, type DynamoDbLocal } from "./dynamodb-local";
import { repoRoot } from "./repo-root";
import { ensureTable } from "./table";

export const TABLE_NAME = "rdv";

export function dataDir(): string {
  return join(repoRoot(), ".data");
}

/**
 * The on-disk local database. Its folder carries the version of the items' key layout: a
 * database written with an older layout (before agent days and absences shared the "time#"
 * sort keys) is left aside, and the demo département is loaded into a fresh one.
 */
export function persistentDbPath(): string {
  return join(dataDir(), "dynamodb-v2");
}

/**
 * Where a running local stack says which database it uses, for `npm run import` and `npm run
 * invite`. `RDV_STATE_FILE` names another file, so a stack started by tests (the browser tests')
 * and the commands they run do not meet another stack of the same checkout.
 */
export function stateFile(): string {
  return process.env.RDV_STATE_FILE || join(dataDir(), "local-stack.json");
}

export interface LocalState {
  pid: number;
  endpoint: string;
  table: string;
  tokenSecret: string;
  /** the site's address (PUBLIC_URL): links the commands send point there */
  publicUrl?: string;
  /** how far the stack's clock is from the system's (RDV_NOW), in milliseconds */
  clockOffsetMs?: number;
}

/** The manage-token secret of the local stage: kept on disk so links survive restarts. */
export function localTokenSecret(): string {
  if (process.env.RDV_TOKEN_SECRET) return process.env.RDV_TOKEN_SECRET;
  const file = join(dataDir(), "token-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir(), { recursive: true });
  const value = randomBytes(32).toString("base64url");
  writeFileSync(file, value + "\n", { mode: 0o600 });
  return value;
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: "eu-west-3",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

/**
 * Points this process's core at a DynamoDB endpoint. Must run before core's entities are first
 * imported (they read these variables once), hence the dynamic imports in callers.
 */
export function configureProcess(options: { endpoint: string; settings: StageSettings; tokenSecret: string }): void {
  process.env.RDV_DYNAMODB_ENDPOINT = options.endpoint;
  process.env.RDV_TABLE = TABLE_NAME;
  process.env.RDV_TOKEN_SECRET = options.tokenSecret;
  process.env.RDV_STAGE_SETTINGS = JSON.stringify(options.settings);
  process.env.AWS_REGION ??= "eu-west-3";
}

export interface Database {
  db: DynamoDbLocal;
  created: boolean;
}

/** Starts the embedded database (in memory, or on disk under .data/) and makes sure the table exists. */
export async function startDatabase(options: { persistent: boolean }): Promise<Database> {
  const db = await startDynamoDbLocal(options.persistent ? { dbPath: persistentDbPath() } : {});
  try {
    const client = localClient(db.endpoint);
    const created = await ensureTable(client, TABLE_NAME);
    client.destroy();
    return { db, created };
  } catch (error) {
    await db.stop();
    throw error;
  }
}

export function writeState(state: LocalState): void {
  mkdirSync(dirname(stateFile()), { recursive: true });
  writeFileSync(stateFile(), JSON.stringify(state, null, 2));
}

export function clearState(): void {
  rmSync(stateFile(), { force: true });
}

/** The running local stack's database, if one is up. */
export function readRunningState(): LocalState | null {
  if (!existsSync(stateFile())) return null;
  const state = JSON.parse(readFileSync(stateFile(), "utf8")) as LocalState;
  try {
    process.kill(state.pid, 0);
    return state;
  } catch (error) {
    // ESRCH: the process that wrote it is gone, the file is stale
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return null;
    throw error;
  }
}
