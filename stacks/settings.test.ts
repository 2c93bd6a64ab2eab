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
      limits: { upcomingPerNumberPerService: 2, smsPerNumberPerDay: 5, emailsPerAddressPerDay: 5, waitlistEntriesPerNumber: 3, bookingsPerClientPerHour: 10, searchesPerClientPerMinute: 120, apiRequestsPerKeyPerMinute: 600 },
      callListDays: 3,
      passwordSignIn: true,
    });
  });

  it("takes ProConnect's issuer and client id, and refuses password sign-in off without ProConnect", () => {
    stageFile("d59", { ...valid, proConnect: { issuer: "https://proconnect.example.gouv.fr/api/v2", clientId: "rdv-59" }, passwordSignIn: false });
    expect(loadStage("d59", root).settings).toMatchObject({
      proConnect: { issuer: "https://proconnect.example.gouv.fr/api/v2", clientId: "rdv-59", scope: "openid email given_name usual_name" },
      passwordSignIn: false,
    });
    stageFile("d58", { ...valid, passwordSignIn: false });
    expect(() => loadStage("d58", root)).toThrow("config/stages/d58.json: passwordSignIn: false demande proConnect");
    stageFile("d57", { ...valid, proConnect: { issuer: "ftp://proconnect.example.gouv.fr", clientId: "" } });
    expect(() => loadStage("d57", root)).toThrow("config/stages/d57.json: proConnect.issuer: adresse http(s) de l'émetteur OIDC; proConnect.clientId:");
  });

  it("takes the public limits from the stage file, field by field, and names a bad one", () => {
    stageFile("d64", { ...valid, limits: { bookingsPerClientPerHour: 30 } });
    expect(loadStage("d64", root).settings.limits).toEqual({ upcomingPerNumberPerService: 2, smsPerNumberPerDay: 5, emailsPerAddressPerDay: 5, waitlistEntriesPerNumber: 3, bookingsPerClientPerHour: 30, searchesPerClientPerMinute: 120, apiRequestsPerKeyPerMinute: 600 });
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

  describe("reminder wording trials", () => {
    const file = join(root, "config", "departement.json");
    writeFileSync(
      file,
      JSON.stringify({
        places: [{ name: "Maison départementale des solidarités d'Arras", shortName: "MDS Arras" }, { name: "Centre social de la Porte Nord de Liévin", shortName: "CS Porte Nord Liévin" }],
        services: [{ name: "Protection maternelle et infantile", shortName: "PMI" }],
      }),
    );
    const trial = (texts: string[]) => ({
      ...valid,
      production: true,
      domain: "rdv.pas-de-calais.fr",
      departmentFile: "config/departement.json",
      reminderTrial: { id: "rappel-2027", texts: texts.map((text, i) => ({ id: `t${i + 1}`, text })) },
    });

    it("accepts texts that fit one GSM-7 segment with the longest place name", () => {
      stageFile("d70", trial(["Rappel : {rdv} le {date}, {lieu}. Pour annuler ou déplacer : {lien}", "N'oubliez pas : {rdv} {date_courte}, {lieu}. Vous ne pouvez pas venir ? {lien}"]));
      expect(loadStage("d70", root).settings.reminderTrial?.texts.map((t) => t.id)).toEqual(["t1", "t2"]);
    });

    it("refuses a text of two segments, naming the setting and the place that makes it long", () => {
      stageFile("d71", trial([
        "Rappel : {rdv} le {date}, {lieu}. Pour annuler ou déplacer : {lien}",
        "Bonjour, nous vous rappelons votre {rdv} prévu le {date}, {lieu}. Si vous ne pouvez pas venir, merci de nous prévenir : {lien}",
      ]));
      expect(() => loadStage("d71", root)).toThrow(
        "config/stages/d71.json: reminderTrial.texts[1].text: 2 SMS au lieu d'un (216 caractères sur 160) avec le lieu le plus long (« CS Porte Nord Liévin ») : raccourcissez le texte, ou donnez un nom court (shortName) aux lieux",
      );
      // a text that fits with the short names, against a file whose long place has none
      writeFileSync(join(root, "config", "sans-nom-court.json"), JSON.stringify({ places: [{ name: "Centre social de la Porte Nord de Liévin" }], services: [{ name: "PMI" }] }));
      stageFile("d77", { ...trial(["Rappel : {rdv} le {date}, {lieu}. Pour annuler ou déplacer : {lien}", "Rappel : {rdv} {date_courte}, {lieu}. {lien}"]), departmentFile: "config/sans-nom-court.json" });
      expect(() => loadStage("d77", root)).toThrow(
        "config/stages/d77.json: reminderTrial.texts[0].text: 2 SMS au lieu d'un (177 caractères sur 160) avec le lieu le plus long (« Centre social de la Porte Nord de Liévin ») : raccourcissez le texte, ou donnez un nom court (shortName) aux lieux",
      );
    });

    it("refuses a character outside GSM-7, naming the setting", () => {
      stageFile("d72", trial(["Rappel : {rdv} le {date}, {lieu}. {lien}", "Rappel : {rdv} le {date}, {lieu}. Empeché ? Prévenez-nous : {lien}"]));
      stageFile("d73", trial(["Rappel : {rdv} le {date}, {lieu}. {lien}", "Rappel : {rdv} le {date}, {lieu}. Vous êtes empêché ? {lien}"]));
      expect(loadStage("d72", root).settings.reminderTrial?.texts).toHaveLength(2);
      expect(() => loadStage("d73", root)).toThrow(
        "config/stages/d73.json: reminderTrial.texts[1].text: caractères hors de l'alphabet des SMS (GSM-7) : « ê » ; un seul ferait passer le SMS à 70 caractères",
      );
    });

    it("refuses unknown or missing placeholders, a single text, and a trial without its département file", () => {
      stageFile("d74", trial(["Rappel {rdv} {date} {lieu} {lien}", "Rappel {rdv} {heure} {lieu}"]));
      expect(() => loadStage("d74", root)).toThrow(
        "config/stages/d74.json: reminderTrial.texts[1].text: repère inconnu : {heure} (repères : {rdv}, {date}, {date_courte}, {lieu}, {lien})",
      );
      stageFile("d75", trial(["Rappel {rdv} {date} {lieu} {lien}"]));
      expect(() => loadStage("d75", root)).toThrow("config/stages/d75.json: reminderTrial.texts: deux textes au moins");
      stageFile("d76", { ...trial(["Rappel {rdv} {date} {lieu} {lien}", "Rappel : {rdv} {date} {lieu} {lien}"]), departmentFile: undefined });
      expect(() => loadStage("d76", root)).toThrow("config/stages/d76.json: departmentFile: obligatoire avec reminderTrial");
    });
  });

  it("accepts the committed stage files", () => {
    const repo = join(import.meta.dirname, "..");
    expect(loadStage("demo", repo).settings.production).toBe(false);
    expect(loadStage("example", repo).settings).toMatchObject({ production: true, domain: "rdv.example.re" });
  });
});
