import type { PutItem } from "../db/batch";
import { NotFoundError } from "../error";
import { DepartmentEntity } from "./department.entity";

export interface Info {
  code: string;
  name: string;
  timezone: string;
  whitMondayWorked: boolean;
}

const CACHE_MS = 60_000;
let cached: { info: Info; table: string | undefined; at: number } | undefined;

/**
 * The département this stage serves, as loaded by the last import. Read once a minute at most
 * per process: it changes only on import, and every slot search needs it.
 */
export async function get(): Promise<Info> {
  const table = process.env.RDV_TABLE;
  if (cached && cached.table === table && Date.now() - cached.at < CACHE_MS) return cached.info;
  const result = await DepartmentEntity.get({}).go();
  if (!result.data) throw new NotFoundError("department.not_loaded", "Aucun département n'est chargé.");
  const { code, name, timezone, whitMondayWorked } = result.data;
  cached = { info: { code, name, timezone, whitMondayWorked }, table, at: Date.now() };
  return cached.info;
}

/** The stored département, uncached, or null before the first import. */
export async function stored() {
  return (await DepartmentEntity.get({}).go()).data;
}

/** Saves the département (import) and forgets this process's cached copy. */
export async function save(info: PutItem<typeof DepartmentEntity>): Promise<void> {
  await DepartmentEntity.put(info).go();
  forgetCached();
}

export function forgetCached(): void {
  cached = undefined;
}

/** Whether a département has been loaded into the table. */
export async function isLoaded(): Promise<boolean> {
  const result = await DepartmentEntity.get({}).go();
  return result.data !== null;
}
