import * as CallList from "@rdv/core/call-list";
import { agentRoute } from "./agent-middleware";

// The call list ("À appeler"): appointments of the next days whose reminder cannot be trusted or whose usager is at risk.
// One Lambda per route; these routes share a module (so a bundle) because they need the same part of core.

/** GET /v1/agent/call-list?organisation (default: the organisation the agent works in now) */
export const list = agentRoute(async ({ query }, ctx, now) => ({
  body: await CallList.list({ organisationId: query.organisation ?? ctx.organisationId }, ctx, now),
}));

/** POST /v1/agent/call-list/{appointmentId} {outcome: "confirmed" | "cancelled" | "unreachable"} */
export const record = agentRoute(async ({ params, body }, ctx, now) => ({
  body: { outcome: await CallList.recordOutcome(params.appointmentId ?? "", body, ctx, now) },
}));
