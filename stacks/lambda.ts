import { existsSync } from "node:fs";
import { join, parse } from "node:path";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { FunctionProps } from "sst/constructs";
import { useProject } from "sst/project.js";
import { LAMBDA_NODE_OPTIONS, NODEJS_BUNDLING } from "./bundling";
import type { Stage } from "./settings";

/** What a function does beyond reading and writing the table (the flags of the route table). */
export interface FunctionNeeds {
  /** reads or builds manage links: may read the manage-token secret */
  secret?: boolean;
  /** sends SMS and e-mails to usagers, creates or deletes reminder schedules */
  notify?: boolean;
  /** sends e-mail (agent invitations; notifying functions send e-mails too) */
  email?: boolean;
  /** an HTTP route: trusts the visitor's address the site forwards with the site key */
  http?: boolean;
  /** queues webhook deliveries (notifying functions do too: their changes are webhook events) */
  webhooks?: boolean;
  /** exchanges ProConnect codes: may read the OIDC client secret */
  oidcSecret?: boolean;
}

/** The resources every product function is wired to, gathered from the earlier stacks. */
export interface FunctionWiring {
  stage: Stage;
  table: { tableName: string; tableArn: string };
  /** https://domain, or the site's CloudFront URL */
  publicUrl: string;
  /** the site key (a dynamic reference to its secret), for HTTP routes */
  siteKey?: string;
  tokenSecretArn: string;
  reminders: {
    groupName: string;
    /** arn:aws:scheduler:<region>:<account>:schedule/<group>/* */
    schedulesArn: string;
    reminderFunctionArn: string;
    schedulerRoleArn: string;
    deadLetterQueueArn: string;
  };
  /** absent when the stage has no domain: no SES sending at all */
  email?: { identityArn: string; from: string };
  /** the webhook delivery queue (stacks/Webhooks.ts), by name: its URL and ARN are plain strings */
  webhooks: { queueUrl: string; queueArn: string };
  /** the ProConnect client secret (stages with `proConnect` only) */
  oidcSecretArn?: string;
}

/** DynamoDB data actions the domain uses (transactions are authorised through these). No Scan. */
export const TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:ConditionCheckItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
];

export const SCHEDULE_ACTIONS = ["scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule", "scheduler:GetSchedule"];

/**
 * Props for one product Lambda (`baseFunction`: Node 22 on arm64, bundled by SST as
 * `NODEJS_BUNDLING` says in bundling.ts, which the bench builds from too), with the stage's
 * environment and only the
 * permissions its flags call for.
 */
export function productFunction(handler: string, needs: FunctionNeeds, wiring: FunctionWiring): FunctionProps {
  const { stage, table, reminders, email } = wiring;
  const environment: Record<string, string> = {
    RDV_TABLE: table.tableName,
    RDV_STAGE_SETTINGS: JSON.stringify(stage.settings),
    PUBLIC_URL: wiring.publicUrl,
    RDV_SMS_ADAPTER: "sns",
    RDV_SCHEDULER: "eventbridge",
    NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
  };
  const permissions: PolicyStatement[] = [
    new PolicyStatement({ actions: TABLE_ACTIONS, resources: [table.tableArn, `${table.tableArn}/index/*`] }),
  ];

  if (needs.http && wiring.siteKey) environment.RDV_SITE_KEY = wiring.siteKey;

  if (needs.secret) {
    environment.RDV_TOKEN_SECRET_ARN = wiring.tokenSecretArn;
    permissions.push(new PolicyStatement({ actions: ["secretsmanager:GetSecretValue"], resources: [wiring.tokenSecretArn] }));
  }

  if (needs.oidcSecret && wiring.oidcSecretArn) {
    environment.RDV_OIDC_CLIENT_SECRET_ARN = wiring.oidcSecretArn;
    permissions.push(new PolicyStatement({ actions: ["secretsmanager:GetSecretValue"], resources: [wiring.oidcSecretArn] }));
  }

  if (needs.notify) {
    Object.assign(environment, {
      RDV_SCHEDULE_GROUP: reminders.groupName,
      RDV_REMINDER_FUNCTION_ARN: reminders.reminderFunctionArn,
      RDV_SCHEDULER_ROLE_ARN: reminders.schedulerRoleArn,
      RDV_REMINDER_DLQ_ARN: reminders.deadLetterQueueArn,
    });
    permissions.push(
      new PolicyStatement({ actions: SCHEDULE_ACTIONS, resources: [reminders.schedulesArn] }),
      new PolicyStatement({
        actions: ["iam:PassRole"],
        resources: [reminders.schedulerRoleArn],
        conditions: { StringEquals: { "iam:PassedToService": "scheduler.amazonaws.com" } },
      }),
      // SMS to a phone number has no resource ARN: Publish must be allowed on "*".
      new PolicyStatement({ actions: ["sns:Publish"], resources: ["*"] }),
    );
  }

  if (needs.webhooks || needs.notify) {
    Object.assign(environment, { RDV_WEBHOOK_QUEUE: "sqs", RDV_WEBHOOK_QUEUE_URL: wiring.webhooks.queueUrl });
    permissions.push(new PolicyStatement({ actions: ["sqs:SendMessage"], resources: [wiring.webhooks.queueArn] }));
  }

  // usagers who gave an address get their messages by e-mail too: notifying functions send e-mails
  if ((needs.email || needs.notify) && email) {
    environment.RDV_EMAIL_ADAPTER = "ses";
    environment.RDV_EMAIL_FROM = email.from;
    permissions.push(new PolicyStatement({ actions: ["ses:SendEmail", "ses:SendRawEmail"], resources: [email.identityArn] }));
  }

  return { ...baseFunction(handler), environment, permissions };
}

/**
 * What every function of the product shares: Node 22 on arm64, bundled by SST (esbuild, ESM,
 * minified for cold starts, source maps inside the bundle for `--enable-source-maps`), logs kept
 * a month. Environment and permissions are each function's own.
 */
export function baseFunction(handler: string): FunctionProps {
  return {
    handler: resolveHandler(handler),
    runtime: "nodejs22.x",
    architecture: "arm_64",
    memorySize: "512 MB",
    timeout: "10 seconds",
    logRetention: "one_month",
    tracing: "disabled",
    nodejs: NODEJS_BUNDLING,
  };
}

/** Placeholder deployed in an offline synth for a handler whose file has not been written yet. */
export const MISSING_HANDLER_STUB = "stacks/stub/missing-handler.handler";

const missing = new Set<string>();

/** Handlers replaced by the stub in this process (the synth script and the tests report them). */
export function missingHandlers(): string[] {
  return [...missing].sort();
}

/**
 * A handler path from the route table, checked: SST fails late and obscurely when a file is
 * missing. An offline synth (tests, `npm run synth`, which set RDV_STUB_MISSING_HANDLERS=1)
 * substitutes a stub and records it; a real deploy stops here with the file named.
 */
export function resolveHandler(handler: string): string {
  const { dir, name } = parse(handler);
  const root = useProject().paths.root;
  const exists = [".ts", ".mts", ".js", ".mjs"].some((ext) => existsSync(join(root, dir, name + ext)));
  if (exists) return handler;
  if (process.env.RDV_STUB_MISSING_HANDLERS === "1") {
    missing.add(handler);
    return MISSING_HANDLER_STUB;
  }
  throw new Error(`handler ${handler}: ${join(dir, name)}.ts n'existe pas (le déploiement a besoin de chaque handler de la table des routes)`);
}
