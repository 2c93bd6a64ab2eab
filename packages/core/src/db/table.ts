/**
 * The single table's keys and indexes, as plain data. The SST Database stack, the local stack
 * and the tests all build the table from this object, so they cannot drift apart.
 *
 * Attribute names are generic (pk/sk, gsiNpk/gsiNsk); what each index serves is listed in
 * docs/data-model.md and named in the ElectroDB index of each entity (byOrganisation, byPhone…).
 */
export const tableDefinition = {
  partitionKey: "pk",
  sortKey: "sk",
  timeToLiveAttribute: "expiresAt",
  globalIndexes: [
    // gsi1 "owner": configuration items listed under their owner (organisation → places,
    // motifs, agents; place → opening rules; organisation → usager profiles by phone).
    { indexName: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    // gsi2 "time": items ordered by instant under a scope (organisation → appointments by start).
    { indexName: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    // gsi3 "lookup": exact look-ups (participation by manage-token hash, usager by phone or e-mail);
    // also an organisation's appointments by last change and its API keys.
    { indexName: "gsi3", partitionKey: "gsi3pk", sortKey: "gsi3sk" },
    // gsi4 "work": sparse index of pending or failed side effects (reminders, SMS) for the reconciler.
    { indexName: "gsi4", partitionKey: "gsi4pk", sortKey: "gsi4sk" },
  ],
} as const;

export type TableDefinition = typeof tableDefinition;

/** Every key attribute of the table (all strings). */
export function keyAttributes(def: TableDefinition = tableDefinition): string[] {
  return [
    def.partitionKey,
    def.sortKey,
    ...def.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
}
