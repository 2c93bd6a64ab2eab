import { use, type App } from "sst/constructs";
import { Database } from "./Database";
import type { FunctionWiring } from "./lambda";
import { useStage } from "./settings";
import { Sms } from "./Sms";
import { Web } from "./Web";

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
  };
}
