import * as Export from "@rdv/core/export";
import { agentRoute } from "./agent-middleware";

// A module of its own: the XLSX library it needs stays out of every other agent function's bundle.

/** GET /v1/agent/exports/appointments?organisation&from&to&format=csv|xlsx */
export const handler = agentRoute(async ({ query }, ctx) => ({
  file: await Export.appointments({ organisationId: query.organisation ?? "", from: query.from ?? "", to: query.to ?? "", format: query.format ?? "" }, ctx),
}));

