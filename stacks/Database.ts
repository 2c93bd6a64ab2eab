import { Table, type StackContext } from "sst/constructs";
import { tableDefinition } from "@rdv/core/db/table";

/** The single table, built from the shared definition (keys, indexes, TTL). */
export function Database({ stack, app }: StackContext) {
  const def = tableDefinition;
  const fields = Object.fromEntries(
    [def.partitionKey, def.sortKey, ...def.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])].map((name) => [name, "string" as const]),
  );
  const table = new Table(stack, "Table", {
    fields,
    primaryIndex: { partitionKey: def.partitionKey, sortKey: def.sortKey },
    globalIndexes: Object.fromEntries(
      def.globalIndexes.map((index) => [index.indexName, { partitionKey: index.partitionKey, sortKey: index.sortKey }]),
    ),
    timeToLiveAttribute: def.timeToLiveAttribute,
    cdk: { table: { pointInTimeRecovery: app.stage !== "dev" } },
  });
  return { table };
}
