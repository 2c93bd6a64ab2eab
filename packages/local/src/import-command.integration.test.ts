/**
 * `npm run import` end to end, in process: the `--stage` path with a recorded deployment (its
 * CloudFormation outputs, its secret, SES) writing into a table of DynamoDB Local that only the
 * outputs name, and the local path on this file's own table. Core is imported afresh for each
 * command run (vi.resetModules), as in a real run where it is first imported after the command
 * has configured the process for its target.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as ManageToken from "@rdv/core/manage-token";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import { tableSnapshot } from "@rdv/core/testing/table";
import type { DepartmentFileInput } from "@rdv/core/schema";
import type { CommandDeps } from "./cli-target";
import { runImport } from "./import-command";
import { localClient } from "./stack";
import { ensureTable } from "./table";
import { deployedOutputs, pasDeCalais, recordedAws, stageRoot, type RecordedAws } from "./testing/recorded-stage";

const SECRET = "secret-of-the-stage-d62-0123456789abcdef";
const ENV = { ...process.env };
const endpoint = process.env.RDV_DYNAMODB_ENDPOINT!;
const localTable = process.env.RDV_TABLE!;
const stageTable = `d62-rdv-Table-${randomUUID().slice(0, 8)}`;
const dir = mkdtempSync(join(tmpdir(), "rdv-import-"));
const root = stageRoot({
  d62: { ...pasDeCalais, domain: "rdv.example.fr" },
  nodomain: pasDeCalais,
  nord: { ...pasDeCalais, department: { code: "59", name: "Nord", timezone: "Europe/Paris" }, smsSenderName: "RDV59" },
});
const stacks = {
  ...deployedOutputs("d62", { tableName: stageTable, domain: "rdv.example.fr" }),
  ...deployedOutputs("nodomain", { tableName: stageTable }),
  ...deployedOutputs("nord", { tableName: stageTable }),
};

beforeAll(async () => {
  const client = localClient(endpoint);
  await ensureTable(client, stageTable);
  client.destroy();
});

afterEach(() => {
  process.env = { ...ENV };
});

function file(name: string, content: DepartmentFileInput): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

/** Runs the command as `npm run import -- …args` would, with the recorded AWS; returns its exit code and lines. */
async function run(args: string[], aws: RecordedAws = recordedAws(stacks, SECRET)) {
  vi.resetModules();
  const out: string[] = [];
  const err: string[] = [];
  const deps: CommandDeps = { out: (l) => out.push(l), err: (l) => err.push(l), ...aws, dynamodbEndpoint: endpoint, root };
  const code = await runImport(args, deps);
  const table = process.env.RDV_TABLE;
  process.env = { ...ENV };
  return { code, out, err, aws, table };
}

const onStage = () => tableSnapshotOf(stageTable);
async function tableSnapshotOf(table: string) {
  process.env.RDV_TABLE = table;
  try {
    return await tableSnapshot();
  } finally {
    process.env.RDV_TABLE = localTable;
  }
}

const d62 = smallDepartment("s");

