/**
 * The synthesized CloudFormation of two stages, a production one and a test one, built offline
 * (SST's App under NODE_ENV=test; no AWS account, no network) once each and shared by every
 * assertion. Functions are not bundled here (`npm run synth` bundles); everything else is what
 * `sst deploy` would send to CloudFormation.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Stack } from "sst/constructs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableDefinition } from "@rdv/core/db/table";
import { LATEST_MIGRATION } from "@rdv/core/migration/latest";
import { backgroundFunctions, routeKey, routes, type RouteDefinition } from "@rdv/functions/routes";
import { SMS_SPEND_ALARM_USD } from "./Alarms";
import { PUBLIC_ROUTE_THROTTLE, ROUTE_STACKS, routeStackOf } from "./ApiRoutes";
import { MISSING_HANDLER_STUB, SCHEDULE_ACTIONS, TABLE_ACTIONS } from "./lambda";
import { MIGRATION_TABLE_ACTIONS } from "./Migrations";
import { deliveryLogGroupNames } from "./SmsReports";
import { WEBHOOK_MAX_RECEIVES } from "./Webhooks";
import { OFFLINE_ACCOUNT, synthesizeOffline, type OfflineSynth } from "./offline";
import { STAGE_OUTPUTS, stackName } from "@rdv/local/stage-target";

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
}

const dir = mkdtempSync(join(tmpdir(), "rdv-stacks-"));
const production = {
  department: { code: "974", name: "La Réunion", timezone: "Indian/Reunion", whitMondayWorked: true },
  smsSenderName: "Departement",
  production: true,
  domain: "rdv.example.re",
  alarmEmail: "exploitation@example.re",
  proConnect: { issuer: "https://proconnect.example.gouv.fr/api/v2", clientId: "rdv-974" },
};
const staging = {
  department: { code: "62", name: "Pas-de-Calais", timezone: "Europe/Paris" },
  smsSenderName: "RDV62",
  production: false,
};

async function synth(stage: string, settings: unknown): Promise<OfflineSynth> {
  const file = join(dir, `${stage}.json`);
  writeFileSync(file, JSON.stringify(settings));
  process.env.RDV_STAGE_FILE = file;
  try {
    return await synthesizeOffline({ stage, bundle: false });
  } finally {
    delete process.env.RDV_STAGE_FILE;
  }
}

let prod: Stage;
let test: Stage;
beforeAll(async () => {
  prod = new Stage("ci-prod", await synth("ci-prod", production));
  test = new Stage("ci-test", await synth("ci-test", staging));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const deployedRoutes = routes.filter((route) => !route.localOnly);
const arrayOf = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Read-only views over one stage's templates. */
class Stage {
  constructor(
    readonly name: string,
    readonly synth: OfflineSynth,
  ) {}

  template(stack: string): Json {
    const template = this.synth.templates[`${this.name}-rdv-${stack}`];
    if (!template) throw new Error(`no stack ${stack}`);
    return template;
  }

  resources(stack: string, type: string): Array<[string, Resource]> {
    return Object.entries(this.template(stack).Resources as Record<string, Resource>).filter(([, r]) => r.Type === type);
  }

  one(stack: string, type: string): Resource {
    const found = this.resources(stack, type);
    expect(found, `${type} in ${stack}`).toHaveLength(1);
    return found[0]![1];
  }

