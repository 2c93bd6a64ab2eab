import { docClient, tableName } from "./client";

/** Shared ElectroDB model settings: every entity lives in service "rdv" on the one table. */
export const SERVICE = "rdv";

export function entityConfig() {
  return { client: docClient(), table: tableName() };
}

export const timestamps = {
  createdAt: {
    type: "string",
    readOnly: true,
    required: true,
    default: () => new Date().toISOString(),
  },
  updatedAt: {
    type: "string",
    required: true,
    watch: "*",
    default: () => new Date().toISOString(),
    set: () => new Date().toISOString(),
  },
} as const;
