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
