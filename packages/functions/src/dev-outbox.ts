import * as Outbox from "@rdv/core/outbox";
import { route } from "./middleware";

/** GET /v1/dev/outbox?limit=N — local only: the SMS and e-mails that would have been sent, newest first. */
export const handler = route(async ({ query }) => ({
  body: { messages: await Outbox.list({ limit: query.limit }) },
}));
