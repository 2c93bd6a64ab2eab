// npm run schema:json — writes docs/department-file.schema.json from the zod schema.
import { writeFileSync } from "node:fs";
import { departmentFileJsonSchema } from "../src/schema/json-schema";

const target = new URL("../../../docs/department-file.schema.json", import.meta.url);
writeFileSync(target, JSON.stringify(departmentFileJsonSchema(), null, 2) + "\n");
console.log(`wrote ${target.pathname.split("/").slice(-2).join("/")}`);
