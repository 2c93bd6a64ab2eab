import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FolderError, checkOutFolder, writeFolder } from "./output-folder";

const files = [
  { name: "departement.json", body: Buffer.from("{}\n") },
  { name: "rendez-vous.csv", body: Buffer.from("a;b\n") },
];

function parent(): string {
  return mkdtempSync(join(tmpdir(), "rdv-out-"));
}

describe("export folder", () => {
  it("writes a new folder, readable by its owner only, and leaves no staging folder", () => {
    const dir = parent();
    writeFolder(join(dir, "export"), files, false);
    expect(readdirSync(dir)).toEqual(["export"]);
    expect(readdirSync(join(dir, "export")).sort()).toEqual(["departement.json", "rendez-vous.csv"]);
    expect(readFileSync(join(dir, "export", "rendez-vous.csv"), "utf8")).toBe("a;b\n");
    expect(statSync(join(dir, "export")).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, "export", "departement.json")).mode & 0o777).toBe(0o600);
  });

  it("fills an existing empty folder, creates missing parents", () => {
    const dir = parent();
    mkdirSync(join(dir, "empty"));
    writeFolder(join(dir, "empty"), files, false);
    writeFolder(join(dir, "a", "b"), files, false);
    expect(readdirSync(join(dir, "empty")).sort()).toEqual(["departement.json", "rendez-vous.csv"]);
    expect(readdirSync(join(dir, "a", "b")).sort()).toEqual(["departement.json", "rendez-vous.csv"]);
    expect(readdirSync(dir).sort()).toEqual(["a", "empty"]);
  });

  it("refuses a folder that is not empty, or a file, naming --out; --force replaces the export's files and keeps the others", () => {
    const dir = parent();
    const out = join(dir, "export");
    mkdirSync(out);
    writeFileSync(join(out, "notes.txt"), "mine");
    writeFileSync(join(out, "departement.json"), "old");
    expect(() => checkOutFolder(out, false)).toThrow(new FolderError(`--out ${out} : le dossier n'est pas vide. Choisissez un dossier nouveau ou vide, ou ajoutez --force pour y remplacer les fichiers de l'export.`));
    expect(() => writeFolder(out, files, false)).toThrow(FolderError);
    expect(readFileSync(join(out, "departement.json"), "utf8")).toBe("old");
    expect(() => checkOutFolder(join(out, "notes.txt"), true)).toThrow(`--out ${join(out, "notes.txt")} : ce chemin est un fichier, pas un dossier.`);

    writeFolder(out, files, true);
    expect(readdirSync(out).sort()).toEqual(["departement.json", "notes.txt", "rendez-vous.csv"]);
    expect(readFileSync(join(out, "departement.json"), "utf8")).toBe("{}\n");
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine");
    expect(readdirSync(dir)).toEqual(["export"]);
  });

  it("a failure while writing leaves no file: neither the folder nor the staging one", () => {
    const dir = parent();
    // the second file cannot be written (its name points into a folder that does not exist)
    const failing = [files[0]!, { name: join("missing", "rendez-vous.csv"), body: Buffer.from("x") }];
    expect(() => writeFolder(join(dir, "export"), failing, false)).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);

    const out = join(dir, "kept");
    mkdirSync(out);
    writeFileSync(join(out, "departement.json"), "old");
    expect(() => writeFolder(out, failing, true)).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual(["kept"]);
    expect(readdirSync(out)).toEqual(["departement.json"]);
    expect(readFileSync(join(out, "departement.json"), "utf8")).toBe("old");
  });
});