  /** Every product function with its stack, logical id and flags: routes through their integration. */
  productFunctions(): Array<{ stack: string; id: string; fn: Resource; needs: { secret?: boolean; notify?: boolean; email?: boolean; oidcSecret?: boolean }; name: string }> {
    const byRoute = ROUTE_STACKS.flatMap((stack) => {
      const apiRoutes = Object.fromEntries(this.resources(stack, "AWS::ApiGatewayV2::Route"));
      const integrations = Object.fromEntries(this.resources(stack, "AWS::ApiGatewayV2::Integration"));
      const functions = Object.fromEntries(this.resources(stack, "AWS::Lambda::Function"));
      return Object.values(apiRoutes).map((route) => {
        const target = JSON.stringify(route.Properties.Target);
        const integrationId = /"Ref":"([^"]+)"/.exec(target)?.[1] ?? "";
        const uri = integrations[integrationId]?.Properties.IntegrationUri as { "Fn::GetAtt": [string, string] };
        const id = uri["Fn::GetAtt"][0];
        const definition = routes.find((r) => routeKey(r) === route.Properties.RouteKey) as RouteDefinition;
        return { stack, id, fn: functions[id]!, needs: definition, name: routeKey(definition) };
      });
    });
    const reminders = Object.fromEntries(this.resources("Reminders", "AWS::Lambda::Function"));
    const reminderId = Object.keys(reminders).find((id) => reminders[id]!.Properties.FunctionName === `${this.name}-rdv-reminder`)!;
    const rule = this.one("Reminders", "AWS::Events::Rule");
    const reconcilerId = ((rule.Properties.Targets as Array<{ Arn: { "Fn::GetAtt": [string] } }>)[0]!.Arn)["Fn::GetAtt"][0];
    const [reportsId, reportsFn] = this.resources("SmsReports", "AWS::Lambda::Function").find(([id]) => id.startsWith("DeliveryReports"))!;
    return [
      ...byRoute,
      { stack: "Reminders", id: reminderId, fn: reminders[reminderId]!, needs: backgroundFunctions.reminder, name: "reminder" },
      { stack: "Reminders", id: reconcilerId, fn: reminders[reconcilerId]!, needs: backgroundFunctions.reconciler, name: "reconciler" },
      { stack: "SmsReports", id: reportsId, fn: reportsFn, needs: backgroundFunctions.deliveryReports, name: "delivery reports" },
    ];
  }

  /** The stacks each stack depends on (SST deploys a stack once those are deployed), by short name. */
  dependencies(): Record<string, string[]> {
    const short = (stack: { stackName: string }) => stack.stackName.replace(`${this.name}-rdv-`, "");
    const stacks = this.synth.app.node.children.filter((child): child is Stack => child instanceof Stack);
    return Object.fromEntries(stacks.map((stack) => [short(stack), stack.dependencies.map(short).sort()]));
  }

  /** Statements granted to a role: its inline policies and the AWS::IAM::Policy resources attached to it. */
  statementsOfRole(stack: string, roleId: string): Statement[] {
    const role = (this.template(stack).Resources as Record<string, Resource>)[roleId]!;
    const inline = ((role.Properties.Policies ?? []) as Array<{ PolicyDocument: { Statement: Statement[] } }>).flatMap((p) => p.PolicyDocument.Statement);
    const attached = this.resources(stack, "AWS::IAM::Policy")
      .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
      .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    return [...inline, ...attached];
  }

  statementsOf(stack: string, fn: Resource): Statement[] {
    const roleId = (fn.Properties.Role as { "Fn::GetAtt": [string] })["Fn::GetAtt"][0];
    return this.statementsOfRole(stack, roleId);
  }

  /** Every statement of every policy in every stack, with where it is and the roles it is given to. */
  allStatements(): Array<{ stack: string; where: string; roles: string[]; statement: Statement }> {
    const out: Array<{ stack: string; where: string; roles: string[]; statement: Statement }> = [];
    for (const stack of Object.keys(this.synth.templates).map((name) => name.replace(`${this.name}-rdv-`, ""))) {
      for (const [id, resource] of Object.entries(this.template(stack).Resources as Record<string, Resource>)) {
        const documents: Array<{ Statement: Statement[] }> = [];
        let roles: string[] = [];
        if (resource.Type === "AWS::IAM::Policy") {
          documents.push(resource.Properties.PolicyDocument as { Statement: Statement[] });
          roles = ((resource.Properties.Roles ?? []) as Array<{ Ref?: string }>).map((role) => role.Ref ?? JSON.stringify(role));
        }
        if (resource.Type === "AWS::IAM::Role") {
          documents.push(...((resource.Properties.Policies ?? []) as Array<{ PolicyDocument: { Statement: Statement[] } }>).map((p) => p.PolicyDocument));
          roles = [id];
        }
        for (const document of documents) for (const statement of document.Statement) out.push({ stack, where: id, roles, statement });
      }
    }
    return out;
  }
}

const actions = (statements: Statement[]) => statements.flatMap((s) => arrayOf(s.Action));
const withAction = (statements: Statement[], prefix: string) => statements.filter((s) => arrayOf(s.Action).some((a) => a.startsWith(prefix)));
const importOf = (value: unknown) => JSON.stringify(value);

