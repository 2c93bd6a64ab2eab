import * as Commune from "@rdv/core/commune";
import { parse, route } from "./middleware";

/** GET /v1/public/communes?q=… — communes the département serves, for the type-ahead. */
export const handler = route(async ({ query }) => {
  const input = parse(Commune.SearchInput, { q: query.q ?? "" });
  return { body: { communes: await Commune.search(input) } };
});
