import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConflictError } from "../error";
import { Db } from "./service";
import { BusyError, transact } from "./transact";

/** A counter item read, then written on the condition that it still holds what was read. */
const key = () => ({ key: `tx#${randomUUID()}`, window: "w" });
const read = async (k: { key: string; window: string }) => (await Db.entities.rateLimit.get(k).go({ consistent: true })).data?.count ?? 0;
const bump = (k: { key: string; window: string }) => Db.entities.rateLimit.update(k).add({ count: 1 }).set({ expiresAt: 0 }).go();

function writeNext(k: { key: string; window: string }, seen: number, versioned: number[]) {
  return (e: Parameters<Parameters<typeof Db.transaction.write>[0]>[0]) => ({
    items: [
      e.rateLimit
        .update(k)
        .set({ count: seen + 1, expiresAt: 0 })
        .where((attr, op) => (seen === 0 ? op.notExists(attr.count) : op.eq(attr.count, seen)))
        .commit(),
    ],
    versioned,
  });
}

describe("transact: one retry loop, retrying only conflicts", () => {
  it("a versioned item changed since it was read: reads again and commits", async () => {
    const k = key();
    let attempts = 0;
    const result = await transact(async (n) => {
      attempts = n;
      const seen = await read(k);
      if (n === 1) await bump(k); // another writer, between the read and the write
      return { write: writeNext(k, seen, [0]), committed: () => `committed after ${n}` };
    });
    expect([result, attempts, await read(k)]).toEqual(["committed after 2", 2, 2]);
  });

  it("a failed condition that is not a conflict is not retried", async () => {
    const k = key();
    await bump(k);
    let attempts = 0;
    await expect(
      transact(async (n) => {
        attempts = n;
        return { write: writeNext(k, 0, []), committed: () => "never" };
      }),
    ).rejects.toThrow("transaction cancelled: ConditionalCheckFailed");
    expect(attempts).toBe(1);
  });

  it("a cancellation the attempt explains becomes its domain error, at once", async () => {
    const k = key();
    await bump(k);
    let attempts = 0;
    const refusal = new ConflictError("test.refused", "Refusé.");
    await expect(
      transact(async (n) => {
        attempts = n;
        return {
          write: writeNext(k, 0, [0]),
          committed: () => "never",
          cancelled: (reasons) => {
            if (reasons[0]?.code === "ConditionalCheckFailed") throw refusal;
            return undefined;
          },
        };
      }),
    ).rejects.toBe(refusal);
    expect(attempts).toBe(1);
  });

  it("gives up after its attempts with a 409 busy; `done` writes nothing; `retry` reads again", async () => {
    const k = key();
    await expect(
      transact(
        async () => {
          const seen = await read(k);
          await bump(k); // always overtaken
          return { write: writeNext(k, seen, [0]), committed: () => "never" };
        },
        { maxAttempts: 3 },
      ),
    ).rejects.toBeInstanceOf(BusyError);
    expect(await read(k)).toBe(3);
    expect(await transact(async () => ({ done: "already" }))).toBe("already");
    const calls: number[] = [];
    expect(await transact(async (n) => (calls.push(n), n < 3 ? { retry: true as const } : { done: n }))).toBe(3);
    expect(calls).toEqual([1, 2, 3]);
  });
});