describe.each([
  ["production", () => prod],
  ["non-production", () => test],
])("%s stage", (_kind, stage) => {
  it("synthesizes every stack, offline", () => {
    expect(Object.keys(stage().synth.templates).sort()).toEqual(
      ["AgentAdminRoutes", "AgentRoutes", "Alarms", "Api", "ApiRoutes", "Database", "Migrations", "Reminders", "Sms", "SmsReports", "Web", "Webhooks"].map((s) => `${stage().name}-rdv-${s}`),
    );
  });

  it("keeps every stack well under CloudFormation's 500 resources (the route functions spread over three stacks by what they serve)", () => {
    for (const [name, template] of Object.entries(stage().synth.templates)) {
      expect(Object.keys(((template as Json).Resources ?? {}) as Json).length, name).toBeLessThanOrEqual(400);
    }
    expect(routeStackOf({ path: "/v1/public/slots" })).toBe("ApiRoutes");
    expect(routeStackOf({ path: "/v1/api/appointments" })).toBe("ApiRoutes");
    expect(routeStackOf({ path: "/v1/agent/auth/oidc/callback" })).toBe("AgentAdminRoutes");
    expect(routeStackOf({ path: "/v1/agent/appointments/{id}" })).toBe("AgentRoutes");
    // each route in the stack its group names
    for (const stack of ROUTE_STACKS) {
      const keys = stage().resources(stack, "AWS::ApiGatewayV2::Route").map(([, r]) => String(r.Properties.RouteKey));
      expect(keys.sort(), stack).toEqual(deployedRoutes.filter((r) => routeStackOf(r) === stack).map(routeKey).sort());
    }
  });

  it("has the single table with the shared keys, every index, on-demand, PITR and the TTL attribute", () => {
    const table = stage().one("Database", "AWS::DynamoDB::Table").Properties;
    expect(table.KeySchema).toEqual([
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
    expect(table.GlobalSecondaryIndexes).toEqual(
      tableDefinition.globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: "HASH" },
          { AttributeName: index.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
    );
    expect(table.AttributeDefinitions).toHaveLength(2 + 2 * tableDefinition.globalIndexes.length);
    expect(table.BillingMode).toBe("PAY_PER_REQUEST");
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: "expiresAt", Enabled: true });
  });

  it("deploys a Lambda for every route that is not local-only, and none for local-only ones", () => {
    const keys = ROUTE_STACKS.flatMap((stack) => stage().resources(stack, "AWS::ApiGatewayV2::Route").map(([, r]) => r.Properties.RouteKey));
    expect(keys.sort()).toEqual(deployedRoutes.map(routeKey).sort());
    for (const local of routes.filter((route) => route.localOnly)) expect(keys).not.toContain(routeKey(local));
    const functions = stage().productFunctions();
    expect(functions).toHaveLength(deployedRoutes.length + 3);
    const background: Record<string, string> = { reminder: backgroundFunctions.reminder.handler, reconciler: backgroundFunctions.reconciler.handler, "delivery reports": backgroundFunctions.deliveryReports.handler };
    for (const { fn, name } of functions) {
      const expected = background[name] ?? routes.find((r) => routeKey(r) === name)!.handler;
      const handler = stage().synth.missingHandlers.includes(expected) ? MISSING_HANDLER_STUB : expected;
      expect(fn.Properties.Handler, name).toBe(handler);
    }
  });

  it("runs the data migrations on each deploy through a custom resource, after the table and before any code that serves it", () => {
    const migrations = stage().one("Migrations", "Custom::RdvMigrations");
    // the registry's last number: a new migration changes the template, so CloudFormation runs it
    expect(migrations.Properties.LatestMigration).toBe(String(LATEST_MIGRATION));
    const functions = Object.fromEntries(stage().resources("Migrations", "AWS::Lambda::Function"));
    const providerId = (migrations.Properties.ServiceToken as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
    const provider = functions[providerId]!;
    expect(provider.Properties.Handler).toBe("framework.onEvent"); // CDK's Provider framework answers CloudFormation
    const target = (provider.Properties.Environment as { Variables: Record<string, { "Fn::GetAtt": [string, string] }> }).Variables.USER_ON_EVENT_FUNCTION_ARN!;
    const migrateId = target["Fn::GetAtt"][0];
    const migrate = functions[migrateId]!;
    const handler = backgroundFunctions.migrations.handler;
    expect(migrate.Properties).toMatchObject({
      Handler: stage().synth.missingHandlers.includes(handler) ? MISSING_HANDLER_STUB : handler,
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      Timeout: 900,
    });
    const env = (migrate.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(importOf(env.RDV_TABLE)).toContain("Database:ExportsOutputRefTable");
    for (const key of ["RDV_STAGE_SETTINGS", "RDV_TOKEN_SECRET_ARN", "RDV_SITE_KEY", "RDV_SCHEDULE_GROUP"]) expect(key in env, key).toBe(false);
    // the table itself, with what migrations do (scan, record, move items), and nothing else
    const statements = stage().statementsOf("Migrations", migrate);
    expect(statements).toHaveLength(1);
    expect(arrayOf(statements[0]!.Action).sort()).toEqual([...MIGRATION_TABLE_ACTIONS].sort());
    expect(importOf(statements[0]!.Resource)).toContain("Database:ExportsOutputFnGetAttTable");
    expect(importOf(statements[0]!.Resource)).not.toContain("/index");
    // the provider may invoke the migration function, and nothing else
    expect(actions(stage().statementsOf("Migrations", provider)).sort()).toEqual(["lambda:GetFunction", "lambda:InvokeFunction"]);
    for (const statement of stage().statementsOf("Migrations", provider)) expect(importOf(statement.Resource)).toContain(migrateId);
    // order: the table, then the migrations, then every stack that holds code reading the table, and the site
    const dependencies = stage().dependencies();
    expect(dependencies.Migrations).toEqual(["Database"]);
    for (const name of ["Web", "Reminders", "SmsReports", ...ROUTE_STACKS]) expect(dependencies[name], name).toContain("Migrations");
    // the stage (in ApiRoutes) comes after every route
    expect(dependencies.ApiRoutes).toEqual(expect.arrayContaining(["AgentRoutes", "AgentAdminRoutes"]));
    // code reading the table: a function given its name (Alarms only names it in its metrics)
    const readsTable = (template: Json) =>
      Object.values((template.Resources ?? {}) as Record<string, Resource>).some(
        (r) => r.Type === "AWS::Lambda::Function" && "RDV_TABLE" in (((r.Properties.Environment as Json | undefined)?.Variables ?? {}) as Json),
      );
    for (const name of Object.keys(dependencies).filter((n) => n !== "Database" && n !== "Migrations")) {
      if (readsTable(stage().template(name))) expect(dependencies[name], name).toContain("Migrations");
    }
    expect(Object.keys(dependencies).filter((n) => readsTable(stage().template(n))).sort()).toEqual(["AgentAdminRoutes", "AgentRoutes", "ApiRoutes", "Migrations", "Reminders", "SmsReports", "Webhooks"]);
  });

  it("throttles every public route, and the others at the stage default", () => {
    const apiStage = stage().one("ApiRoutes", "AWS::ApiGatewayV2::Stage").Properties;
    expect(apiStage.StageName).toBe("$default");
    expect(apiStage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) });
    const perRoute = apiStage.RouteSettings as Record<string, Json>;
    expect(Object.keys(perRoute).sort()).toEqual(deployedRoutes.filter((r) => r.public).map(routeKey).sort());
    for (const settings of Object.values(perRoute)) {
      expect(settings).toEqual({ ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit, ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit });
    }
    // the access log format must not record paths (manage tokens) nor IPs
    const format = (apiStage.AccessLogSettings as { Format: string }).Format;
    expect(format).not.toMatch(/\$context\.(path|identity\.sourceIp)/);
  });

  it("deploys the integration API (/v1/api) and the API keys' routes; only booking, cancelling and inviting through it read the secret; the OpenAPI document is a public route", () => {
    const keys = ROUTE_STACKS.flatMap((stack) => stage().resources(stack, "AWS::ApiGatewayV2::Route").map(([, r]) => String(r.Properties.RouteKey)));
    expect(keys.filter((k) => k.includes("/v1/api/") || k.includes("/api-keys") || k.includes("openapi")).sort()).toEqual([
      "DELETE /v1/agent/api-keys/{id}",
      "GET /v1/agent/api-keys",
      "GET /v1/api/agents",
      "GET /v1/api/appointments",
      "GET /v1/api/appointments/{id}",
      "GET /v1/api/motifs",
      "GET /v1/api/places",
      "GET /v1/openapi.json",
      "POST /v1/agent/api-keys",
      "POST /v1/api/appointments",
      "POST /v1/api/appointments/{id}/cancel",
      "POST /v1/api/appointments/{id}/status",
      "POST /v1/api/invitations",
      "PUT /v1/api/service-users/{externalId}",
    ]);
    const readers = stage()
      .productFunctions()
      .filter(({ name }) => name.includes("/v1/api/"))
      .filter(({ stack, fn }) => withAction(stage().statementsOf(stack, fn), "secretsmanager:").length > 0)
      .map(({ name }) => name);
    expect(readers.sort()).toEqual(["POST /v1/api/appointments", "POST /v1/api/appointments/{id}/cancel", "POST /v1/api/invitations"]);
    const perRoute = stage().one("ApiRoutes", "AWS::ApiGatewayV2::Stage").Properties.RouteSettings as Record<string, Json>;
    expect(perRoute["GET /v1/openapi.json"]).toEqual({ ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit, ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit });
    expect(perRoute["GET /v1/api/appointments"]).toBeUndefined();
  });

  it("runs every product function on nodejs22.x, arm64, with the stage's environment", () => {
    for (const { fn, needs, name } of stage().productFunctions()) {
      const props = fn.Properties;
      expect(props.Runtime, name).toBe("nodejs22.x");
      expect(props.Architectures, name).toEqual(["arm64"]);
      const env = (props.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env, name).toMatchObject({ RDV_SMS_ADAPTER: "sns", RDV_SCHEDULER: "eventbridge", NODE_OPTIONS: "--enable-source-maps" });
      expect(importOf(env.RDV_TABLE)).toContain("Database:ExportsOutputRefTable");
      expect(JSON.parse(env.RDV_STAGE_SETTINGS as string)).toMatchObject({ production: stage() === prod });
      expect(env.PUBLIC_URL).toBeDefined();
      expect("RDV_TOKEN_SECRET_ARN" in env, name).toBe(Boolean(needs.secret));
      // HTTP routes trust the visitor's address the site forwards with the site key; background functions have none
      const http = !["reminder", "reconciler", "delivery reports"].includes(name);
      expect(JSON.stringify(env.RDV_SITE_KEY ?? null), name).toMatch(http ? /resolve:secretsmanager:.*SiteKey/ : /^null$/);
      for (const key of ["RDV_SCHEDULE_GROUP", "RDV_REMINDER_FUNCTION_ARN", "RDV_SCHEDULER_ROLE_ARN"]) {
        expect(key in env, `${name} ${key}`).toBe(Boolean(needs.notify));
      }
      if (needs.notify) {
        expect(env.RDV_SCHEDULE_GROUP).toBe(`rdv-${stage().name}`);
        expect(env.RDV_REMINDER_FUNCTION_ARN).toBe(`arn:aws:lambda:eu-west-3:${OFFLINE_ACCOUNT}:function:${stage().name}-rdv-reminder`);
      }
    }
  });

  it("lets functions read and write this table and its indexes only, never dynamodb:* or *", () => {
    for (const { statement, where } of stage().allStatements()) {
      const acts = arrayOf(statement.Action);
      expect(acts, where).not.toContain("*");
      expect(acts, where).not.toContain("dynamodb:*");
      if (acts.some((a) => a.startsWith("dynamodb:")) && where.startsWith("Lambda")) expect(statement.Resource, where).not.toBe("*");
    }
    for (const { stack, fn, name } of stage().productFunctions()) {
      const dynamo = withAction(stage().statementsOf(stack, fn), "dynamodb:");
      expect(dynamo, name).toHaveLength(1);
      expect(arrayOf(dynamo[0]!.Action).sort()).toEqual([...TABLE_ACTIONS].sort());
      const [table, indexes] = dynamo[0]!.Resource as [unknown, unknown];
      expect(importOf(table)).toContain("Database:ExportsOutputFnGetAttTable");
      expect(importOf(indexes)).toContain("/index/*");
    }
  });

  it("gives scheduler actions, PassRole and sns:Publish to notify functions only, on the group's schedules and the scheduler role", () => {
    const groupSchedules = `arn:aws:scheduler:eu-west-3:${OFFLINE_ACCOUNT}:schedule/rdv-${stage().name}/*`;
    for (const { stack, fn, needs, name } of stage().productFunctions()) {
      const statements = stage().statementsOf(stack, fn);
      const scheduler = withAction(statements, "scheduler:");
      const passRole = withAction(statements, "iam:PassRole");
      const publish = withAction(statements, "sns:");
      if (needs.notify) {
        expect(scheduler, name).toEqual([{ Effect: "Allow", Action: SCHEDULE_ACTIONS, Resource: groupSchedules }]);
        expect(passRole).toHaveLength(1);
        // the scheduler role, by reference in its own stack or by export elsewhere
        expect(importOf(passRole[0]!.Resource)).toMatch(/"Fn::GetAtt":\["SchedulerRole[0-9A-F]{8}","Arn"\]|Reminders:ExportsOutputFnGetAttSchedulerRole/);
        expect(passRole[0]!.Condition).toEqual({ StringEquals: { "iam:PassedToService": "scheduler.amazonaws.com" } });
        expect(publish).toEqual([{ Effect: "Allow", Action: "sns:Publish", Resource: "*" }]);
      } else {
        expect([...scheduler, ...passRole, ...publish], name).toEqual([]);
      }
    }
    for (const { statement, where } of stage().allStatements()) {
      if (arrayOf(statement.Action).some((a) => a.startsWith("scheduler:"))) expect(statement.Resource, where).toBe(groupSchedules);
    }
  });

  it("queues webhook deliveries in SQS with a dead-letter queue, consumed by the webhook function; only functions that emit events may send to it", () => {
    const name = stage().name;
    const queues = Object.fromEntries(stage().resources("Webhooks", "AWS::SQS::Queue").map(([id, q]) => [q.Properties.QueueName as string, { id, ...q.Properties }]));
    expect(Object.keys(queues).sort()).toEqual([`${name}-rdv-webhook-dead-letters`, `${name}-rdv-webhooks`]);
    const dlq = queues[`${name}-rdv-webhook-dead-letters`]!;
    expect(queues[`${name}-rdv-webhooks`]).toMatchObject({
      VisibilityTimeout: 90,
      RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": [dlq.id, "Arn"] }, maxReceiveCount: WEBHOOK_MAX_RECEIVES },
    });
    expect(dlq).toMatchObject({ MessageRetentionPeriod: 14 * 86_400 });
    const queueId = queues[`${name}-rdv-webhooks`]!.id;
    const mapping = stage().one("Webhooks", "AWS::Lambda::EventSourceMapping");
    expect(mapping.Properties).toMatchObject({ EventSourceArn: { "Fn::GetAtt": [queueId, "Arn"] }, BatchSize: 10, FunctionResponseTypes: ["ReportBatchItemFailures"] });
    const consumerId = (mapping.Properties.FunctionName as { Ref: string }).Ref;
    const consumer = Object.fromEntries(stage().resources("Webhooks", "AWS::Lambda::Function"))[consumerId]!;
    expect(consumer.Properties).toMatchObject({ Runtime: "nodejs22.x", Timeout: 30 });
    const consumerEnv = (consumer.Properties.Environment as { Variables: Json }).Variables;
    expect(consumerEnv).toMatchObject({ RDV_WEBHOOK_QUEUE: "sqs", RDV_WEBHOOK_QUEUE_URL: `https://sqs.eu-west-3.amazonaws.com/${OFFLINE_ACCOUNT}/${name}-rdv-webhooks` });
    expect(actions(withAction(stage().statementsOf("Webhooks", consumer), "sqs:")).sort()).toEqual(
      ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:SendMessage"].sort(),
    );
    const queueArn = `arn:aws:sqs:eu-west-3:${OFFLINE_ACCOUNT}:${name}-rdv-webhooks`;
    for (const { stack, fn, needs, name: fnName } of stage().productFunctions()) {
      const send = withAction(stage().statementsOf(stack, fn), "sqs:SendMessage");
      const env = (fn.Properties.Environment as { Variables: Json }).Variables;
      if (needs.notify || ("webhooks" in needs && needs.webhooks)) {
        expect(send, fnName).toEqual([{ Effect: "Allow", Action: "sqs:SendMessage", Resource: queueArn }]);
        expect(env.RDV_WEBHOOK_QUEUE_URL, fnName).toBe(`https://sqs.eu-west-3.amazonaws.com/${OFFLINE_ACCOUNT}/${name}-rdv-webhooks`);
      } else {
        expect(send, fnName).toEqual([]);
        expect(env.RDV_WEBHOOK_QUEUE, fnName).toBeUndefined();
      }
    }
    // a status change is an event: its route may queue deliveries though it notifies no one
    expect(stage().productFunctions().find((f) => f.name === "POST /v1/agent/appointments/{id}/status")!.needs).toMatchObject({ webhooks: true });
  });

  it("lets the secret-flagged functions read the manage-token secret, and no other role", () => {
    const secretReaders = new Set<string>();
    for (const { stack, fn, needs, name } of stage().productFunctions()) {
      const reads = withAction(stage().statementsOf(stack, fn), "secretsmanager:").filter((s) => !importOf(s.Resource).includes("ProConnectClientSecret"));
      if (needs.secret) {
        expect(reads, name).toHaveLength(1);
        expect(reads[0]!.Action).toBe("secretsmanager:GetSecretValue");
        expect(importOf(reads[0]!.Resource)).toContain("Sms:ExportsOutputRefManageTokenSecret");
        secretReaders.add((fn.Properties.Role as { "Fn::GetAtt": [string] })["Fn::GetAtt"][0]);
      } else {
        expect(reads, name).toEqual([]);
      }
    }
    const everyGrant = stage()
      .allStatements()
      .filter(({ statement }) => actions([statement]).some((a) => a.startsWith("secretsmanager:")) && !importOf(statement.Resource).includes("ProConnectClientSecret"));
    expect(everyGrant.length).toBe(secretReaders.size);
    for (const { where, roles } of everyGrant) {
      expect(roles.length, where).toBeGreaterThan(0);
      for (const role of roles) expect(secretReaders.has(role), `${where} gives the secret to ${role}`).toBe(true);
    }
    const secret = stage().one("Sms", "AWS::SecretsManager::Secret").Properties;
    expect(secret.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
  });

  it("lets only the ProConnect callback read the ProConnect client secret, on stages that enable ProConnect", () => {
    const enabled = stage() === prod;
    const secrets = stage().resources("AgentAdminRoutes", "AWS::SecretsManager::Secret");
    expect(secrets.map(([id]) => id.replace(/[0-9A-F]{8}$/, ""))).toEqual(enabled ? ["ProConnectClientSecret"] : []);
    const readers = new Set<string>();
    for (const { stack, fn, needs, name } of stage().productFunctions()) {
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const reads = withAction(stage().statementsOf(stack, fn), "secretsmanager:").filter((s) => importOf(s.Resource).includes("ProConnectClientSecret"));
      if (enabled && needs.oidcSecret) {
        expect(reads, name).toEqual([{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: { Ref: secrets[0]![0] } }]);
        expect(env.RDV_OIDC_CLIENT_SECRET_ARN, name).toEqual({ Ref: secrets[0]![0] });
        readers.add((fn.Properties.Role as { "Fn::GetAtt": [string] })["Fn::GetAtt"][0]);
      } else {
        expect(reads, name).toEqual([]);
        expect("RDV_OIDC_CLIENT_SECRET_ARN" in env, name).toBe(false);
      }
    }
    expect([...readers].length).toBe(enabled ? routes.filter((route) => route.oidcSecret).length : 0);
    const grants = stage().allStatements().filter(({ statement }) => importOf(statement.Resource).includes("ProConnectClientSecret"));
    for (const { where, roles } of grants) for (const role of roles) expect(readers.has(role), `${where} gives the ProConnect secret to ${role}`).toBe(true);
    if (enabled) {
      expect(secrets[0]![1]).toMatchObject({ DeletionPolicy: "Retain", Properties: { Name: "rdv/ci-prod/proconnect-client-secret" } });
    }
  });

  it("has the Scheduler role, assumable by scheduler.amazonaws.com only, invoking the reminder Lambda only", () => {
    const roles = stage().resources("Reminders", "AWS::IAM::Role").filter(([id]) => id.startsWith("SchedulerRole"));
    expect(roles).toHaveLength(1);
    const [roleId, role] = roles[0]!;
    expect(role.Properties.AssumeRolePolicyDocument).toMatchObject({
      Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "scheduler.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceAccount": OFFLINE_ACCOUNT } } }],
    });
    const statements = stage().statementsOfRole("Reminders", roleId);
    expect(statements).toEqual([
      { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: `arn:aws:lambda:eu-west-3:${OFFLINE_ACCOUNT}:function:${stage().name}-rdv-reminder` },
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: { "Fn::GetAtt": [expect.stringMatching(/^ReminderDeadLetters/), "Arn"] } },
    ]);
    expect(stage().one("Reminders", "AWS::Scheduler::ScheduleGroup").Properties.Name).toBe(`rdv-${stage().name}`);
    expect(stage().one("Reminders", "AWS::SQS::Queue").Properties.QueueName).toBe(`${stage().name}-rdv-reminder-dead-letters`);
    expect(stage().one("Reminders", "AWS::Events::Rule").Properties.ScheduleExpression).toBe("rate(5 minutes)");
  });

  it("runs the Next.js site on nodejs22.x, arm64, pointed at the API", () => {
    const server = stage()
      .resources("Web", "AWS::Lambda::Function")
      .find(([id]) => id.includes("ServerFunction"));
    expect(server).toBeDefined();
    expect(server![1].Properties).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"] });
    const env = (server![1].Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(importOf(env.API_URL)).toContain("Api:ExportsOutputFnGetAttApi");
    // the key it forwards visitors' addresses with: the generated secret, resolved at deploy
    const [siteKeyId, siteKey] = stage().resources("Web", "AWS::SecretsManager::Secret").find(([id]) => id.startsWith("SiteKey"))!;
    expect(siteKey.Properties).toMatchObject({ Name: `rdv/${stage().name}/site-key`, GenerateSecretString: { PasswordLength: 48 } });
    expect(JSON.stringify(env.RDV_SITE_KEY)).toContain(`{"Ref":"${siteKeyId}"}`);
    expect(JSON.stringify(env.RDV_SITE_KEY)).toContain("{{resolve:secretsmanager:");
    expect(stage().resources("Web", "AWS::CloudFront::Distribution")).toHaveLength(1);
  });

  it("raises six alarms, whatever the number of functions, each on what it watches, to the topic", () => {
    const name = (a: Json) => String(a.AlarmName).replace(`${stage().name}-rdv-`, "");
    const alarms = Object.fromEntries(stage().resources("Alarms", "AWS::CloudWatch::Alarm").map(([, a]) => [name(a.Properties), a.Properties]));
    expect(Object.keys(alarms).sort()).toEqual(["ApiErrors", "BackgroundErrors", "DatabaseThrottles", "LambdaThrottles", "ReminderDeadLetters", "SmsSpend"]);
    expect(stage().one("Alarms", "AWS::SNS::Topic")).toBeDefined();
    for (const alarm of Object.values(alarms)) {
      expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmTopic/) }]);
      expect(alarm).toMatchObject({ ComparisonOperator: "GreaterThanOrEqualToThreshold", EvaluationPeriods: 1, TreatMissingData: "notBreaching" });
    }
    type Watched = { Namespace: unknown; MetricName: unknown; Dimensions?: unknown; Stat: unknown; Period: unknown };
    /** the metrics an alarm reads: its own, or those of its metric math */
    const watched = (alarm: Json): Watched[] =>
      alarm.Metrics
        ? (alarm.Metrics as Array<{ MetricStat?: { Metric: Json; Stat: string; Period: number } }>)
            .filter((m) => m.MetricStat)
            .map((m) => ({ Namespace: m.MetricStat!.Metric.Namespace, MetricName: m.MetricStat!.Metric.MetricName, Dimensions: m.MetricStat!.Metric.Dimensions, Stat: m.MetricStat!.Stat, Period: m.MetricStat!.Period }))
        : [{ Namespace: alarm.Namespace, MetricName: alarm.MetricName, ...(alarm.Dimensions ? { Dimensions: alarm.Dimensions } : {}), Stat: alarm.Statistic, Period: alarm.Period }];
    // every 5xx of the HTTP API: the route functions' errors, timeouts and the 500/503 the middleware answers
    expect(watched(alarms.ApiErrors!)).toEqual([{ Namespace: "AWS/ApiGateway", MetricName: "5xx", Dimensions: [{ Name: "ApiId", Value: expect.anything() }], Stat: "Sum", Period: 300 }]);
    expect(importOf(alarms.ApiErrors!.Dimensions)).toContain("Api:ExportsOutputRefApi");
    expect(alarms.ApiErrors!.Threshold).toBe(1);
    // the errors of the three functions no API fronts, added up
    const background = stage().productFunctions().filter((f) => !(ROUTE_STACKS as readonly string[]).includes(f.stack));
    expect(background.map((f) => f.name).sort()).toEqual(["delivery reports", "reconciler", "reminder"]);
    const backgroundMetrics = watched(alarms.BackgroundErrors!);
    expect(backgroundMetrics).toHaveLength(3);
    for (const { id } of background) {
      expect(backgroundMetrics.filter((m) => m.Namespace === "AWS/Lambda" && m.MetricName === "Errors" && m.Stat === "Sum" && importOf(m.Dimensions).includes(`ExportsOutputRef${id}`))).toHaveLength(1);
    }
    const expression = (alarm: Json) => (alarm.Metrics as Array<{ Expression?: string; ReturnData?: boolean }>).find((m) => m.Expression);
    expect(expression(alarms.BackgroundErrors!)).toMatchObject({ Expression: "reminder + reconciler + reports" });
    expect(watched(alarms.LambdaThrottles!)).toEqual([{ Namespace: "AWS/Lambda", MetricName: "Throttles", Stat: "Sum", Period: 300 }]);
    expect(watched(alarms.ReminderDeadLetters!)).toEqual([{ Namespace: "AWS/SQS", MetricName: "ApproximateNumberOfMessagesVisible", Dimensions: [{ Name: "QueueName", Value: expect.anything() }], Stat: "Maximum", Period: 300 }]);
    expect(importOf(alarms.ReminderDeadLetters!.Dimensions)).toContain("ReminderDeadLetters");
    const tableThrottles = watched(alarms.DatabaseThrottles!);
    expect(tableThrottles.map((m) => `${m.Namespace} ${m.MetricName}`).sort()).toEqual(["AWS/DynamoDB ReadThrottleEvents", "AWS/DynamoDB WriteThrottleEvents"]);
    for (const metric of tableThrottles) expect(importOf(metric.Dimensions)).toContain("Database:ExportsOutputRefTable");
    expect(expression(alarms.DatabaseThrottles!)).toMatchObject({ Expression: "reads + writes" });
    expect(watched(alarms.SmsSpend!)).toEqual([{ Namespace: "AWS/SNS", MetricName: "SMSMonthToDateSpentUSD", Stat: "Maximum", Period: 3600 }]);
    expect(alarms.SmsSpend!.Threshold).toBe(SMS_SPEND_ALARM_USD);
    // what CloudWatch bills: one alarm metric per metric read (docs/deploy.md's cost line)
    expect(Object.values(alarms).reduce((sum, alarm) => sum + watched(alarm).length, 0)).toBe(9);
  });

  it("logs SMS delivery status through a role only SNS of this account assumes, to the two log groups only", () => {
    const names = deliveryLogGroupNames("eu-west-3", OFFLINE_ACCOUNT);
    const [roleId, role] = stage().resources("SmsReports", "AWS::IAM::Role").find(([id]) => id.startsWith("SmsDeliveryStatusRole"))!;
    expect(role.Properties.AssumeRolePolicyDocument).toEqual({
      Version: "2012-10-17",
      Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceAccount": OFFLINE_ACCOUNT } } }],
    });
    const prefix = `arn:aws:logs:eu-west-3:${OFFLINE_ACCOUNT}:log-group:${names.success}`;
    expect(stage().statementsOfRole("SmsReports", roleId)).toEqual([
      {
        Effect: "Allow",
        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:PutMetricFilter", "logs:PutRetentionPolicy"],
        Resource: [prefix, `${prefix}:*`, `${prefix}/Failure`, `${prefix}/Failure:*`],
      },
    ]);
    const groups = stage().resources("SmsReports", "AWS::Logs::LogGroup").map(([id, g]) => [id, g.Properties.LogGroupName, g.Properties.RetentionInDays, g.DeletionPolicy]);
    expect(groups.map(([, ...rest]) => rest).sort()).toEqual([
      [names.success, 1, "Delete"],
      [names.failure, 1, "Delete"],
    ].sort());
    // SNS's account setting, set by a custom resource on create and update, naming that role, every success logged
    const custom = stage().one("SmsReports", "Custom::AWS").Properties;
    for (const when of ["Create", "Update"]) {
      const call = importOf(custom[when]);
      expect(call).toContain('\\"service\\":\\"SNS\\",\\"action\\":\\"setSMSAttributes\\"');
      expect(call).toContain('\\"DeliveryStatusSuccessSamplingRate\\":\\"100\\"');
      expect(call).toContain(`"Fn::GetAtt":["${roleId}","Arn"]`);
    }
    expect(custom.Delete).toBeUndefined();
    const setterStatements = stage().allStatements().filter(({ statement }) => arrayOf(statement.Action).includes("sns:SetSMSAttributes"));
    expect(setterStatements.map(({ statement }) => statement)).toEqual([
      { Effect: "Allow", Action: "sns:SetSMSAttributes", Resource: "*" },
    ]);
    const passes = stage().allStatements().filter(({ stack, statement }) => stack === "SmsReports" && arrayOf(statement.Action).includes("iam:PassRole"));
    expect(passes.map(({ statement }) => statement.Resource)).toEqual([{ "Fn::GetAtt": [roleId, "Arn"] }]);
  });

  it("subscribes the delivery reports function to both log groups, which may invoke it and nothing else", () => {
    const { id: reportsId } = stage().productFunctions().find((f) => f.name === "delivery reports")!;
    const groupIds = stage().resources("SmsReports", "AWS::Logs::LogGroup").map(([id]) => id).sort();
    const filters = stage().resources("SmsReports", "AWS::Logs::SubscriptionFilter").map(([, f]) => f.Properties);
    expect(filters.map((f) => (f.LogGroupName as { Ref: string }).Ref).sort()).toEqual(groupIds);
    for (const filter of filters) {
      expect(filter.FilterPattern).toBe("");
      expect(filter.DestinationArn).toEqual({ "Fn::GetAtt": [reportsId, "Arn"] });
    }
    const permissions = stage().resources("SmsReports", "AWS::Lambda::Permission").map(([, p]) => p.Properties);
    expect(permissions.map((p) => [p.Action, p.Principal, p.FunctionName])).toEqual([
      ["lambda:InvokeFunction", "logs.amazonaws.com", { "Fn::GetAtt": [reportsId, "Arn"] }],
      ["lambda:InvokeFunction", "logs.amazonaws.com", { "Fn::GetAtt": [reportsId, "Arn"] }],
    ]);
    expect(permissions.map((p) => importOf(p.SourceArn)).sort()).toEqual(groupIds.map((id) => importOf({ "Fn::GetAtt": [id, "Arn"] })).sort());
  });
});

