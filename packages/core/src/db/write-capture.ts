import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Dry runs (`npm run import -- FILE --dry-run`): the same code path as the real run, with every
 * write kept here instead of being sent. The DynamoDB client's middleware (client.ts) asks
 * `interceptWrite` about each command; inside `captureWrites` puts and deletes are recorded and
 * answered as if they succeeded, reads go to the table as usual. Transactions are kept item by
 * item — their puts, deletes, and updates that only set attributes (`SET #a = :a, …`, what the
 * import's copies of busy time by place write); their condition checks are not evaluated. A
 * write this module cannot preview (any other update, alone or in a transaction) stops the dry
 * run rather than being sent.
 */
export interface CapturedWrite {
  kind: "put" | "delete" | "update";
  /** the item written (put), the key deleted (delete), or the key and the attributes set (update), as the document client sees them */
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
    case "TransactWriteItemsCommand": {
      const items = input.TransactItems as TransactItem[] | undefined;
      if (!Array.isArray(items) || items.length === 0) throw refused(command);
      const kept = items.flatMap((item): CapturedWrite[] => {
        if (item.Put) return [{ kind: "put", item: item.Put.Item }];
        if (item.Delete) return [{ kind: "delete", item: item.Delete.Key }];
        if (item.Update) return [{ kind: "update", item: { ...item.Update.Key, ...setAttributes(item.Update, command) } }];
        if (item.ConditionCheck) return [];
        throw refused(command);
      });
      writes.push(...kept);
      return {};
    }
    case "UpdateItemCommand":
      throw refused(command);
    default:
      return undefined;
  }
}

type TransactItem = {
  Put?: { Item: Record<string, unknown> };
  Delete?: { Key: Record<string, unknown> };
  Update?: UpdateInput;
  ConditionCheck?: unknown;
};
type UpdateInput = { Key: Record<string, unknown>; UpdateExpression?: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> };

function refused(command: string): Error {
  return new Error(`simulation impossible : ${command} n'est pas prévu par la simulation (rien n'a été écrit)`);
}

/** The attributes an update sets, when it only sets attributes by name to values (`SET #a = :a, #b = :b`); refused otherwise. */
function setAttributes(update: UpdateInput, command: string): Record<string, unknown> {
  const match = /^SET (.+)$/.exec(update.UpdateExpression?.trim() ?? "");
  if (!match) throw refused(command);
  const set: Record<string, unknown> = {};
  for (const assignment of match[1]!.split(",")) {
    const parts = /^\s*(#\w+)\s*=\s*(:\w+)\s*$/.exec(assignment);
    const name = parts ? update.ExpressionAttributeNames?.[parts[1]!] : undefined;
    if (!parts || name === undefined || !(parts[2]! in (update.ExpressionAttributeValues ?? {}))) throw refused(command);
    set[name] = update.ExpressionAttributeValues![parts[2]!];
  }
  return set;
}
