import * as AgentNotice from "@rdv/core/agent-notice";
import { agentRoute } from "./agent-middleware";

// Which online changes of their appointments an agent is told of by e-mail (« Mon compte »).

/** GET /v1/agent/me/notifications → {changes: "all" | "soon" | "none"} */
export const show = agentRoute(async (_request, ctx) => ({ body: await AgentNotice.preference(ctx) }));

/** POST /v1/agent/me/notifications {changes} */
export const save = agentRoute(async ({ body }, ctx) => ({ body: await AgentNotice.setPreference(body, ctx) }));
