import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { ensureTable } from "../packages/local/src/table";
import { localClient } from "../packages/local/src/stack";

/**
 * Runs before each integration test file imports anything: a table of its own in the run's
 * DynamoDB Local, so files run in parallel without seeing each other's data.
 */
const endpoint = inject("dynamodbEndpoint");
const table = `t-${randomUUID()}`;
const client = localClient(endpoint);
await ensureTable(client, table);
client.destroy();
process.env.RDV_DYNAMODB_ENDPOINT = endpoint;
process.env.RDV_TABLE = table;
process.env.RDV_TOKEN_SECRET ??= "test-secret-test-secret-test-secret-0123";
process.env.AWS_REGION ??= "eu-west-3";
process.env.RDV_STAGE_SETTINGS ??= (await import("node:fs")).readFileSync(new URL("../config/stages/demo.json", import.meta.url), "utf8");
process.env.PUBLIC_URL ??= "https://rdv.example.fr";