describe("npm run import --stage", () => {
  it("--dry-run: reads the stage's table, writes nothing, says per kind what would be created and whom it would invite", async () => {
    const { code, out, err, aws } = await run([file("d62.json", d62), "--stage", "d62", "--dry-run"]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual([
      `Simulation sur la stage d62 (table ${stageTable}, eu-west-3) : rien n'est écrit.`,
      "  département                        1 à créer",
      "  organisations                      2 à créer",
      "  services                           2 à créer",
      "  lieux                              2 à créer",
      "  motifs                             3 à créer",
      "  agents                             2 à créer",
      "  rattachements d'agents             3 à créer",
      "  plages d'ouverture                 2 à créer",
      "  absences                           1 à créer",
      "  communes desservies                3 à créer",
      "  rendez-vous                        1 à créer",
      "  participations                     1 à créer",
      "  usagers                            1 à créer",
      "  fiches usagers (par organisation)  1 à créer",
      "  compteurs de statistiques          1 à créer",
      "  journées d'agenda (temps occupé)   1 à créer",
      "  lieux de travail des agents        2 à créer",
      "  agents couverts par lieu           2 à créer",
      "Invitations qui seraient envoyées (admins du fichier sans mot de passe ni invitation en cours) : s.bruno@demo.rdv.local",
    ]);
    expect(await onStage()).toEqual([]);
    expect(aws.calls.ses).toEqual([]);
  });

  it("loads the file into the table the stage's outputs name, with the stage's secret, and invites its admins through SES; no agent gets a password", async () => {
    const { code, out, err, aws, table } = await run([file("d62.json", d62), "--stage", "d62"]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(table).toBe(stageTable);
    expect(aws.calls.cloudFormation.map((c) => c.input)).toEqual([{ StackName: "d62-rdv-Database" }, { StackName: "d62-rdv-Web" }, { StackName: "d62-rdv-Sms" }]);
    expect(aws.calls.secretsManager).toEqual([{ command: "GetSecretValueCommand", input: { SecretId: stacks["d62-rdv-Sms"]!.ManageTokenSecretArn } }]);
    const until = out.at(-1)!.match(/\(jusqu'au (\d{4}-\d{2}-\d{2})\)/)?.[1];
    expect(out).toEqual([
      `Import de ${join(dir, "d62.json")} dans la stage d62 (table ${stageTable}, eu-west-3) :`,
      "  organisations          2",
      "  services               2",
      "  lieux                  2",
      "  motifs                 3",
      "  agents                 2",
      "  plages d'ouverture     2",
      "  absences               1",
      "  communes desservies    3",
      "  rendez-vous            1",
      "Import terminé.",
      "Invitations (admins du fichier sans mot de passe ni invitation en cours), liens valables 7 jours :",
      `  envoyée à s.bruno@demo.rdv.local (jusqu'au ${until})`,
    ]);
    expect(until).toBe(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));

    const items = await onStage();
    expect(await tableSnapshotOf(localTable)).not.toContainEqual(expect.objectContaining({ agentId: "s-bruno" }));
    const agents = items.filter((item) => item.__edb_e__ === "agent");
    expect(agents.map((a) => [a.agentId, a.passwordHash])).toEqual([["s-alice", undefined], ["s-bruno", undefined]]);
    const participation = items.find((item) => item.__edb_e__ === "participation")!;
    expect(participation.tokenHash).toBe(ManageToken.hash(ManageToken.derive("s-rdv-1.s-usager-1", 1, SECRET)));

    expect(aws.calls.ses).toHaveLength(1);
    const sent = aws.calls.ses[0]!.input as { FromEmailAddress: string; Destination: unknown; Content: { Simple: { Body: { Text: { Data: string } } } } };
    expect(sent.FromEmailAddress).toBe("ne-pas-repondre@rdv.example.fr");
    expect(sent.Destination).toEqual({ ToAddresses: ["s.bruno@demo.rdv.local"] });
    expect(sent.Content.Simple.Body.Text.Data).toMatch(/\nhttps:\/\/rdv\.example\.fr\/agent\/invitation\/[A-Za-z0-9_-]{43}\n/);
  });

  it("loading the same file again writes the same data and sends no second invitation; --invite-all invites the other agents", async () => {
    const before = await onStage();
    const again = await run([file("d62.json", d62), "--stage", "d62"]);
    expect(again.code).toBe(0);
    expect(again.out.slice(-2)).toEqual(["  aucune à envoyer", "  déjà un mot de passe : 0 ; invitation en cours : 1"]);
    expect(again.aws.calls.ses).toEqual([]);
    const after = await onStage();
    expect(after.filter((i) => i.__edb_e__ !== "invitation")).toEqual(before.filter((i) => i.__edb_e__ !== "invitation"));

    const all = await run([file("d62.json", d62), "--stage", "d62", "--invite-all"]);
    expect(all.code).toBe(0);
    expect(all.aws.calls.ses.map((c) => (c.input as { Destination: { ToAddresses: string[] } }).Destination.ToAddresses)).toEqual([["s.alice@demo.rdv.local"]]);
  });

  it("refuses a file whose département is not the stage's: exit 1, both codes named, nothing written", async () => {
    const before = await onStage();
    const { code, out, err, aws } = await run([file("d62.json", d62), "--stage", "nord"]);
    expect(code).toBe(1);
    expect(err).toEqual(["Le fichier concerne un autre département. Rien n'a été écrit.", "  department.code: la stage nord sert le département 59 ; ce fichier est celui du 62"]);
    expect(out).toEqual([`Import de ${join(dir, "d62.json")} dans la stage nord (table ${stageTable}, eu-west-3) :`]);
    expect(await onStage()).toEqual(before);
    expect(aws.calls.ses).toEqual([]);
  });

  it("on a stage without a domain: imports, sends nothing, and says what to do", async () => {
    const other = smallDepartment("n");
    const { code, out, aws } = await run([file("n.json", other), "--stage", "nodomain"]);
    expect(code).toBe(0);
    expect(aws.calls.ses).toEqual([]);
    expect(out.at(-1)).toBe(
      [
        `Aucune invitation envoyée : la stage nodomain n'a pas de domaine (champ "domain" de config/stages/nodomain.json), donc pas d'identité SES pour envoyer des e-mails.`,
        "  admins du fichier sans mot de passe ni invitation : n.bruno@demo.rdv.local",
        `  Pour inviter : ajoutez "domain" à config/stages/nodomain.json, redéployez (npx sst deploy --stage nodomain), publiez les enregistrements DKIM (docs/deploy.md),`,
        "  puis relancez l'import, ou : npm run invite -- --stage nodomain <e-mail>",
      ].join("\n"),
    );
    expect((await onStage()).filter((i) => i.__edb_e__ === "invitation" && String(i.email).startsWith("n."))).toEqual([]);
  });

  it("names the stage that is not deployed, a broken file's fields, and a bad command line, writing nothing", async () => {
    const before = await onStage();
    const missing = await run([file("d62.json", d62), "--stage", "d62", "--region", "eu-west-1"], recordedAws({}, SECRET));
    expect(missing.code).toBe(1);
    expect(missing.err).toEqual([
      "La stage « d62 » n'est pas déployée dans la région eu-west-1 : pile d62-rdv-Database introuvable. Déployez-la (npx sst deploy --stage d62), ou donnez sa région avec --region.\nRien n'a été écrit.",
    ]);

    const broken = smallDepartment("s");
    broken.motifs![0]!.durationMinutes = 7;
    const invalid = await run([file("broken.json", broken), "--stage", "d62"]);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toEqual(["Le fichier du département est invalide. Rien n'a été écrit.", "  motifs[0].durationMinutes: multiple de 5 minutes attendu"]);

    for (const [args, message] of [
      [["d62.json", "--stage"], "--stage : une valeur est attendue (--stage <valeur>)"],
      [["d62.json", "--dryrun"], "option inconnue : --dryrun"],
      [["d62.json", "--region", "eu-west-1"], "--region ne sert qu'avec --stage"],
      [[], "le fichier du département est attendu"],
    ] as const) {
      const usage = await run([...args]);
      expect(usage.code, message).toBe(2);
      expect(usage.err).toEqual([`${message}\nUsage : npm run import -- FICHIER.json [--stage NOM [--region RÉGION]] [--dry-run] [--invite | --invite-all]`]);
    }
    expect(await onStage()).toEqual(before);
  });
});

describe("npm run import, locally", () => {
  it("--dry-run works without a stage: this database, nothing written", async () => {
    const local = smallDepartment("loc");
    const before = await tableSnapshotOf(localTable);
    const { code, out } = await run([file("loc.json", local), "--dry-run"]);
    expect(code).toBe(0);
    expect(out[0]).toBe("Simulation sur la base locale configurée : rien n'est écrit.");
    expect(out).toContain("  organisations                      2 à créer");
    expect(await tableSnapshotOf(localTable)).toEqual(before);
  });

  it("gives agents no password, and invites admins into the outbox only when asked (--invite)", async () => {
    const local = smallDepartment("loc");
    const plain = await run([file("loc.json", local)]);
    expect(plain.code).toBe(0);
    expect(plain.out.at(-1)).toBe("Import terminé.");
    const invited = await run([file("loc.json", local), "--invite"]);
    expect(invited.out.slice(-3, -1)).toEqual([
      "Invitations (admins du fichier sans mot de passe ni invitation en cours), liens valables 7 jours :",
      expect.stringMatching(/^ {2}envoyée à loc\.bruno@demo\.rdv\.local \(jusqu'au \d{4}-\d{2}-\d{2}\)$/),
    ]);
    const items = await tableSnapshotOf(localTable);
    expect(items.filter((i) => i.__edb_e__ === "agent").map((a) => [a.agentId, a.passwordHash])).toEqual([["loc-alice", undefined], ["loc-bruno", undefined]]);
    expect(items.filter((i) => i.__edb_e__ === "outbox").map((m) => [m.to, m.subject])).toEqual([["loc.bruno@demo.rdv.local", "Votre compte RDV, l'agenda des services du département"]]);
  });
});
