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

  it("sends everything outside a dry run", () => {
    expect(interceptWrite("PutItemCommand", { Item: { pk: "a", sk: "1" } })).toBeUndefined();
  });
});
