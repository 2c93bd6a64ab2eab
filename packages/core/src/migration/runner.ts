import { isConditionFailure } from "../db/condition";
import { MigrationEntity } from "./migration.entity";
import { migrations as registry } from "./registry";
import type { Counts, Migration, MigrationContext, ProgressEvent } from "./types";

export interface HistoryEntry {
  number: number;
  name: string;
  appliedAt: string;
  counts: Counts;
}

/** What the table's migration record says: 0 when no migration was ever applied. */
export interface State {
  version: number;
  name?: string;
  appliedAt?: string;
  history: HistoryEntry[];
}

export interface RunOptions {
  /** the registry by default; tests pass their own */
  migrations?: readonly Migration[];
  /**
   * Apply migrations up to this number only (the deploy passes the number its template carries;
   * when CloudFormation rolls a deploy back it passes the previous one, and nothing runs).
   * Default: the last of `migrations`.
   */
  target?: number;
  onProgress?: (event: ProgressEvent) => void;
  onWarning?: (migration: Pick<Migration, "number" | "name">, message: string) => void;
  /** at most one progress report per this many ms while a migration runs (default 5 s); its end is always reported */
  progressEveryMs?: number;
}

export interface RunResult {
  /** the version recorded before the run, and after it */
  from: number;
  version: number;
  applied: Array<{ number: number; name: string; counts: Counts }>;
}

export async function state(): Promise<State> {
  const record = (await MigrationEntity.get({}).go({ consistent: true })).data;
  if (!record) return { version: 0, history: [] };
  return { version: record.version, name: record.name, appliedAt: record.appliedAt, history: record.history as HistoryEntry[] };
}

/** Migrations are numbered 1, 2, 3… in the order listed: a gap or a swap is a mistake in the registry. */
export function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, i) => {
    if (migration.number !== i + 1) {
      throw new Error(`migration registry: position ${i + 1} holds migration ${migration.number} (${migration.name}); migrations are numbered 1, 2, 3… in order`);
    }
  });
}

/**
 * Applies, in order, every migration above the recorded version (up to `target`), recording each
 * one only once it has completed. A failure stops the run: the failed migration is not recorded
 * and the next run starts with it again (migrations are safe to re-run). Running again when
 * everything is applied reads the record and does nothing else.
 */
export async function run(options: RunOptions = {}): Promise<RunResult> {
  const migrations = options.migrations ?? registry;
  assertOrdered(migrations);
  const last = migrations.at(-1)?.number ?? 0;
  const target = options.target ?? last;
  if (!Number.isInteger(target) || target < 0 || target > last) {
    throw new Error(`migration target ${target}: this code knows migrations 1 to ${last}`);
  }
  const before = await state();
  let current = before;
  const applied: RunResult["applied"] = [];
  for (const migration of migrations) {
    if (migration.number <= current.version || migration.number > target) continue;
    const counts = await migration.up(contextFor(migration, options));
    options.onProgress?.({ number: migration.number, name: migration.name, counts: { ...counts }, done: true });
    current = await record(current, migration, counts);
    applied.push({ number: migration.number, name: migration.name, counts });
  }
  return { from: before.version, version: current.version, applied };
}

function contextFor(migration: Migration, options: RunOptions): MigrationContext {
  const every = options.progressEveryMs ?? 5_000;
  let lastReport = Date.now();
  return {
    progress(counts) {
      if (Date.now() - lastReport < every) return;
      lastReport = Date.now();
      options.onProgress?.({ number: migration.number, name: migration.name, counts: { ...counts }, done: false });
    },
    warn(message) {
      options.onWarning?.(migration, message);
    },
  };
}

/**
 * Records a completed migration, on the condition that the record is still the one read: two runs
 * at once (which migrations tolerate) cannot move the version backwards or lose history.
 */
async function record(previous: State, migration: Migration, counts: Counts): Promise<State> {
  // when it was applied, by the system's own clock (a record, like the items' timestamps; the local stack's clock may be shifted)
  const appliedAt = new Date().toISOString();
  const history = [...previous.history, { number: migration.number, name: migration.name, appliedAt, counts }];
  try {
    await MigrationEntity.put({ version: migration.number, name: migration.name, description: migration.description, appliedAt, history })
      .where((attr, op) => (previous.version === 0 ? op.notExists(attr.version) : op.eq(attr.version, previous.version)))
      .go();
    return { version: migration.number, name: migration.name, appliedAt, history };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const now = await state();
    if (now.version >= migration.number) return now; // another run recorded it (or more) meanwhile
    throw error;
  }
}
