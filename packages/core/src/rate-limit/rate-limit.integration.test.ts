import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Db } from "../db/service";
import * as RateLimit from ".";

const now = new Date("2026-12-02T10:20:00Z");

describe("rate limits (fixed windows in the table)", () => {
  it("grants up to the limit, refuses the next with the seconds left in the window, and a new window starts again", async () => {
    const limit = { key: `t#${randomUUID()}`, limit: 3, windowSeconds: 3600 };
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await RateLimit.take(limit, now));
    expect(results.map((r) => r.granted)).toEqual([true, true, true, false, false]);
    expect(results[3]!.retryAfterSeconds).toBe(40 * 60); // 10:20 → 11:00
    expect(await RateLimit.used(limit, now)).toBe(3);
    expect((await RateLimit.take(limit, new Date("2026-12-02T11:00:00Z"))).granted).toBe(true);
  });

  it("counts exactly under concurrency: 20 racing takes of a limit of 5 grant 5", async () => {
    const limit = { key: `t#${randomUUID()}`, limit: 5, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 20 }, () => RateLimit.take(limit, now)));
    expect(results.filter((r) => r.granted)).toHaveLength(5);
    expect(await RateLimit.used(limit, now)).toBe(5);
  });

  it("reset forgets the window; add counts without a condition", async () => {
    const limit = { key: `t#${randomUUID()}`, windowSeconds: 3600 };
    expect(await RateLimit.add(limit, now)).toBe(1);
    expect(await RateLimit.add(limit, now, 2)).toBe(3);
    await RateLimit.reset(limit, now);
    expect(await RateLimit.used(limit, now)).toBe(0);
  });

  it("inside a transaction, a counter at its limit cancels the whole transaction and moves nothing", async () => {
    const limit = { key: `t#${randomUUID()}`, limit: 1, windowSeconds: 3600 };
    const write = (marker: string) =>
      Db.transaction
        .write(({ rateLimit, outbox }) => [
          RateLimit.transactionItem(rateLimit, limit, now),
          outbox.create({ messageId: marker, channel: "sms", to: "+33600000000", text: "t", at: now.toISOString(), expiresAt: 0 }).commit(),
        ])
        .go();
    const first = randomUUID();
    const second = randomUUID();
    expect((await write(first)).canceled).toBe(false);
    const refused = await write(second);
    expect(refused.canceled).toBe(true);
    expect((refused.data as unknown as { code: string }[]).map((r) => r.code)).toEqual(["ConditionalCheckFailed", "None"]);
    expect(await RateLimit.used(limit, now)).toBe(1);
    expect((await Db.entities.outbox.get({ at: now.toISOString(), messageId: second }).go()).data).toBeNull();
  });
});
