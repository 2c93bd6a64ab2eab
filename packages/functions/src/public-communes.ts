import * as Commune from "@rdv/core/commune";
import { route } from "./middleware";

/** GET /v1/public/communes?q=… — communes the département serves, for the type-ahead. */
export const handler = route(async ({ query }) => {
  return { body: { communes: await Commune.search({ q: query.q ?? "" }) } };
});
