import * as ReminderTrial from "@rdv/core/reminder-trial";
import * as Stats from "@rdv/core/stats";
import { agentRoute } from "./agent-middleware";

// Monthly statistics of an organisation.
// One Lambda per route; these routes share a module (so a bundle) because they need the same part of core.

/** GET /v1/agent/stats?organisation&from=YYYY-MM&to=YYYY-MM */
export const stats = agentRoute(async ({ query }, ctx) => ({
  body: { rows: await Stats.forOrganisation({ organisationId: query.organisation ?? "", from: query.from ?? "", to: query.to ?? "" }, ctx) },
}));

/** GET /v1/agent/stats/reminder-trial?organisation: the stage's reminder wording trial, per text (counters, 95 % intervals) */
export const reminderTrial = agentRoute(async ({ query }, ctx) => ({
  body: await ReminderTrial.forOrganisation({ organisationId: query.organisation ?? "" }, ctx),
}));

/** GET /v1/agent/stats/export?organisation&from=YYYY-MM&to=YYYY-MM — the same table as CSV */
export const statsCsv = agentRoute(async ({ query }, ctx) => ({
  file: await Stats.csvFile({ organisationId: query.organisation ?? "", from: query.from ?? "", to: query.to ?? "" }, ctx),
}));
