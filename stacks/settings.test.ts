import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { loadStage } from "./settings";

const root = mkdtempSync(join(tmpdir(), "rdv-stage-"));
mkdirSync(join(root, "config", "stages"), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.RDV_STAGE_FILE;
});

const valid = {
  department: { code: "62", name: "Pas-de-Calais", timezone: "Europe/Paris" },
  smsSenderName: "RDV62",
  production: false,
};

function stageFile(stage: string, content: unknown): void {
  writeFileSync(join(root, "config", "stages", `${stage}.json`), typeof content === "string" ? content : JSON.stringify(content));
}

describe("stage settings at synth time", () => {
  it("reads config/stages/<stage>.json and applies the schema's defaults", () => {
    stageFile("pas-de-calais", valid);
    const stage = loadStage("pas-de-calais", root);
    expect(stage.file).toBe("config/stages/pas-de-calais.json");
    expect(stage.settings).toEqual({
      ...valid,
      department: { ...valid.department, whitMondayWorked: false },
      reminderLeadHours: 48,
      quietHours: { start: "21:00", end: "08:00" },
      limits: { upcomingPerNumberPerService: 2, smsPerNumberPerDay: 5, waitlistEntriesPerNumber: 3, bookingsPerClientPerHour: 10, searchesPerClientPerMinute: 120 },
    });
  });

  it("takes the public limits from the stage file, field by field, and names a bad one", () => {
    stageFile("d64", { ...valid, limits: { bookingsPerClientPerHour: 30 } });
    expect(loadStage("d64", root).settings.limits).toEqual({ upcomingPerNumberPerService: 2, smsPerNumberPerDay: 5, waitlistEntriesPerNumber: 3, bookingsPerClientPerHour: 30, searchesPerClientPerMinute: 120 });
    stageFile("d65", { ...valid, limits: { smsPerNumberPerDay: 0 } });
    expect(() => loadStage("d65", root)).toThrow("config/stages/d65.json: limits.smsPerNumberPerDay:");
  });

  it("names the file and the field of a bad value", () => {
    stageFile("d62", { ...valid, smsSenderName: "RDV-Pas-de-Calais" });
    expect(() => loadStage("d62", root)).toThrow(
      "config/stages/d62.json: smsSenderName: 3 à 11 lettres ou chiffres, en commençant par une lettre",
    );
  });

  it("names nested fields and every field at fault", () => {
    stageFile("d63", { ...valid, department: { ...valid.department, code: "99" }, production: "yes", domain: "not a domain" });
    const error = (() => {
      try {
        loadStage("d63", root);
      } catch (caught) {
        return (caught as Error).message;
      }
      return "";
    })();
    expect(error).toMatch(/^config\/stages\/d63\.json: /);
    expect(error).toContain("department.code: ");
    expect(error).toContain("production: ");
    expect(error).toContain("domain: nom de domaine invalide");
  });

  it("refuses a stage name that does not start with a letter", () => {
    expect(() => loadStage("974", root)).toThrow(/^stage "974": commence par une lettre/);
    expect(() => loadStage("Pas_de_Calais", root)).toThrow(/^stage "Pas_de_Calais"/);
  });

  it("says which file is missing, and that it is JSON when it is not", () => {
    expect(() => loadStage("nowhere", root)).toThrow("config/stages/nowhere.json: fichier introuvable");
    stageFile("broken", "{ not json");
    expect(() => loadStage("broken", root)).toThrow(/^config\/stages\/broken\.json: JSON invalide/);
  });

  it("reads the file named by RDV_STAGE_FILE instead", () => {
    const other = join(root, "elsewhere.json");
    writeFileSync(other, JSON.stringify({ ...valid, production: true }));
    process.env.RDV_STAGE_FILE = other;
    expect(loadStage("anything", root)).toMatchObject({ file: "elsewhere.json", settings: { production: true } });
  });

  it("accepts the committed stage files", () => {
    const repo = join(import.meta.dirname, "..");
    expect(loadStage("demo", repo).settings.production).toBe(false);
    expect(loadStage("example", repo).settings).toMatchObject({ production: true, domain: "rdv.example.re" });
  });
});
