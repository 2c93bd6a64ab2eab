import { route } from "./middleware";

export const handler = route(async () => ({ body: { ok: true } }));
