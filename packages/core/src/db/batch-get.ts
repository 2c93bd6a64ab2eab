import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import { docClient, tableName } from "./client";

export type Key = Record<string, unknown>;
export type StoredItem = Record<string, unknown>;

/**
 * What one concept needs read by key, and how it makes sense of the items: concepts hand out
 * reads (`Motif.read(id)`, `AgentTime.placeBusy(…)`) and a request gathers them into one
 * BatchGetItem (`readTogether`), so an entity stays private to its concept.
 */
export interface Read<T> {
  keys: Key[];
  /** the items of `keys`, in the same order, null where none is stored */
  parse: (items: Array<StoredItem | null>) => T;
}

const MAX_KEYS = 100;
const keyString = (key: Key) => `${String(key.pk)}\u0000${String(key.sk)}`;

/**
 * Items by key in as few BatchGetItem requests as DynamoDB allows (100 keys each): one for
 * the usual request. Keys asked twice are read once; unprocessed keys are asked again.
 */
export async function getItems(keys: Key[], options: { consistent?: boolean } = {}): Promise<Array<StoredItem | null>> {
  const unique = [...new Map(keys.map((key) => [keyString(key), key])).values()];
  const found = new Map<string, StoredItem>();
  const chunks: Key[][] = [];
  for (let i = 0; i < unique.length; i += MAX_KEYS) chunks.push(unique.slice(i, i + MAX_KEYS));
  await Promise.all(
    chunks.map(async (chunk) => {
      let pending: Key[] = chunk;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(200, 10 * 2 ** attempt)));
        if (attempt > 8) throw new Error(`${pending.length} keys left unread by BatchGetItem`);
        const answer = await docClient().send(
          new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: options.consistent === true } } }),
        );
        for (const item of answer.Responses?.[tableName()] ?? []) found.set(keyString(item), item);
        pending = (answer.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Key[];
      }
    }),
  );
  return keys.map((key) => found.get(keyString(key)) ?? null);
}

type Results<T extends readonly Read<unknown>[]> = { [K in keyof T]: T[K] extends Read<infer R> ? R : never };

/** Several concepts' reads in one BatchGetItem (more only past 100 keys). */
export async function readTogether<const T extends readonly Read<unknown>[]>(reads: T, options: { consistent?: boolean } = {}): Promise<Results<T>> {
  const items = await getItems(reads.flatMap((read) => read.keys), options);
  let offset = 0;
  return reads.map((read) => {
    const mine = items.slice(offset, offset + read.keys.length);
    offset += read.keys.length;
    return read.parse(mine);
  }) as Results<T>;
}

/** A read of one item by an entity's key (`entity.get(key).params()`), parsed by that entity. */
export function readOne<T>(key: Key, parse: (item: StoredItem) => T): Read<T | null> {
  return { keys: [key], parse: ([item]) => (item ? parse(item) : null) };
}
