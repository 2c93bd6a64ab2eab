import { ScanCommand, type ScanCommandInput } from "@aws-sdk/lib-dynamodb";
import { docClient, tableName } from "../db/client";

export type RawItem = Record<string, unknown>;

/** Items a page of a scan evaluates (before the filter): pages stay small, progress regular. */
export const PAGE_SIZE = 500;

/**
 * Scans the whole table a page at a time (a migration is a one-off maintenance job: it may scan,
 * never in one go), handing each page's matching items to `onPage` before reading the next.
 */
export async function scanPages(
  filter: Pick<ScanCommandInput, "FilterExpression" | "ExpressionAttributeNames" | "ExpressionAttributeValues">,
  onPage: (items: RawItem[], scanned: number) => Promise<void>,
  pageSize = PAGE_SIZE,
): Promise<void> {
  let exclusiveStartKey: ScanCommandInput["ExclusiveStartKey"];
  do {
    const page = await docClient().send(new ScanCommand({ TableName: tableName(), ...filter, Limit: pageSize, ExclusiveStartKey: exclusiveStartKey }));
    await onPage(page.Items ?? [], page.ScannedCount ?? 0);
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey);
}

/**
 * Runs `work` on every item, `concurrency` at a time. On a failure it starts nothing more, waits
 * for the items in hand to finish (no write is left in flight behind the caller), then throws
 * the first error.
 */
export async function eachLimited<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw failure.error;
}
