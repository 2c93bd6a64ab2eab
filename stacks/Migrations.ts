import { CustomResource, RemovalPolicy } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Provider } from "aws-cdk-lib/custom-resources";
import { Function, use, type StackContext } from "sst/constructs";
import { LATEST_MIGRATION } from "@rdv/core/migration/latest";
import { backgroundFunctions } from "@rdv/functions/routes";
import { Database } from "./Database";
import { baseFunction } from "./lambda";

/**
 * What the migrations (packages/core/src/migration) do to the table: scan it in pages, read and
 * write the migration record, move items with transactions of puts and deletes (authorised
 * through PutItem and DeleteItem); 0002 also reads an agent's days (Query of their partition,
 * BatchGetItem) and writes places' copies with the same transactions as bookings (UpdateItem,
 * ConditionCheckItem). The table only, none of its indexes. A migration that needs
 * more (UpdateItem, an index) adds it here, and the stack test with it; without it the deploy
 * fails on AccessDenied and rolls back, the data untouched.
 */
export const MIGRATION_TABLE_ACTIONS = ["dynamodb:Scan", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem"];

/**
 * The data migrations, run by every deploy: a CloudFormation custom resource whose provider
 * (CDK's Provider framework, which answers CloudFormation and reports a thrown error as FAILED)
 * calls the migration function. Its `LatestMigration` property is the registry's last number: a
 * new migration changes the template, so CloudFormation sends an Update, and the function
 * applies every migration the table's record lacks. A failing migration fails this stack, which
 * CloudFormation rolls back (sending an Update with the previous number: nothing runs), and SST
 * deploys none of the stacks after it. Every stack whose code serves the table (routes,
 * reminders) or calls it (the site) depends on this one (`dependsOn(Migrations)`): new code never
 * serves data of an older form, and a failed migration leaves the whole product at its previous
 * release, on data the failed migration left readable (see docs/architecture.md, "Migrations").
 *
 * Why not SST's `Script` construct: it re-runs on every deploy (a timestamp property) and wraps
 * the function in its own invoker, hiding the CloudFormation event; the Provider hands the event
 * (request type, old and new properties) to a handler of ours, tested against that contract.
 */
export function Migrations({ stack }: StackContext) {
  const { table } = use(Database);
  const { handler } = backgroundFunctions.migrations;
  const migrate = new Function(stack, "Migrate", {
    ...baseFunction(handler),
    // the most a Lambda may run, and the Provider framework waits for it (its own limit is 15 minutes too)
    timeout: "15 minutes",
    memorySize: "1024 MB",
    environment: { RDV_TABLE: table.tableName, NODE_OPTIONS: "--enable-source-maps" },
    permissions: [new PolicyStatement({ actions: MIGRATION_TABLE_ACTIONS, resources: [table.tableArn] })],
  });
  const provider = new Provider(stack, "MigrationProvider", {
    onEventHandler: migrate,
    logGroup: new LogGroup(stack, "MigrationProviderLogs", { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
  });
  const migrations = new CustomResource(stack, "Migrations", {
    serviceToken: provider.serviceToken,
    resourceType: "Custom::RdvMigrations",
    properties: { LatestMigration: String(LATEST_MIGRATION) },
  });
  stack.addOutputs({ DataVersion: migrations.getAttString("Version") });
  return { migrate, migrations };
}
