import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as DepartmentFile from "@rdv/core/department-file";
import { everyKindDepartment } from "@rdv/core/testing/department-fixture";
import { repoRoot } from "./repo-root";
import { localClient } from "./stack";
import { ensureTable } from "./table";

/** Runs one of the package's commands as `npm run` does, against this test file's DynamoDB Local. */
function run(script: "export-cli.ts" | "import-cli.ts", args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot(), "packages", "local", "src", script), ...args], {
    cwd: repoRoot(),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

const NAMES = ["departement.json", "rendez-vous.csv", "usagers.csv"];
const read = (dir: string) => Object.fromEntries(NAMES.map((name) => [name, readFileSync(join(dir, name))]));

let work: string;
beforeAll(async () => {
  await DepartmentFile.load(everyKindDepartment());
  work = mkdtempSync(join(tmpdir(), "rdv-export-"));
});

describe("npm run export", () => {
  it("writes the three files, prints progress and a summary; loaded into an empty table by npm run import, it exports the same bytes", async () => {
    const first = join(work, "first");
    const exported = await run("export-cli.ts", ["--out", first]);
    expect(exported.stderr).toContain("  lu : organisations 2, services 2\n");
    expect(exported.stderr).toContain("  lu : usagers 3\n");
    expect(exported.stdout).toBe(
      `Export terminé (base locale configurée) : ${first}\n` +
        "  departement.json : organisations 2, services 2, lieux 2, motifs 5, agents 3, plages d'ouverture 4, absences 3, rendez-vous 7\n" +
        "  rendez-vous.csv : 7 rendez-vous\n" +
        "  usagers.csv : 3 usagers\n",
    );
    expect(exported.code).toBe(0);
    expect(readdirSync(first).sort()).toEqual(NAMES);
    expect(readdirSync(work)).toEqual(["first"]);

    // a second table of the same DynamoDB Local, empty
    const table = `${process.env.RDV_TABLE}-b`;
    const client = localClient(process.env.RDV_DYNAMODB_ENDPOINT!);
    await ensureTable(client, table);
    client.destroy();
    const imported = await run("import-cli.ts", [join(first, "departement.json"), "--json"], { RDV_TABLE: table });
    expect(imported.stderr).toBe("");
    expect(JSON.parse(imported.stdout)).toMatchObject({ organisations: 2, appointments: 7 });
    const second = join(work, "second");
    const again = await run("export-cli.ts", ["--out", second, "--json"], { RDV_TABLE: table });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ out: second, written: { appointmentRows: 7, serviceUserRows: 3 }, notes: { appointmentsLeftOut: [], seatsLeftOut: [], serviceUsersLeftOut: [], agentsSimplified: [] } });
    expect(read(second)).toEqual(read(first));
    expect(readFileSync(join(first, "rendez-vous.csv")).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  }, 180_000);

  it("refuses a folder that is not empty (unless --force), names the flag, and writes nothing", async () => {
    const out = join(work, "busy");
    mkdirSync(out);
    writeFileSync(join(out, "departement.json"), "old");
    const refused = await run("export-cli.ts", ["--out", out]);
    expect(refused).toMatchObject({ code: 2, stdout: "" });
    expect(refused.stderr).toBe(`--out ${out} : le dossier n'est pas vide. Choisissez un dossier nouveau ou vide, ou ajoutez --force pour y remplacer les fichiers de l'export.\n`);
    expect(readFileSync(join(out, "departement.json"), "utf8")).toBe("old");

    const forced = await run("export-cli.ts", ["--out", out, "--force", "--json"]);
    expect(forced.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(NAMES);
    expect(DepartmentFile.validate(JSON.parse(readFileSync(join(out, "departement.json"), "utf8"))).appointments).toHaveLength(7);
  }, 120_000);

  it("a failed export writes nothing: an empty table, an unknown flag, a stage that has no settings file", async () => {
    const table = `${process.env.RDV_TABLE}-empty`;
    const client = localClient(process.env.RDV_DYNAMODB_ENDPOINT!);
    await ensureTable(client, table);
    client.destroy();
    const out = join(work, "never");
    const empty = await run("export-cli.ts", ["--out", out], { RDV_TABLE: table });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("Aucun département n'est chargé dans cette base : rien à exporter. Rien n'a été écrit.\n");

    const unknown = await run("export-cli.ts", ["--out", out, "--fast"]);
    expect(unknown).toMatchObject({ code: 2, stderr: "option inconnue : --fast\nUsage : npm run export -- --out DOSSIER [--force] [--stage NOM [--region RÉGION]] [--json]\n" });

    // a stage without its settings file is refused before any AWS call (the resolution itself is tested with the import's)
    const stage = await run("export-cli.ts", ["--stage", "sans-fichier", "--out", out]);
    expect(stage).toMatchObject({ code: 1, stdout: "" });
    expect(stage.stderr).toContain("sans-fichier");
    expect(stage.stderr).toContain("Rien n'a été écrit.\n");

    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((name) => name.startsWith("."))).toEqual([]);
  }, 120_000);
});
