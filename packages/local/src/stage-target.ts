/**
 * Where a deployed stage's data lives, for the commands an operator runs against it from their
 * machine (`npm run import --stage`, `npm run invite --stage`, `npm run export --stage`): read
 * from the stage's CloudFormation outputs with the operator's AWS credentials (the SDK's default
 * chain: AWS_PROFILE, SSO, environment…), never typed by hand.
 */
import { CloudFormationClient, DescribeStacksCommand, type Stack } from "@aws-sdk/client-cloudformation";
import type { StageSettings } from "@rdv/core/schema";
import { loadStage } from "./settings";

/** The SST app's name (sst.config.ts); SST v2 names a stage's stacks `<stage>-<app>-<Stack>`. */
export const APP_NAME = "rdv";
/** The app's region unless `--region` says otherwise (sst.config.ts). */
export const DEFAULT_REGION = "eu-west-3";

/** The outputs read, per stack (each stack in stacks/ adds its own). */
export const STAGE_OUTPUTS = {
  Database: ["TableName"],
  Web: ["SiteUrl"],
  Sms: ["ManageTokenSecretArn"],
} as const;

export function stackName(stage: string, stack: string): string {
  return `${stage}-${APP_NAME}-${stack}`;
}

export interface StageTarget {
  stage: string;
  region: string;
  settings: StageSettings;
  /** the settings file, relative to the repository root */
  settingsFile: string;
  tableName: string;
  /** the site's address: https://<domain>, or the CloudFront one */
  siteUrl: string;
  /** the secret the manage links of the stage derive from */
  tokenSecretArn: string;
  /** the address invitations are e-mailed from; absent when the stage has no domain (no SES identity) */
  emailFrom?: string;
  /** every output of the stacks read, by stack (Database, Web, Sms) */
  outputs: Record<keyof typeof STAGE_OUTPUTS, Record<string, string>>;
}

/** What an operator can act on: the message names the stage and what is missing. */
export class StageTargetError extends Error {
  override name = "StageTargetError";
}

async function describe(client: CloudFormationClient, name: string, target: { stage: string; region: string }): Promise<Stack> {
  try {
    const result = await client.send(new DescribeStacksCommand({ StackName: name }));
    const stack = result.Stacks?.[0];
    if (stack) return stack;
  } catch (error) {
    const { name: kind, message } = error as Error;
    if (kind === "CredentialsProviderError") {
      throw new StageTargetError(`Aucun identifiant AWS trouvé pour lire la stage « ${target.stage} » : connectez-vous au compte du département (aws sso login, AWS_PROFILE=…) puis relancez.`, { cause: error });
    }
    if (kind === "AccessDenied" || kind === "AccessDeniedException") {
      throw new StageTargetError(`Les identifiants AWS utilisés n'ont pas le droit de lire la pile ${name} (cloudformation:DescribeStacks) : ${message}`, { cause: error });
    }
    if (kind !== "ValidationError" || !/does not exist/.test(message)) {
      throw new StageTargetError(`Lecture de la pile ${name} (région ${target.region}) impossible : ${message}`, { cause: error });
    }
  }
  throw new StageTargetError(
    `La stage « ${target.stage} » n'est pas déployée dans la région ${target.region} : pile ${name} introuvable. ` +
      `Déployez-la (npx sst deploy --stage ${target.stage}), ou donnez sa région avec --region.`,
  );
}

/**
 * Resolves a stage: its settings file (validated as at deploy time), then its stacks' outputs
 * (`DescribeStacks` on `<stage>-rdv-Database`, `-Web` and `-Sms`, in that order). A stage that is
 * not deployed there, or whose stacks lack an output (deployed by an older version), is a
 * `StageTargetError` naming the stage and what is missing.
 */
export async function resolveStage(
  stage: string,
  options: { region?: string; cloudFormation?: CloudFormationClient; root?: string } = {},
): Promise<StageTarget> {
  const loaded = loadStage(stage, options.root);
  const region = options.region ?? DEFAULT_REGION;
  const client = options.cloudFormation ?? new CloudFormationClient({ region });
  const outputs = {} as StageTarget["outputs"];
  for (const [stack, required] of Object.entries(STAGE_OUTPUTS) as Array<[keyof typeof STAGE_OUTPUTS, readonly string[]]>) {
    const name = stackName(stage, stack);
    const found = await describe(client, name, { stage, region });
    outputs[stack] = Object.fromEntries((found.Outputs ?? []).flatMap((o) => (o.OutputKey && o.OutputValue !== undefined ? [[o.OutputKey, o.OutputValue]] : [])));
    const missing = required.filter((key) => !outputs[stack][key]);
    if (missing.length > 0) {
      throw new StageTargetError(
        `La pile ${name} de la stage « ${stage} » (état ${found.StackStatus ?? "inconnu"}) n'a pas la sortie ${missing.join(", ")} : ` +
          `redéployez la stage avec cette version (npx sst deploy --stage ${stage}).`,
      );
    }
  }
  const emailFrom = outputs.Sms.EmailFrom;
  if (loaded.settings.domain && !emailFrom) {
    throw new StageTargetError(
      `${loaded.file} donne le domaine ${loaded.settings.domain}, mais la pile ${stackName(stage, "Sms")} n'a pas de sortie EmailFrom : ` +
        `redéployez la stage (npx sst deploy --stage ${stage}).`,
    );
  }
  return {
    stage,
    region,
    settings: loaded.settings,
    settingsFile: loaded.file,
    tableName: outputs.Database.TableName!,
    siteUrl: outputs.Web.SiteUrl!,
    tokenSecretArn: outputs.Sms.ManageTokenSecretArn!,
    ...(emailFrom ? { emailFrom } : {}),
    outputs,
  };
}
