import * as Motif from "@rdv/core/motif";
import { route } from "./middleware";

// A module of its own: the other catalogue routes search slots, which this one does not need.

/** GET /v1/public/motifs?commune=CODE */
export const handler = route(async ({ query }) => ({
  body: { services: await Motif.listForCommune({ commune: query.commune ?? "" }) },
}));
