/**
 * References measured in the same run, against the same DynamoDB Local as the stack: what the
 * database does with the requests an operation needs when nothing of the product runs around
 * them. A result is read as a ratio to its reference, which moves with the machine's load as the
 * result does (figures of different runs on a shared machine differ by 25–40 %).
 *
 * - raw transactions: 2-item TransactWriteItems (two puts of new items), 16 clients at once —
 *   a booking is one transaction of more items, plus its reads and the HTTP handler;
 * - bare requests: the very requests an operation sent (recorded with `recordDynamoCommands`),
 *   sent again at once, their answers left unparsed.
 */
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { RecordedRequest } from "../packages/core/src/db/client";
import { summarise, timeSequential, type Timing } from "./stats";

function client(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: "eu-west-3", credentials: { accessKeyId: "local", secretAccessKey: "local" }, maxAttempts: 3 }),
  );
}

export interface RawTransactions {
  clients: number;
  transactions: number;
  opsPerSec: number;
  /** one client alone, one transaction after the other */
  sequential: Timing;
}

/** 2-item TransactWriteItems: `clients` clients at once, each `perClient` one after the other (after a warm-up), then one client alone. */
export async function rawTransactions(endpoint: string, table: string, options: { clients?: number; perClient?: number; warmupMs?: number; sequential?: number } = {}): Promise<RawTransactions> {
  const { clients = 16, perClient = 40, warmupMs = 3000, sequential = 100 } = options;
  const db = client(endpoint);
  const write = () =>
    db.send(
      new TransactWriteCommand({
        TransactItems: [0, 1].map((n) => ({
          Put: { TableName: table, Item: { pk: `bench-raw#${randomUUID()}`, sk: `item#${n}`, n, expiresAt: Math.floor(Date.now() / 1000) + 3600 }, ConditionExpression: "attribute_not_exists(pk)" },
        })),
      }),
    );
  const warmUntil = performance.now() + warmupMs;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < warmUntil) await write();
  }));
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let i = 0; i < perClient; i++) await write();
  }));
  const seconds = (performance.now() - started) / 1000;
  const alone = await timeSequential(async () => void (await write()), { warmup: 10, iterations: sequential });
  db.destroy();
  return { clients, transactions: clients * perClient, opsPerSec: Math.round(((clients * perClient) / seconds) * 10) / 10, sequential: summarise(alone) };
}

/**
 * A transaction of `items` puts of new items of about `itemBytes` each (a booking's transaction
 * is 14–16 items), `clients` clients at once: how DynamoDB Local's rate falls with the size of a
 * transaction, the ceiling of any booking made of one.
 */
export async function rawTransactionsOf(endpoint: string, table: string, items: number, options: { clients?: number; perClient?: number; itemBytes?: number } = {}): Promise<number> {
  const { clients = 16, perClient = 15, itemBytes = 400 } = options;
  const db = client(endpoint);
  const filler = "x".repeat(itemBytes);
  const write = () =>
    db.send(
      new TransactWriteCommand({
        TransactItems: Array.from({ length: items }, (_, n) => ({
          Put: { TableName: table, Item: { pk: `bench-raw#${randomUUID()}`, sk: `item#${n}`, filler, expiresAt: Math.floor(Date.now() / 1000) + 3600 }, ConditionExpression: "attribute_not_exists(pk)" },
        })),
      }),
    );
  await Promise.all(Array.from({ length: clients }, async () => { for (let i = 0; i < 3; i++) await write(); }));
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let i = 0; i < perClient; i++) await write();
  }));
  db.destroy();
  return Math.round(((clients * perClient) / ((performance.now() - started) / 1000)) * 10) / 10;
}

/** The recorded read requests of an operation, sent again at once (a round), timed after a warm-up. */
export async function bareRequests(endpoint: string, requests: RecordedRequest[], options: { warmupMs?: number; iterations?: number } = {}): Promise<Timing> {
  const db = client(endpoint);
  const send = (request: RecordedRequest) => {
    switch (request.command) {
      case "GetItemCommand":
        return db.send(new GetCommand(request.input as never));
      case "QueryCommand":
        return db.send(new QueryCommand(request.input as never));
      case "BatchGetItemCommand":
        return db.send(new BatchGetCommand(request.input as never));
      default:
        throw new Error(`${request.command}: only reads are sent again`);
    }
  };
  const samples = await timeSequential(async () => void (await Promise.all(requests.map(send))), { warmup: 30, warmupMs: options.warmupMs ?? 5000, iterations: options.iterations ?? 300 });
  db.destroy();
  return summarise(samples);
}

/** Requests by command name, e.g. {"BatchGetItemCommand": 1, "QueryCommand": 2}. */
export function byCommand(commands: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const command of commands) counts[command] = (counts[command] ?? 0) + 1;
  return counts;
}
