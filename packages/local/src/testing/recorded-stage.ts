/**
 * A deployed stage, recorded: its settings file in a temporary repository root, and AWS clients
 * that answer from records instead of the network (CloudFormation's DescribeStacks with the
 * stacks' outputs, Secrets Manager with the manage-token secret, SES accepting every e-mail).
 * The commands' tests run the `--stage` path with these and DynamoDB Local.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { recordCommands, type RecordedCommand } from "@rdv/core/testing/record-commands";

const offline = { region: "eu-west-3", credentials: { accessKeyId: "x", secretAccessKey: "x" } };

export const pasDeCalais = {
  department: { code: "62", name: "Pas-de-Calais", timezone: "Europe/Paris" },
  smsSenderName: "RDV62",
  production: false,
};

/** A repository root whose config/stages holds these stages' settings. */
export function stageRoot(stages: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), "rdv-stage-root-"));
  mkdirSync(join(root, "config", "stages"), { recursive: true });
  for (const [name, settings] of Object.entries(stages)) writeFileSync(join(root, "config", "stages", `${name}.json`), JSON.stringify(settings));
  return root;
}

export type StackOutputs = Record<string, Record<string, string>>;

/** The outputs a deployed stage's stacks give, keyed by full stack name (`<stage>-rdv-Database`…). */
export function deployedOutputs(stage: string, options: { tableName: string; domain?: string }): StackOutputs {
  return {
    [`${stage}-rdv-Database`]: { TableName: options.tableName },
    [`${stage}-rdv-Web`]: { SiteUrl: options.domain ? `https://${options.domain}` : "https://d1234abcd.cloudfront.net", ApiUrl: "https://abc.execute-api.eu-west-3.amazonaws.com" },
    [`${stage}-rdv-Sms`]: {
      ManageTokenSecretArn: `arn:aws:secretsmanager:eu-west-3:123456789012:secret:rdv/${stage}/manage-token-secret-AbCdEf`,
      ...(options.domain ? { EmailFrom: `ne-pas-repondre@${options.domain}` } : { EmailSending: "disabled: no domain in the stage file (invitations stay in the outbox)" }),
    },
  };
}

export interface RecordedAws {
  cloudFormation: CloudFormationClient;
  secretsManager: SecretsManagerClient;
  ses: SESv2Client;
  calls: { cloudFormation: RecordedCommand[]; secretsManager: RecordedCommand[]; ses: RecordedCommand[] };
}

/** Clients answering for these stacks (any other is "does not exist", as CloudFormation says). */
export function recordedAws(stacks: StackOutputs, secret: string): RecordedAws {
  const cloudFormation = new CloudFormationClient(offline);
  const secretsManager = new SecretsManagerClient(offline);
  const ses = new SESv2Client(offline);
  let sent = 0;
  return {
    cloudFormation,
    secretsManager,
    ses,
    calls: {
      cloudFormation: recordCommands(cloudFormation, (_command, input) => {
        const name = String(input.StackName);
        const outputs = stacks[name];
        if (!outputs) return Object.assign(new Error(`Stack with id ${name} does not exist`), { name: "ValidationError" });
        return { Stacks: [{ StackName: name, StackStatus: "UPDATE_COMPLETE", Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })) }] };
      }),
      secretsManager: recordCommands(secretsManager, () => ({ SecretString: secret })),
      ses: recordCommands(ses, () => ({ MessageId: `ses-${++sent}` })),
    },
  };
}
