/**
 * The database an operator command works on, and how it sends e-mail: a deployed stage
 * (`--stage <name>`: its table, manage-link secret, site and SES identity, from its
 * CloudFormation outputs, with the operator's AWS credentials), or the local stack (the running
 * one's database, or the on-disk one, started here). Core is configured through the environment
 * before it is first imported (its entities read the table name once), hence the dynamic imports.
 */
import type { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { readStageSettings } from "./settings";
import { configureProcess, localTokenSecret, migrate, readRunningState, startDatabase } from "./stack";
import { resolveStage, type StageTarget } from "./stage-target";

/**
 * What the commands take from outside besides their arguments. Everything but `out`/`err` is for
 * tests only, which run the stage path offline: recorded AWS clients (CloudFormation answering
 * with recorded outputs, Secrets Manager, SES), DynamoDB Local's endpoint in place of the
 * stage's table on AWS, and a repository root holding their config/stages/.
 */
export interface CommandDeps {
  out?: (line: string) => void;
  err?: (line: string) => void;
  cloudFormation?: CloudFormationClient;
  secretsManager?: SecretsManagerClient;
  ses?: SESv2Client;
  dynamodbEndpoint?: string;
  root?: string;
}

export type Target =
  | { kind: "local"; description: string; sendsEmail: true; close(): Promise<void> }
  | { kind: "stage"; description: string; stage: StageTarget; sendsEmail: boolean; close(): Promise<void> };

/** Reads for the stage commands: the longer request timeout of a laptop far from the region. */
const STAGE_REQUEST_TIMEOUT_MS = "30000";

export async function openTarget(options: { stage?: string; region?: string }, deps: CommandDeps = {}): Promise<Target> {
  if (options.stage) return openStage(options.stage, options.region, deps);
  return openLocal();
}

async function openStage(name: string, region: string | undefined, deps: CommandDeps): Promise<Target> {
  const stage = await resolveStage(name, { region, cloudFormation: deps.cloudFormation, root: deps.root });
  process.env.RDV_TABLE = stage.tableName;
  process.env.AWS_REGION = stage.region;
  process.env.RDV_STAGE_SETTINGS = JSON.stringify(stage.settings);
  process.env.PUBLIC_URL = stage.siteUrl;
  process.env.RDV_TOKEN_SECRET_ARN = stage.tokenSecretArn;
  delete process.env.RDV_TOKEN_SECRET; // the stage's own, read below, never a local one
  if (deps.dynamodbEndpoint) process.env.RDV_DYNAMODB_ENDPOINT = deps.dynamodbEndpoint;
  else delete process.env.RDV_DYNAMODB_ENDPOINT;
  process.env.RDV_DYNAMODB_REQUEST_TIMEOUT_MS ??= STAGE_REQUEST_TIMEOUT_MS;

  const ManageToken = await import("@rdv/core/manage-token");
  await ManageToken.loadSecret(deps.secretsManager ?? new SecretsManagerClient({ region: stage.region }));
  const Email = await import("@rdv/core/email");
  if (stage.emailFrom) await Email.useSes(stage.emailFrom, deps.ses ?? new SESv2Client({ region: stage.region }));
  else {
    // never pretend: nothing may be sent from a stage without an e-mail identity
    Email.use({
      send: () => Promise.reject(new Error(`la stage ${name} n'envoie pas d'e-mails (pas de domaine)`)),
    });
  }
  return {
    kind: "stage",
    description: `stage ${name} (table ${stage.tableName}, ${stage.region})`,
    stage,
    sendsEmail: Boolean(stage.emailFrom),
    close: async () => undefined,
  };
}

/**
 * The local stack: when `RDV_DYNAMODB_ENDPOINT` is set (dev.ts runs the import so, in a child
 * process), the database the environment names; else the running stack's database, with its
 * clock and site address; else the on-disk database, started here and stopped by `close`.
 */
async function openLocal(): Promise<Target> {
  if (process.env.RDV_DYNAMODB_ENDPOINT) {
    return { kind: "local", description: "base locale configurée", sendsEmail: true, close: async () => undefined };
  }
  const running = readRunningState();
  const started = running ? undefined : await startDatabase({ persistent: true });
  const endpoint = running?.endpoint ?? started!.db.endpoint;
  configureProcess({ endpoint, settings: readStageSettings(process.env.RDV_STAGE_FILE), tokenSecret: running?.tokenSecret ?? localTokenSecret() });
  // the on-disk database started here is brought up to date first, as `npm run dev` does (a running stack did it when it started)
  if (started) await migrate((line) => process.stderr.write(`${line}\n`));
  if (running?.publicUrl && !process.env.PUBLIC_URL) process.env.PUBLIC_URL = running.publicUrl;
  if (running?.clockOffsetMs) {
    // links and invitations dated by the running stack's clock (RDV_NOW), as its own would be
    const Clock = await import("@rdv/core/clock");
    Clock.startAt(new Date(Date.now() + running.clockOffsetMs));
  }
  return {
    kind: "local",
    description: running ? "stack locale en cours" : "base locale sur disque",
    sendsEmail: true,
    close: async () => {
      await started?.db.stop();
    },
  };
}

/** What the operator must do before a stage without a domain can e-mail invitations (`detail`: who is waiting). */
export function noEmailAdvice(target: StageTarget, detail: string): string {
  const stage = target.stage;
  return [
    `Aucune invitation envoyée : la stage ${stage} n'a pas de domaine (champ "domain" de ${target.settingsFile}), donc pas d'identité SES pour envoyer des e-mails.`,
    `  ${detail}`,
    `  Pour inviter : ajoutez "domain" à ${target.settingsFile}, redéployez (npx sst deploy --stage ${stage}), publiez les enregistrements DKIM (docs/deploy.md),`,
    `  puis relancez l'import, ou : npm run invite -- --stage ${stage} <e-mail>`,
  ].join("\n");
}
