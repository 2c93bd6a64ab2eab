import { agentTimeKeys } from "./0001-agent-time-keys";
import { placeBusyTime } from "./0002-place-busy-time";
import { appointmentVersions } from "./0003-appointment-versions";
import type { Migration } from "./types";

/**
 * Every data migration, in the order they run (numbered 1, 2, 3…, each in its own file
 * `NNNN-name.ts`). Add new ones at the end and raise LATEST_MIGRATION (latest.ts) with them; never
 * change or remove one that a stage may have applied. See docs/architecture.md, "Migrations".
 */
export const migrations: readonly Migration[] = [agentTimeKeys, placeBusyTime, appointmentVersions];