describe("what differs with the stage type", () => {
  it("retains (and protects) the production table and secret, and destroys a test stage's", () => {
    const prodTable = prod.one("Database", "AWS::DynamoDB::Table");
    expect(prodTable).toMatchObject({ DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
    expect(prodTable.Properties.DeletionProtectionEnabled).toBe(true);
    expect(prod.one("Sms", "AWS::SecretsManager::Secret")).toMatchObject({ DeletionPolicy: "Retain" });
    const testTable = test.one("Database", "AWS::DynamoDB::Table");
    expect(testTable).toMatchObject({ DeletionPolicy: "Delete", UpdateReplacePolicy: "Delete" });
    expect(testTable.Properties.DeletionProtectionEnabled).toBe(false);
    expect(test.one("Sms", "AWS::SecretsManager::Secret")).toMatchObject({ DeletionPolicy: "Delete" });
  });

  it("with a domain: SES identity, send permission on it only for the e-mailing functions (invitations, and the notifying ones: usagers' e-mails), CORS and links on the domain", () => {
    const identity = prod.resources("Sms", "AWS::SES::EmailIdentity");
    expect(identity.map(([, r]) => r.Properties.EmailIdentity)).toEqual(["rdv.example.re"]);
    for (const { stack, fn, needs, name } of prod.productFunctions()) {
      const ses = withAction(prod.statementsOf(stack, fn), "ses:");
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.PUBLIC_URL).toBe("https://rdv.example.re");
      if (needs.email || needs.notify) {
        expect(ses, name).toHaveLength(1);
        expect(ses[0]!.Action).toEqual(["ses:SendEmail", "ses:SendRawEmail"]);
        expect(ses[0]!.Resource).toBe(`arn:aws:ses:eu-west-3:${OFFLINE_ACCOUNT}:identity/rdv.example.re`);
        expect(env).toMatchObject({ RDV_EMAIL_ADAPTER: "ses", RDV_EMAIL_FROM: "ne-pas-repondre@rdv.example.re" });
      } else {
        expect(ses, name).toEqual([]);
      }
    }
    const api = prod.one("Api", "AWS::ApiGatewayV2::Api").Properties;
    expect(api.CorsConfiguration).toMatchObject({ AllowOrigins: ["https://rdv.example.re"] });
  });

  it("without a domain: no SES at all, links on the site's CloudFront URL, no CORS", () => {
    expect(test.resources("Sms", "AWS::SES::EmailIdentity")).toEqual([]);
    expect(test.allStatements().filter(({ statement }) => actions([statement]).some((a) => a.startsWith("ses:")))).toEqual([]);
    for (const { fn } of test.productFunctions()) {
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(importOf(env.PUBLIC_URL)).toContain("Web:ExportsOutputFnGetAttSiteDistribution");
      expect(env.RDV_EMAIL_ADAPTER).toBeUndefined();
    }
    expect(test.one("Api", "AWS::ApiGatewayV2::Api").Properties.CorsConfiguration).toBeUndefined();
  });

  it("gives the stage commands the outputs they read (packages/local/src/stage-target.ts), on the stacks they ask for", () => {
    for (const stage of [prod, test]) {
      for (const [stack, keys] of Object.entries(STAGE_OUTPUTS)) {
        const template = stage.synth.templates[stackName(stage.name, stack)];
        expect(Object.keys((template?.Outputs ?? {}) as Json), `${stage.name} ${stack}`).toEqual(expect.arrayContaining([...keys]));
      }
    }
    expect(importOf(prod.template("Sms").Outputs)).toContain('"ManageTokenSecretArn":{"Value":{"Ref":"ManageTokenSecret');
    // the sender with a domain; none without (the commands then say that nothing can be e-mailed)
    expect((prod.template("Sms").Outputs as Record<string, { Value: unknown }>).EmailFrom?.Value).toBe("ne-pas-repondre@rdv.example.re");
    expect((test.template("Sms").Outputs as Record<string, unknown>).EmailFrom).toBeUndefined();
  });

  it("e-mails alarms to alarmEmail when set", () => {
    expect(prod.resources("Alarms", "AWS::SNS::Subscription").map(([, s]) => s.Properties)).toEqual([
      expect.objectContaining({ Protocol: "email", Endpoint: "exploitation@example.re" }),
    ]);
    expect(test.resources("Alarms", "AWS::SNS::Subscription")).toEqual([]);
  });
});

describe("a bad stage file", () => {
  it("stops the synth with the file and the field named", async () => {
    await expect(synth("ci-bad", { ...staging, smsSenderName: "9" })).rejects.toThrow(/ci-bad\.json: smsSenderName: 3 à 11 lettres/);
  });
});
