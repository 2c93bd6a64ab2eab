/**
 * Data migrations of the table: versioned, applied in order, each recorded once it completed
 * (the `migration` item). Run on every deploy by a CloudFormation custom resource
 * (functions/src/migrations.ts, stacks/Migrations.ts), and by the local stack before it serves.
 */
export { LATEST_MIGRATION } from "./latest";
export { migrations } from "./registry";
export { assertOrdered, run, state, type HistoryEntry, type RunOptions, type RunResult, type State } from "./runner";
export { CustomResourceProperties, CustomResourceRequest } from "./custom-resource";
export type { Counts, Migration, MigrationContext, ProgressEvent } from "./types";
