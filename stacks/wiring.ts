import { use, type App } from "sst/constructs";
import { Database } from "./Database";
import type { FunctionWiring } from "./lambda";
import { useStage } from "./settings";
import { Sms } from "./Sms";
import { Web } from "./Web";

/** The webhook delivery queue's name, URL and ARN (named, so functions of earlier stacks can send to it). */
export function webhookQueue(app: App): { queueName: string; queueUrl: string; queueArn: string } {
  const queueName = `${app.stage}-rdv-webhooks`;
  return { queueName, queueUrl: `https://sqs.${app.region}.amazonaws.com/${app.account}/${queueName}`, queueArn: `arn:aws:sqs:${app.region}:${app.account}:${queueName}` };
}

/** What every product function is wired to, gathered from the stacks before it. */
export function functionWiring(app: App, reminders: FunctionWiring["reminders"]): FunctionWiring {
  const { table } = use(Database);
  const { tokenSecret, email } = use(Sms);
  const { publicUrl, siteKey } = use(Web);
  return {
    stage: useStage(app),
    table: { tableName: table.tableName, tableArn: table.tableArn },
    publicUrl,
    siteKey,
    tokenSecretArn: tokenSecret.secretArn,
    reminders,
    email,
    webhooks: webhookQueue(app),
  };
}
