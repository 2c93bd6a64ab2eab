import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { StageSettings } from "@rdv/core/schema";
import { startDynamoDbLocal, type DynamoDbLocal } from "./dynamodb-local";
import { repoRoot } from "./repo-root";
import { ensureTable } from "./table";

export const TABLE_NAME = "rdv";

/** The local stack's files (database, manage-token secret, running state): `.data/`, or `RDV_DATA_DIR`. */
export function dataDir(): string {
  return process.env.RDV_DATA_DIR || join(repoRoot(), ".data");
}

/**
 * The on-disk local database: one folder, whatever the form of its items. The table records the
 * last data migration applied to it, and `npm run dev` applies the missing ones before serving
 * (`migrate`), as a deploy does on AWS: a database written by older code is brought up to date,
 * never left aside.
 */
export function persistentDbPath(dir = dataDir()): string {
  return join(dir, "dynamodb");
}

/**
 * Folders of earlier versions of the local stack, adopted into `persistentDbPath` before it
 * starts. For a while the folder's name carried the key layout: `dynamodb-v2` held the current
 * layout and `dynamodb` was left aside when it held the older one. Now that migrations bring any
 * database up to date, `dynamodb-v2` (the database in use since) becomes `dynamodb` again; a
 * `dynamodb` found beside it is the older database it replaced, with the demo reloaded over it in
 * v2 meanwhile: it is kept, renamed `dynamodb-before-v2`, for whoever wants its data back. A lone
 * `dynamodb` is used as it is, whatever its layout: migrations take care of it. Returns what was
 * moved, to be told. Renames only: each is atomic, and a start interrupted between them ends
 * the job at the next start.
 */
export function adoptOlderDatabaseFolders(dir = dataDir()): string[] {
  const current = persistentDbPath(dir);
  const v2 = join(dir, "dynamodb-v2");
  const superseded = join(dir, "dynamodb-before-v2");
  if (!existsSync(v2)) return [];
  const moved: string[] = [];
  if (existsSync(current)) {
    if (existsSync(superseded)) {
      throw new Error(`${v2}, ${current} et ${superseded} existent tous trois : gardez la base que vous utilisez dans ${current} et déplacez les autres hors de ${dir}.`);
    }
    renameSync(current, superseded);
    moved.push(`${current} → ${superseded} (base remplacée par dynamodb-v2, conservée)`);
  }
  renameSync(v2, current);
  moved.push(`${v2} → ${current}`);
  return moved;
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
 * Points this process's core at a table: DynamoDB Local's (`endpoint`, the local table by
 * default) or, without an endpoint, AWS's (the SDK's credentials, `region`). Must run before
 * core's entities are first imported (they read these variables once), hence the dynamic imports
 * in callers.
 */
export function configureProcess(options: { endpoint?: string; table?: string; region?: string; settings: StageSettings; tokenSecret?: string }): void {
  if (options.endpoint) process.env.RDV_DYNAMODB_ENDPOINT = options.endpoint;
  else delete process.env.RDV_DYNAMODB_ENDPOINT;
  process.env.RDV_TABLE = options.table ?? TABLE_NAME;
  if (options.tokenSecret) process.env.RDV_TOKEN_SECRET = options.tokenSecret;
  process.env.RDV_STAGE_SETTINGS = JSON.stringify(options.settings);
  if (options.region) process.env.AWS_REGION = options.region;
  else process.env.AWS_REGION ??= "eu-west-3";
}

export interface Database {
  db: DynamoDbLocal;
  created: boolean;
  /** older database folders adopted on the way (see `adoptOlderDatabaseFolders`) */
  adopted: string[];
}

/** Starts the embedded database (in memory, or on disk under .data/) and makes sure the table exists. */
export async function startDatabase(options: { persistent: boolean }): Promise<Database> {
  const adopted = options.persistent ? adoptOlderDatabaseFolders() : [];
  const db = await startDynamoDbLocal(options.persistent ? { dbPath: persistentDbPath() } : {});
  try {
    const client = localClient(db.endpoint);
    const created = await ensureTable(client, TABLE_NAME);
    client.destroy();
    return { db, created, adopted };
  } catch (error) {
    await db.stop();
    throw error;
  }
}

/**
 * Applies the data migrations the table lacks (packages/core/src/migration), printing their
 * progress: what a deploy does on AWS, done by the local stack before it serves. Needs the
 * process configured (`configureProcess`) first.
 */
export async function migrate(print: (line: string) => void = console.log): Promise<number> {
  const Migration = await import("@rdv/core/migration");
  const counts = (c: Record<string, number>) => Object.entries(c).map(([name, n]) => `${name}=${n}`).join(" ");
  const label = (m: { number: number; name: string }) => `Migration ${String(m.number).padStart(4, "0")} (${m.name})`;
  const result = await Migration.run({
    onProgress: (event) => print(`${label(event)} ${event.done ? "appliquée" : "en cours"} : ${counts(event.counts)}`),
    onWarning: (migration, message) => print(`${label(migration)} — à vérifier : ${message}`),
  });
  return result.version;
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
