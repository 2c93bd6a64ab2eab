import { putAll, type PutItem } from "../db/batch";
import { readOne, type Key, type Read, type StoredItem } from "../db/batch-get";
import { partitionOf, type Partition } from "../db/partition";
import type { TransactionEntities } from "../db/transact";
import { NotFoundError } from "../error";
import { PlaceEntity } from "./place.entity";

export type PlaceRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof PlaceEntity.get>["go"]>>["data"]>;

export type PlaceItem = PutItem<typeof PlaceEntity>;

/** A place, or null (fromId is the 404 for callers that need one). */
export async function get(placeId: string): Promise<PlaceRecord | null> {
  return (await PlaceEntity.get({ placeId }).go()).data;
}

/** The read of a place, to gather with others in one BatchGetItem (null when unknown; see `found`). */
export function read(placeId: string): Read<PlaceRecord | null> {
  return readOne(PlaceEntity.get({ placeId }).params<{ Key: Key }>().Key, (item) => PlaceEntity.parse({ Item: item }).data as PlaceRecord);
}

/** A place read with `read`, or the 404 of `fromId`. */
export function found(place: PlaceRecord | null): PlaceRecord {
  if (!place) throw new NotFoundError("place.not_found", "Ce lieu n'existe pas.");
  return place;
}

export async function fromId(placeId: string): Promise<PlaceRecord> {
  const result = await PlaceEntity.get({ placeId }).go();
  if (!result.data) throw new NotFoundError("place.not_found", "Ce lieu n'existe pas.");
  return result.data;
}

/** The partition that holds an organisation's places (gsi1; its motifs and members are filed there too). */
export function organisationPartition(organisationId: string): Partition {
  return partitionOf(PlaceEntity.query.byOrganisation({ organisationId }).params());
}

/** The places among items read together (see db/partition). */
export function parseMany(items: StoredItem[]): PlaceRecord[] {
  return PlaceEntity.parse({ Items: items }, { ignoreOwnership: false }).data as PlaceRecord[];
}

export async function listByOrganisation(organisationId: string): Promise<PlaceRecord[]> {
  return (await PlaceEntity.query.byOrganisation({ organisationId }).go({ pages: "all" })).data;
}


/** The transaction item that saves a place (configuration writes it with its audit entry). */
export function saveWrite(e: Pick<TransactionEntities, "place">, item: PlaceItem) {
  return e.place.put(item).commit();
}

/** Saves many places in batches (département import). */
export async function saveAll(items: PlaceItem[]): Promise<void> {
  await putAll(PlaceEntity, items);
}
