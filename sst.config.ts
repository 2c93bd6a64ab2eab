import type { SSTConfig } from "sst";
import { Alarms } from "./stacks/Alarms";
import { Api } from "./stacks/Api";
import { AgentAdminRoutes, AgentRoutes, ApiRoutes } from "./stacks/ApiRoutes";
import { Database } from "./stacks/Database";
import { Migrations } from "./stacks/Migrations";
import { Reminders } from "./stacks/Reminders";
import { useStage } from "./stacks/settings";
import { Sms } from "./stacks/Sms";
import { SmsReports } from "./stacks/SmsReports";
import { Web } from "./stacks/Web";
import { Webhooks } from "./stacks/Webhooks";

/**
 * One département per stage: `npx sst deploy --stage <name>` reads config/stages/<name>.json.
 * The API exists before the site (the site needs its URL) and its routes after (their links
 * point at the site), hence Api and the route stacks (AgentRoutes, AgentAdminRoutes, ApiRoutes). The data migrations run right after the table,
 * before any code that serves it (stacks/Migrations.ts).
 */
export default {
  config(input) {
    return { name: "rdv", region: input.region ?? "eu-west-3" };
  },
  stacks(app) {
    useStage(app); // validates the stage name and file before any resource is declared
    app.stack(Database).stack(Migrations).stack(Sms).stack(Api).stack(Web).stack(Reminders).stack(SmsReports).stack(Webhooks).stack(AgentRoutes).stack(AgentAdminRoutes).stack(ApiRoutes).stack(Alarms);
  },
} satisfies SSTConfig;
