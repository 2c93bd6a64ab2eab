import { BatchWriteCommand, ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { docClient, tableName } from "../db/client";

async function scanAll(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await docClient().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/**
 * Every item of the current table (tests use one table per file), without write timestamps (nor
 * the appointments' index key by last change, which holds one), in
 * key order; `except` leaves out entities (e.g. "rateLimit": a refused search still counts
 * against its client's cap, which is not a write of the request's effect).
 */
export async function tableSnapshot(options: { except?: string[] } = {}): Promise<Record<string, unknown>[]> {
  return (await scanAll())
    .filter((item) => !options.except?.includes(String(item.__edb_e__)))
    .map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest)
    // an appointment's index by last change holds its updatedAt: a write timestamp too
    .map(({ gsi3sk, ...rest }) => (rest.__edb_e__ === "appointment" ? rest : { ...rest, ...(gsi3sk === undefined ? {} : { gsi3sk }) }))
    .sort((a, b) => `${String(a.pk)}|${String(a.sk)}`.localeCompare(`${String(b.pk)}|${String(b.sk)}`));
}

/** Deletes every item of the current table: a test that reads a whole département starts from an empty one. */
export async function clearTable(): Promise<void> {
  const keys = (await scanAll()).map((item) => ({ pk: item.pk, sk: item.sk }));
  for (let i = 0; i < keys.length; i += 25) {
    let requests = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    while (requests.length > 0) {
      const result = await docClient().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }));
      requests = (result.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
    }
  }
}

/** Removes an attribute from the items of an entity whose `field` is `value`: items as an older release wrote them. */
export async function removeAttribute(entity: string, field: string, value: string, attribute: string): Promise<number> {
  const items = (await scanAll()).filter((item) => item.__edb_e__ === entity && item[field] === value);
  for (const item of items) {
    await docClient().send(new UpdateCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk }, UpdateExpression: "REMOVE #a", ExpressionAttributeNames: { "#a": attribute } }));
  }
  return items.length;
}
