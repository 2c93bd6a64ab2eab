/**
 * `npm run invite` end to end, in process: locally into the outbox, and on a recorded stage
 * through SES (see import-command.integration.test.ts for how the stage is recorded).
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as DepartmentFile from "@rdv/core/department-file";
import * as Outbox from "@rdv/core/outbox";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import { runInvite } from "./invite-command";
import { localClient } from "./stack";
import { ensureTable } from "./table";
import { deployedOutputs, pasDeCalais, recordedAws, stageRoot } from "./testing/recorded-stage";

const ENV = { ...process.env };
const endpoint = process.env.RDV_DYNAMODB_ENDPOINT!;
const stageTable = `d62-rdv-Table-${randomUUID().slice(0, 8)}`;
const root = stageRoot({ d62: { ...pasDeCalais, domain: "rdv.example.fr" }, nodomain: pasDeCalais });
const stacks = { ...deployedOutputs("d62", { tableName: stageTable, domain: "rdv.example.fr" }), ...deployedOutputs("nodomain", { tableName: stageTable }) };
const USAGE = "Usage : npm run invite -- [--stage NOM [--region RÉGION]] ADRESSE-E-MAIL";

beforeAll(async () => {
  await DepartmentFile.load(smallDepartment("iv")); // this file's local table
  const client = localClient(endpoint);
  await ensureTable(client, stageTable);
  client.destroy();
  // core's entities name their table when first imported: a fresh copy for the stage's table
  process.env.RDV_TABLE = stageTable;
  vi.resetModules();
  await (await import("@rdv/core/department-file")).load(smallDepartment("st"));
  process.env = { ...ENV };
});

afterEach(() => {
  process.env = { ...ENV };
});

async function run(args: string[]) {
  vi.resetModules();
  const aws = recordedAws(stacks, "secret-of-the-stage-d62-0123456789abcdef");
  const out: string[] = [];
  const err: string[] = [];
  const code = await runInvite(args, { out: (l) => out.push(l), err: (l) => err.push(l), ...aws, dynamodbEndpoint: endpoint, root });
  process.env = { ...ENV };
  return { code, out, err, ses: aws.calls.ses };
}

const linkOf = (text: string) => /https?:\/\/\S+\/agent\/invitation\/[A-Za-z0-9_-]+/.exec(text)?.[0] ?? "";
const tokenOf = (link: string) => link.split("/").at(-1)!;

describe("npm run invite", () => {
  it("locally: puts a new link in the outbox, the earlier one no longer works", async () => {
    const first = await run(["iv.bruno@demo.rdv.local"]);
    expect(first.code).toBe(0);
    const second = await run(["IV.Bruno@demo.rdv.local"]);
    expect(second.err).toEqual([]);
    expect(second.out).toEqual([
      `Invitation envoyée à iv.bruno@demo.rdv.local (base locale configurée), lien valable jusqu'au ${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}.`,
      "Les liens envoyés avant à cette adresse pour cette organisation ne sont plus valables.",
      "E-mail dans l'outbox locale : https://rdv.example.fr/dev/outbox",
    ]);
    const mails = (await Outbox.list({ limit: 50 })).filter((m) => m.to === "iv.bruno@demo.rdv.local");
    const [latest, earlier] = mails.map((m) => tokenOf(linkOf(m.text)));
    expect(mails).toHaveLength(2);
    await expect(Session.describeInvitation(earlier, new Date())).rejects.toMatchObject({ code: "auth.invitation_invalid" });
    expect(await Session.describeInvitation(latest, new Date())).toEqual({ organisationName: "MDS Arras", account: "new" });
  });

  it("refuses an address no agent has, an agent who already chose a password, and a bad command line", async () => {
    expect(await run(["personne@demo.rdv.local"])).toMatchObject({ code: 1, err: ["Aucun agent n'a l'adresse personne@demo.rdv.local dans cette base. Aucune invitation envoyée."] });
    await Session.setPassword("iv-alice", "un mot de passe solide");
    expect(await run(["iv.alice@demo.rdv.local"])).toMatchObject({
      code: 1,
      err: ["iv.alice@demo.rdv.local a déjà choisi son mot de passe : il se connecte avec, une invitation ne servirait à rien. Aucune invitation envoyée."],
    });
    expect(await run([])).toMatchObject({ code: 2, err: [`l'adresse e-mail de l'agent est attendue\n${USAGE}`] });
    expect(await run(["a@b.fr", "--region", "eu-west-1"])).toMatchObject({ code: 2, err: [`--region ne sert qu'avec --stage\n${USAGE}`] });
  });

  it("--stage: sends the link to the stage's site through its SES identity", async () => {
    const { code, out, err, ses } = await run(["--stage", "d62", "st.alice@demo.rdv.local"]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(new RegExp(`^Invitation envoyée à st\\.alice@demo\\.rdv\\.local \\(stage d62 \\(table ${stageTable}, eu-west-3\\)\\)`));
    expect(ses).toHaveLength(1);
    const input = ses[0]!.input as { FromEmailAddress: string; Destination: unknown; Content: { Simple: { Body: { Text: { Data: string } } } } };
    expect(input.FromEmailAddress).toBe("ne-pas-repondre@rdv.example.fr");
    expect(input.Destination).toEqual({ ToAddresses: ["st.alice@demo.rdv.local"] });
    expect(linkOf(input.Content.Simple.Body.Text.Data)).toMatch(/^https:\/\/rdv\.example\.fr\/agent\/invitation\//);
  });

  it("--stage without a domain: sends nothing and says what to do", async () => {
    const { code, err, ses } = await run(["--stage", "nodomain", "st.alice@demo.rdv.local"]);
    expect(code).toBe(1);
    expect(ses).toEqual([]);
    expect(err[0]).toContain("Aucune invitation envoyée : la stage nodomain n'a pas de domaine");
    expect(err[0]).toContain("invitation demandée pour : st.alice@demo.rdv.local");
  });
});
