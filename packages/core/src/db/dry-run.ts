import { BatchGetCommand, type BatchGetCommandOutput } from "@aws-sdk/lib-dynamodb";
import { docClient, tableName } from "./client";

export { captureWrites, type CapturedWrite } from "./write-capture";
import type { CapturedWrite } from "./write-capture";

/**
 * What a dry run would change: the writes `captureWrites` kept (write-capture.ts), compared
 * with what the table holds.
 */
export interface KindChanges {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

/** Attributes a rewrite of the same data changes anyway (gsi3sk: an appointment's index by last change holds its updatedAt). */
const VOLATILE = new Set(["createdAt", "updatedAt", "gsi3sk"]);

function sameItem(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((key) => !VOLATILE.has(key)));
  for (const key of keys) if (!deepEqual(a[key], b[key])) return false;
  return true;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ak = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bk = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const keyOf = (item: Record<string, unknown>) => ({ pk: item.pk, sk: item.sk });
const keyString = (item: Record<string, unknown>) => `${String(item.pk)}\u0000${String(item.sk)}`;
/** ElectroDB's entity name on every item it writes */
const kindOf = (item: Record<string, unknown> | undefined) => String(item?.__edb_e__ ?? "inconnu");

async function readStored(keys: Array<Record<string, unknown>>): Promise<Map<string, Record<string, unknown>>> {
  const stored = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Array<Record<string, unknown>> | undefined = keys.slice(i, i + 100);
    while (pending && pending.length > 0) {
      const page: BatchGetCommandOutput = await docClient().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }));
      for (const item of page.Responses?.[tableName()] ?? []) stored.set(keyString(item), item);
      pending = page.UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  return stored;
}

/**
 * What the captured writes would change in the table, per kind of item (ElectroDB entity name):
 * a put of a new key creates, a put of the same attributes (write timestamps aside) changes
 * nothing, another put updates; a delete of an existing item deletes; an update sets its
 * attributes on the item as it would be (the stored one, or the one a put before it wrote). The
 * last write of a key wins.
 */
export async function compareWithTable(writes: CapturedWrite[]): Promise<Record<string, KindChanges>> {
  const last = new Map<string, CapturedWrite>();
  for (const write of writes) {
    const key = keyString(write.item);
    const before = last.get(key);
    // an update after a put or an update of the same key: one write of the merged attributes
    last.set(key, write.kind === "update" && before && before.kind !== "delete" ? { kind: before.kind, item: { ...before.item, ...write.item } } : write);
  }
  const stored = await readStored([...last.values()].map((write) => keyOf(write.item)));
  const changes: Record<string, KindChanges> = {};
  for (const [key, captured] of last) {
    const before = stored.get(key);
    const write: CapturedWrite = captured.kind === "update" ? { kind: "put", item: { ...before, ...captured.item } } : captured;
    if (write.kind === "delete" && !before) continue;
    const kind = kindOf(write.kind === "put" ? write.item : before);
    const counts = (changes[kind] ??= { created: 0, updated: 0, unchanged: 0, deleted: 0 });
    if (write.kind === "delete") counts.deleted += 1;
    else if (!before) counts.created += 1;
    else if (sameItem(write.item, before)) counts.unchanged += 1;
    else counts.updated += 1;
  }
  return changes;
}
