import { NotFoundError } from "../error";
import { DepartmentEntity } from "./department.entity";

export interface Info {
  code: string;
  name: string;
  timezone: string;
  whitMondayWorked: boolean;
}

/** The département this stage serves, as loaded by the last import. */
export async function get(): Promise<Info> {
  const result = await DepartmentEntity.get({}).go();
  if (!result.data) throw new NotFoundError("department.not_loaded", "Aucun département n'est chargé.");
  const { code, name, timezone, whitMondayWorked } = result.data;
  return { code, name, timezone, whitMondayWorked };
}

/** Whether a département has been loaded into the table. */
export async function isLoaded(): Promise<boolean> {
  const result = await DepartmentEntity.get({}).go();
  return result.data !== null;
}
