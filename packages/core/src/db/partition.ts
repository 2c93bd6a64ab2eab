import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { StoredItem } from "./batch-get";
import { docClient, tableName } from "./client";

/**
 * One partition of the table or of an index. Concepts that file their items under the same key
 * (an organisation's places, motifs and members in gsi1; an agent and their memberships) are
 * read in one query, each concept parsing its own items with its own entity.
 */
export interface Partition {
  indexName?: string;
  pkName: string;
  pk: string;
  skName: string;
}

/** The partition of an ElectroDB query (`entity.query.x(…).params()`), whatever its sort key condition. */
export function partitionOf(params: { IndexName?: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> }): Partition {
  const names = params.ExpressionAttributeNames ?? {};
  return { indexName: params.IndexName, pkName: names["#pk"]!, pk: String(params.ExpressionAttributeValues?.[":pk"]), skName: names["#sk1"]! };
}

/** Every item of a partition (sort keys below `below`, when given), in one paged query. */
export async function queryPartition(partition: Partition, options: { below?: string; consistent?: boolean } = {}): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let start: QueryCommandInput["ExclusiveStartKey"];
  do {
    const page = await docClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: partition.indexName,
        KeyConditionExpression: options.below ? "#pk = :pk AND #sk < :below" : "#pk = :pk",
        ExpressionAttributeNames: { "#pk": partition.pkName, ...(options.below ? { "#sk": partition.skName } : {}) },
        ExpressionAttributeValues: { ":pk": partition.pk, ...(options.below ? { ":below": options.below } : {}) },
        ExclusiveStartKey: start,
        ...(options.consistent ? { ConsistentRead: true } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
