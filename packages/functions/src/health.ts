import { RETRY_AFTER_SECONDS } from "@rdv/core/db/client";
import * as Health from "@rdv/core/health";
import { route } from "./middleware";

/** GET /v1/health: 200 {ok:true} when the table answers within a second, else 503 {ok:false, database}. */
export const handler = route(async () => {
  const status = await Health.check();
  return status.ok ? { body: status } : { statusCode: 503, body: status, headers: { "retry-after": String(RETRY_AFTER_SECONDS) } };
});
