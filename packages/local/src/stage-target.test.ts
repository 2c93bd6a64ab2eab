/**
 * A stage resolved from its CloudFormation outputs, offline: the exact DescribeStacks commands
 * sent, the outputs read, and the operator's errors naming the stage and what is missing.
 */
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { recordCommands } from "@rdv/core/testing/record-commands";
import { describe, expect, it } from "vitest";
import { resolveStage, stackName } from "./stage-target";
import { deployedOutputs, pasDeCalais, recordedAws, stageRoot } from "./testing/recorded-stage";

const root = stageRoot({
  d62: { ...pasDeCalais, domain: "rdv.example.fr" },
  test62: pasDeCalais,
});

describe("a stage's table, site, secret and e-mail identity, from its stacks' outputs", () => {
  it("asks CloudFormation for the Database, Web and Sms stacks of the stage, in that order, and reads their outputs", async () => {
    const outputs = deployedOutputs("d62", { tableName: "d62-rdv-Table-1A2B3C", domain: "rdv.example.fr" });
    const aws = recordedAws(outputs, "secret");
    const target = await resolveStage("d62", { cloudFormation: aws.cloudFormation, root });
    expect(aws.calls.cloudFormation).toEqual([
      { command: "DescribeStacksCommand", input: { StackName: "d62-rdv-Database" } },
      { command: "DescribeStacksCommand", input: { StackName: "d62-rdv-Web" } },
      { command: "DescribeStacksCommand", input: { StackName: "d62-rdv-Sms" } },
    ]);
    expect(target).toEqual({
      stage: "d62",
      region: "eu-west-3",
      settings: expect.objectContaining({ department: { ...pasDeCalais.department, whitMondayWorked: false }, domain: "rdv.example.fr" }),
      settingsFile: "config/stages/d62.json",
      tableName: "d62-rdv-Table-1A2B3C",
      siteUrl: "https://rdv.example.fr",
      tokenSecretArn: "arn:aws:secretsmanager:eu-west-3:123456789012:secret:rdv/d62/manage-token-secret-AbCdEf",
      emailFrom: "ne-pas-repondre@rdv.example.fr",
      outputs: {
        Database: outputs["d62-rdv-Database"],
        Web: outputs["d62-rdv-Web"],
        Sms: outputs["d62-rdv-Sms"],
      },
    });
  });

  it("takes the region from --region, and has no sender without a domain", async () => {
    const aws = recordedAws(deployedOutputs("test62", { tableName: "t" }), "secret");
    const target = await resolveStage("test62", { region: "eu-west-1", cloudFormation: aws.cloudFormation, root });
    expect(target.region).toBe("eu-west-1");
    expect(target.emailFrom).toBeUndefined();
    expect(target.siteUrl).toBe("https://d1234abcd.cloudfront.net");
  });

  it("says when the stage is not deployed in that region", async () => {
    const aws = recordedAws({}, "secret");
    await expect(resolveStage("d62", { cloudFormation: aws.cloudFormation, root })).rejects.toThrow(
      "La stage « d62 » n'est pas déployée dans la région eu-west-3 : pile d62-rdv-Database introuvable. Déployez-la (npx sst deploy --stage d62), ou donnez sa région avec --region.",
    );
  });

  it("says which output is missing from which stack (a stage deployed by an older version)", async () => {
    const outputs = deployedOutputs("d62", { tableName: "t", domain: "rdv.example.fr" });
    delete outputs["d62-rdv-Sms"]!.ManageTokenSecretArn;
    await expect(resolveStage("d62", { cloudFormation: recordedAws(outputs, "s").cloudFormation, root })).rejects.toThrow(
      "La pile d62-rdv-Sms de la stage « d62 » (état UPDATE_COMPLETE) n'a pas la sortie ManageTokenSecretArn : redéployez la stage avec cette version (npx sst deploy --stage d62).",
    );
    const noSender = deployedOutputs("d62", { tableName: "t" }); // deployed before the domain was set
    await expect(resolveStage("d62", { cloudFormation: recordedAws(noSender, "s").cloudFormation, root })).rejects.toThrow(
      "config/stages/d62.json donne le domaine rdv.example.fr, mais la pile d62-rdv-Sms n'a pas de sortie EmailFrom : redéployez la stage (npx sst deploy --stage d62).",
    );
  });

  it("says when there are no AWS credentials, and when the stage has no settings file", async () => {
    const cloudFormation = new CloudFormationClient({ region: "eu-west-3", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
    recordCommands(cloudFormation, () => Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
    await expect(resolveStage("d62", { cloudFormation, root })).rejects.toThrow(
      "Aucun identifiant AWS trouvé pour lire la stage « d62 » : connectez-vous au compte du département (aws sso login, AWS_PROFILE=…) puis relancez.",
    );
    await expect(resolveStage("d75", { cloudFormation, root })).rejects.toThrow(
      'config/stages/d75.json: fichier introuvable (copiez config/stages/example.json et adaptez-le pour la stage "d75")',
    );
    expect(stackName("pas-de-calais", "Database")).toBe("pas-de-calais-rdv-Database");
  });
});
