import { fn } from "../validate";
import * as z from "zod";
import { putAll, type PutItem } from "../db/batch";
import { ServedCommuneEntity } from "./commune.entity";
import { searchCommunes } from "./search";

export { normalize } from "./search";

export const Info = z.object({
  code: z.string(),
  name: z.string(),
  postcodes: z.array(z.string()),
});
export type Info = z.infer<typeof Info>;

export const SearchInput = z.object({
  q: z.string().max(100, "100 caractères au plus").default(""),
  limit: z.coerce.number().int().min(1).max(50).default(50),
});

/** Communes the département's organisations serve, matching a type-ahead query (empty: the first 50). */
export const search = fn(SearchInput, async (input): Promise<Info[]> => {
  const served = await ServedCommuneEntity.query.primary({}).go({ pages: "all" });
  return searchCommunes(served.data, input.q, input.limit).map(({ code, name, postcodes }) => ({
    code,
    name,
    postcodes,
  }));
});

/** Organisation ids serving a commune, or none. */
export async function organisationsServing(code: string): Promise<string[]> {
  const result = await ServedCommuneEntity.get({ code }).go();
  return result.data?.organisationIds ?? [];
}

/**
 * Replaces the served-commune list (département import): communes no longer served are deleted,
 * the others written in batches.
 */
export async function rebuildServed(items: PutItem<typeof ServedCommuneEntity>[]): Promise<void> {
  const served = new Set(items.map((item) => item.code));
  const existing = await ServedCommuneEntity.query.primary({}).go({ pages: "all" });
  const stale = existing.data.filter((commune) => !served.has(commune.code)).map(({ code }) => ({ code }));
  if (stale.length > 0) await ServedCommuneEntity.delete(stale).go();
  await putAll(ServedCommuneEntity, items);
}
