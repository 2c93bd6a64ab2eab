import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { adoptOlderDatabaseFolders, persistentDbPath } from "./stack";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A .data folder holding the named database folders, each with a file saying which it is. */
function dataDir(...folders: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "rdv-data-"));
  dirs.push(dir);
  for (const folder of folders) {
    mkdirSync(join(dir, folder));
    writeFileSync(join(dir, folder, "shared-local-instance.db"), folder);
  }
  return dir;
}
const holds = (dir: string, folder: string) => readFileSync(join(dir, folder, "shared-local-instance.db"), "utf8");

describe("the local database folder", () => {
  it("is .data/dynamodb", () => {
    expect(persistentDbPath("/x/.data")).toBe("/x/.data/dynamodb");
  });

  it("adopts the dynamodb-v2 folder of the previous versions", () => {
    const dir = dataDir("dynamodb-v2");
    expect(adoptOlderDatabaseFolders(dir)).toEqual([`${join(dir, "dynamodb-v2")} → ${join(dir, "dynamodb")}`]);
    expect(readdirSync(dir)).toEqual(["dynamodb"]);
    expect(holds(dir, "dynamodb")).toBe("dynamodb-v2");
  });

  it("keeps the older database that dynamodb-v2 replaced, renamed beside it", () => {
    const dir = dataDir("dynamodb", "dynamodb-v2");
    expect(adoptOlderDatabaseFolders(dir)).toHaveLength(2);
    expect(readdirSync(dir).sort()).toEqual(["dynamodb", "dynamodb-before-v2"]);
    expect(holds(dir, "dynamodb")).toBe("dynamodb-v2");
    expect(holds(dir, "dynamodb-before-v2")).toBe("dynamodb");
  });

  it("leaves a lone dynamodb folder as it is, whatever its layout (migrations bring it up to date), and an empty .data alone", () => {
    const dir = dataDir("dynamodb");
    expect(adoptOlderDatabaseFolders(dir)).toEqual([]);
    expect(holds(dir, "dynamodb")).toBe("dynamodb");
    const empty = dataDir();
    expect(adoptOlderDatabaseFolders(empty)).toEqual([]);
    expect(existsSync(join(empty, "dynamodb"))).toBe(false);
  });

  it("moves nothing when it cannot tell which database to keep", () => {
    const dir = dataDir("dynamodb", "dynamodb-v2", "dynamodb-before-v2");
    expect(() => adoptOlderDatabaseFolders(dir)).toThrow(/existent tous trois/);
    for (const folder of ["dynamodb", "dynamodb-v2", "dynamodb-before-v2"]) expect(holds(dir, folder)).toBe(folder);
  });
});
