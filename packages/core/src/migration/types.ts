/** Counters a migration reports as it goes (items scanned, rewritten…) and when it is done. */
export type Counts = Record<string, number>;

export interface MigrationContext {
  /** Reports how far the migration is (call it after each page); the runner prints some of these. */
  progress(counts: Counts): void;
  /** Something an operator should look at (ids only, never personal data). */
  warn(message: string): void;
}

/**
 * One data migration: a module `NNNN-name.ts` of this folder, listed in registry.ts.
 *
 * `up` must be idempotent and safe to run again after it failed half-way: it is run until it
 * completes, and only then recorded. It reads in pages, and writes the new form of an item
 * before (or in the same transaction as) it removes the old one, so that at every moment each
 * item is whole in one form or the other. See docs/architecture.md, "Migrations".
 */
export interface Migration {
  /** 1, 2, 3…: the order they run in, without gaps */
  number: number;
  /** the file name without its number: "agent-time-keys" */
  name: string;
  /** what it changes and why, for the record and the logs */
  description: string;
  up(context: MigrationContext): Promise<Counts>;
}

/** What the runner reports: a migration's progress (`done: false`) or its end. */
export interface ProgressEvent {
  number: number;
  name: string;
  counts: Counts;
  done: boolean;
}
