import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { docClient, tableName } from "../db/client";

/**
 * Every item of the current table (tests use one table per file), without write timestamps, in
 * key order; `except` leaves out entities (e.g. "rateLimit": a refused search still counts
 * against its client's cap, which is not a write of the request's effect).
 */
export async function tableSnapshot(options: { except?: string[] } = {}): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await docClient().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items
    .filter((item) => !options.except?.includes(String(item.__edb_e__)))
    .map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest)
    .sort((a, b) => `${String(a.pk)}|${String(a.sk)}`.localeCompare(`${String(b.pk)}|${String(b.sk)}`));
}
