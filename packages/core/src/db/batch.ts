import type { CreateEntityItem, Entity } from "electrodb";

/** What `put` takes for an entity: a concept names its items' type without exposing its entity. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PutItem<E extends Entity<any, any, any, any>> = CreateEntityItem<E>;

/**
 * Writes in batches (BatchWriteItem, 25 items a request), as a validated bulk import may. Each
 * concept passes its own entity (`Place.saveAll` → `putAll(PlaceEntity, items)`): an entity stays
 * private to its concept.
 */
export async function putAll<T>(entity: { put(items: T[]): { go(): Promise<{ unprocessed: unknown[] }> } }, items: T[]): Promise<void> {
  if (items.length === 0) return;
  const result = await entity.put(items).go();
  if (result.unprocessed.length > 0) throw new Error(`${result.unprocessed.length} items were not written`);
}

const GET_ATTEMPTS = 5;

/**
 * Reads items by key in batches (BatchGetItem, 100 keys a request) and never drops one silently:
 * keys DynamoDB leaves unprocessed (throttling, 16 MB answers) are asked again after a short
 * pause, and an error is thrown if some still are after a few attempts. A missing item is simply
 * absent from the answer.
 */
export async function getAll<K, T>(entity: { get(keys: K[]): { go(): Promise<{ data: T[]; unprocessed: K[] }> } }, keys: K[]): Promise<T[]> {
  const found: T[] = [];
  let pending = keys;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const result = await entity.get(pending).go();
    found.push(...result.data);
    pending = result.unprocessed;
    if (pending.length === 0) break;
    if (attempt >= GET_ATTEMPTS) throw new Error(`${pending.length} items were not read`);
    await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
  }
  return found;
}
