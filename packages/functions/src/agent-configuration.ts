import * as Configuration from "@rdv/core/configuration";
import { agentRoute } from "./agent-middleware";

// An organisation's configuration (places, motifs, opening rules, absences) and its journal.
// One Lambda per route; these routes share a module (so a bundle) because they need the same part of core.

/** GET /v1/agent/configuration?organisation */
export const configuration = agentRoute(async ({ query }, ctx) => ({ body: await Configuration.list({ organisationId: query.organisation ?? "" }, ctx) }));

/** GET /v1/agent/configuration/changes?organisation&limit&cursor — the organisation's configuration changes, newest first (admins) */
export const configurationChanges = agentRoute(async ({ query }, ctx) => ({
  body: await Configuration.changes({ organisationId: query.organisation ?? "", limit: query.limit, cursor: query.cursor }, ctx),
}));

export const savePlace = agentRoute(async ({ body }, ctx, now) => ({ body: await Configuration.savePlace(body, ctx, now) }));
export const saveMotif = agentRoute(async ({ body }, ctx, now) => ({ body: await Configuration.saveMotif(body, ctx, now) }));
export const saveOpeningRule = agentRoute(async ({ body }, ctx, now) => ({ body: await Configuration.saveOpeningRule(body, ctx, now) }));
export const editOccurrence = agentRoute(async ({ body }, ctx, now) => ({ body: await Configuration.editOccurrence(body, ctx, now) }));
export const deleteOpeningRule = agentRoute(async ({ params }, ctx, now) => {
  await Configuration.deleteOpeningRule(params.ruleId ?? "", ctx, now);
  return { body: { ok: true } };
});
export const saveAbsence = agentRoute(async ({ body }, ctx, now) => ({ body: await Configuration.saveAbsence(body, ctx, now) }));
export const editAbsenceOccurrence = agentRoute(async ({ body }, ctx, now) => ({ body: await Configuration.editAbsenceOccurrence(body, ctx, now) }));
export const deleteAbsence = agentRoute(async ({ body }, ctx, now) => {
  await Configuration.deleteAbsence(body, ctx, now);
  return { body: { ok: true } };
});
