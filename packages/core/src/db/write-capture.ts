import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Dry runs (`npm run import -- FILE --dry-run`): the same code path as the real run, with every
 * write kept here instead of being sent. The DynamoDB client's middleware (client.ts) asks
 * `interceptWrite` about each command; inside `captureWrites` puts and deletes are recorded and
 * answered as if they succeeded, reads go to the table as usual. A write this module cannot
 * preview (an update, a transaction) stops the dry run rather than being sent.
 */
export interface CapturedWrite {
  kind: "put" | "delete";
  /** the item written (put) or the key deleted (delete), as the document client sees them */
  item: Record<string, unknown>;
}

const capturing = new AsyncLocalStorage<CapturedWrite[]>();

export async function captureWrites<T>(run: () => Promise<T>): Promise<{ result: T; writes: CapturedWrite[] }> {
  const writes: CapturedWrite[] = [];
  const result = await capturing.run(writes, run);
  return { result, writes };
}

type Request = { PutRequest?: { Item: Record<string, unknown> }; DeleteRequest?: { Key: Record<string, unknown> } };

/** The answer to give instead of sending `command`, or undefined to send it (no dry run, or a read). */
export function interceptWrite(command: string | undefined, input: Record<string, unknown>): object | undefined {
  const writes = capturing.getStore();
  if (!writes) return undefined;
  switch (command) {
    case "PutItemCommand":
      writes.push({ kind: "put", item: input.Item as Record<string, unknown> });
      return {};
    case "DeleteItemCommand":
      writes.push({ kind: "delete", item: input.Key as Record<string, unknown> });
      return {};
    case "BatchWriteItemCommand":
      for (const requests of Object.values(input.RequestItems as Record<string, Request[]>)) {
        for (const request of requests) {
          if (request.PutRequest) writes.push({ kind: "put", item: request.PutRequest.Item });
          if (request.DeleteRequest) writes.push({ kind: "delete", item: request.DeleteRequest.Key });
        }
      }
      return { UnprocessedItems: {} };
    case "UpdateItemCommand":
    case "TransactWriteItemsCommand":
      throw new Error(`simulation impossible : ${command} n'est pas prévu par la simulation (rien n'a été écrit)`);
    default:
      return undefined;
  }
}
