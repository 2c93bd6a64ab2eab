import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { departmentFileJsonSchema } from "./json-schema";

describe("département file JSON Schema", () => {
  it("is committed up to date with the zod schema (npm run schema:json)", () => {
    const committed = JSON.parse(readFileSync(new URL("../../../../docs/department-file.schema.json", import.meta.url), "utf8"));
    expect(committed).toEqual(departmentFileJsonSchema());
  });

  it("describes the required collections and formats", () => {
    const schema = departmentFileJsonSchema() as { required: string[]; properties: Record<string, { items?: { required?: string[] } }> };
    expect(schema.required).toEqual(["version", "department"]);
    expect(schema.properties.motifs?.items?.required).toEqual(["id", "serviceId", "organisationId", "name", "durationMinutes", "locationType"]);
  });
});
