import { describe, expect, it } from "vitest";
import { captureWrites, interceptWrite } from "./write-capture";

describe("writes kept by a dry run", () => {
  it("keeps puts and deletes (single and batched), lets reads through, and refuses what it cannot preview", async () => {
    const { result, writes } = await captureWrites(async () => [
      interceptWrite("PutItemCommand", { Item: { pk: "a", sk: "1" } }),
      interceptWrite("BatchWriteItemCommand", { RequestItems: { t: [{ PutRequest: { Item: { pk: "b", sk: "1" } } }, { DeleteRequest: { Key: { pk: "c", sk: "1" } } }] } }),
      interceptWrite("DeleteItemCommand", { Key: { pk: "d", sk: "1" } }),
      interceptWrite("QueryCommand", {}),
    ]);
    expect(result).toEqual([{}, { UnprocessedItems: {} }, {}, undefined]);
    expect(writes).toEqual([
      { kind: "put", item: { pk: "a", sk: "1" } },
      { kind: "put", item: { pk: "b", sk: "1" } },
      { kind: "delete", item: { pk: "c", sk: "1" } },
      { kind: "delete", item: { pk: "d", sk: "1" } },
    ]);
    await expect(captureWrites(async () => interceptWrite("UpdateItemCommand", {}))).rejects.toThrow("UpdateItemCommand n'est pas prévu par la simulation");
    await expect(captureWrites(async () => interceptWrite("TransactWriteItemsCommand", {}))).rejects.toThrow("rien n'a été écrit");
  });

  it("keeps a transaction's puts, deletes and attribute-setting updates, skips its condition checks, and refuses any other update", async () => {
    const { writes } = await captureWrites(async () =>
      interceptWrite("TransactWriteItemsCommand", {
        TransactItems: [
          { Put: { Item: { pk: "a", sk: "1", n: 1 } } },
          { ConditionCheck: { Key: { pk: "b", sk: "1" }, ConditionExpression: "attribute_exists(pk)" } },
          { Update: { Key: { pk: "c", sk: "1" }, UpdateExpression: "SET #x = :x, #y = :y", ExpressionAttributeNames: { "#x": "x", "#y": "d|a|2027-01-04" }, ExpressionAttributeValues: { ":x": "X", ":y": "[1,[]]" } } },
          { Delete: { Key: { pk: "d", sk: "1" } } },
        ],
      }),
    );
    expect(writes).toEqual([
      { kind: "put", item: { pk: "a", sk: "1", n: 1 } },
      { kind: "update", item: { pk: "c", sk: "1", x: "X", "d|a|2027-01-04": "[1,[]]" } },
      { kind: "delete", item: { pk: "d", sk: "1" } },
    ]);
    const adding = { Update: { Key: { pk: "c", sk: "1" }, UpdateExpression: "ADD #n :one", ExpressionAttributeNames: { "#n": "n" }, ExpressionAttributeValues: { ":one": 1 } } };
    await expect(captureWrites(async () => interceptWrite("TransactWriteItemsCommand", { TransactItems: [adding] }))).rejects.toThrow("rien n'a été écrit");
  });

  it("sends everything outside a dry run", () => {
    expect(interceptWrite("PutItemCommand", { Item: { pk: "a", sk: "1" } })).toBeUndefined();
  });
});
