import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LATEST_MIGRATION } from "./latest";
import { migrations } from "./registry";
import { assertOrdered } from "./runner";

describe("migration registry", () => {
  it("lists every migration file of the folder, numbered 1, 2, 3… in order, the last one being LATEST_MIGRATION", () => {
    const files = readdirSync(new URL(".", import.meta.url)).filter((file) => /^\d{4}-.*\.ts$/.test(file) && !file.includes(".test."));
    expect(migrations.map((m) => `${String(m.number).padStart(4, "0")}-${m.name}.ts`)).toEqual(files.sort());
    expect(() => assertOrdered(migrations)).not.toThrow();
    expect(migrations.at(-1)?.number).toBe(LATEST_MIGRATION);
    for (const migration of migrations) expect(migration.description.length, migration.name).toBeGreaterThan(20);
  });

  it("refuses a registry with a gap or out of order", () => {
    const m = (number: number) => ({ number, name: `m${number}`, description: "", up: async () => ({}) });
    expect(() => assertOrdered([m(1), m(2), m(3)])).not.toThrow();
    expect(() => assertOrdered([m(2), m(1)])).toThrow(/position 1 holds migration 2/);
    expect(() => assertOrdered([m(1), m(3)])).toThrow(/position 2 holds migration 3/);
  });
});
