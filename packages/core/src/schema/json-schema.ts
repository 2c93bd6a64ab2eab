import * as z from "zod";
import { DepartmentFileBase } from "./department-file";

/**
 * The JSON Schema of the département file, generated from the zod schema (its one definition),
 * for départements preparing files with their own tools. Cross-references (unknown ids) are
 * checked by `npm run import`, not expressible here.
 */
export function departmentFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(DepartmentFileBase, { io: "input", unrepresentable: "any" }),
    $id: "https://rdv.example/department-file.v1.schema.json",
    title: "Fichier de département RDV (version 1)",
  };
}
