import { describe, expect, it } from "vitest";
import { getAll } from "./batch";

/** An entity whose batch reads leave `unprocessed` keys for the first `stubborn` answers. */
function flaky(stubborn: number) {
  const asked: string[][] = [];
  return {
    asked,
    get(keys: Array<{ id: string }>) {
      return {
        go: async () => {
          asked.push(keys.map((k) => k.id));
          if (asked.length <= stubborn) return { data: keys.slice(0, 1).map((k) => ({ ...k, found: true })), unprocessed: keys.slice(1) };
          return { data: keys.map((k) => ({ ...k, found: true })), unprocessed: [] };
        },
      };
    },
  };
}

describe("getAll (batch reads)", () => {
  it("asks again for the keys DynamoDB left unprocessed, and returns every item", async () => {
    const entity = flaky(2);
    const items = await getAll(entity, [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }]);
    expect(items.map((i) => i.id)).toEqual(["a", "b", "c", "d"]);
    expect(entity.asked).toEqual([["a", "b", "c", "d"], ["b", "c", "d"], ["c", "d"]]);
  });

  it("throws rather than drop keys still unprocessed after five attempts", async () => {
    await expect(getAll(flaky(100), Array.from({ length: 10 }, (_, i) => ({ id: String(i) })))).rejects.toThrow("5 items were not read");
  });

  it("reads nothing for no keys", async () => {
    const entity = flaky(0);
    expect(await getAll(entity, [])).toEqual([]);
    expect(entity.asked).toEqual([]);
  });
});
