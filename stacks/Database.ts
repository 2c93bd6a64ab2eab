import { RemovalPolicy } from "aws-cdk-lib";
import { Table, type StackContext } from "sst/constructs";
import { keyAttributes, tableDefinition } from "@rdv/core/db/table";
import { useStage } from "./settings";

/**
 * The single table, built from the shared definition (keys, every index, TTL): on-demand,
 * point-in-time recovery on, kept on removal (and protected from deletion) on production stages.
 */
export function Database({ stack, app }: StackContext) {
  const { settings } = useStage(app);
  const def = tableDefinition;
  const table = new Table(stack, "Table", {
    fields: Object.fromEntries(keyAttributes(def).map((name) => [name, "string" as const])),
    primaryIndex: { partitionKey: def.partitionKey, sortKey: def.sortKey },
    globalIndexes: Object.fromEntries(
      def.globalIndexes.map((index) => [index.indexName, { partitionKey: index.partitionKey, sortKey: index.sortKey }]),
    ),
    timeToLiveAttribute: def.timeToLiveAttribute,
    cdk: {
      table: {
        pointInTimeRecovery: true, // SST's own default too; said here because the tests rely on it
        removalPolicy: settings.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        deletionProtection: settings.production,
      },
    },
  });
  stack.addOutputs({ TableName: table.tableName });
  return { table };
}
