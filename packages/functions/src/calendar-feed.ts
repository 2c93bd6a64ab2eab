import * as CalendarFeed from "@rdv/core/calendar-feed";
import * as Clock from "@rdv/core/clock";
import { agentRoute } from "./agent-middleware";
import { route } from "./middleware";

// An agent's secret calendar feed: made, shown and revoked by the agent; read by calendar software.

/** GET /v1/agent/calendar-feed → {active, createdAt?} (the address is shown only when made) */
export const status = agentRoute(async (_request, ctx) => ({ body: await CalendarFeed.status(ctx) }));

/** POST /v1/agent/calendar-feed → {url, createdAt}: a new address; the previous one stops working */
export const create = agentRoute(async (_request, ctx, now) => ({ statusCode: 201, body: await CalendarFeed.create(ctx, now) }));

/** DELETE /v1/agent/calendar-feed → {active: false} */
export const revoke = agentRoute(async (_request, ctx) => ({ body: await CalendarFeed.revoke(ctx) }));

/** GET /v1/public/calendar-feeds/{token} → text/calendar (404 when unknown or revoked; limited per address) */
export const feed = route(async ({ params }) => ({
  file: { body: Buffer.from(await CalendarFeed.read(params.token ?? "", Clock.now()), "utf8"), contentType: "text/calendar; charset=utf-8", filename: "rdv-agenda.ics" },
}));
