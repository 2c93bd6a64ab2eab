import { isConditionFailure } from "../db/condition";
import { Db } from "../db/service";
import { DomainError } from "../error";
import { RateLimitEntity } from "./rate-limit.entity";

/**
 * Fixed-window counters kept in the table: "at most `limit` per `windowSeconds` for this key".
 * The same primitive serves every limit of the product (bookings and searches per client, SMS
 * per number, sign-in failures per account and per client). Windows are aligned on the epoch
 * (an hour window runs from :00 to :00 UTC); a counter item lives until its window ends.
 */
export interface Window {
  /** the window's identity inside the key, e.g. "1764669600" (its start in epoch seconds) */
  id: string;
  /** end of the window (epoch seconds) */
  endsAt: number;
}

export function windowOf(now: Date, windowSeconds: number): Window {
  const start = Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds;
  return { id: String(start), endsAt: start + windowSeconds };
}

/** Seconds until the window of `now` ends (at least 1): the `Retry-After` of a refusal. */
export function retryAfter(now: Date, windowSeconds: number): number {
  return Math.max(1, windowOf(now, windowSeconds).endsAt - Math.floor(now.getTime() / 1000));
}

/** A refusal: 429 with `Retry-After`, a French message saying what to do instead. */
export class RateLimitedError extends DomainError {
  constructor(code: string, message: string, retryAfterSeconds: number) {
    super(code, "rate_limited", message, undefined, retryAfterSeconds);
    this.name = "RateLimitedError";
  }
}

export interface Limit {
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Takes `amount` units of the key's current window if that stays within the limit (one
 * conditional update). Returns whether it was granted; a refused take changes nothing.
 */
export async function take(limit: Limit, now: Date, amount = 1): Promise<{ granted: boolean; retryAfterSeconds: number }> {
  const window = windowOf(now, limit.windowSeconds);
  const retryAfterSeconds = retryAfter(now, limit.windowSeconds);
  if (amount > limit.limit) return { granted: false, retryAfterSeconds };
  try {
    await RateLimitEntity.update({ key: limit.key, window: window.id })
      .add({ count: amount })
      .set({ expiresAt: window.endsAt })
      .where((attr, op) => `${op.notExists(attr.count)} OR ${op.lte(attr.count, limit.limit - amount)}`)
      .go({ response: "none" });
    return { granted: true, retryAfterSeconds };
  } catch (error) {
    if (isConditionFailure(error)) return { granted: false, retryAfterSeconds };
    throw error;
  }
}

/** How many units the key's current window holds. */
export async function used(limit: Omit<Limit, "limit">, now: Date): Promise<number> {
  const window = windowOf(now, limit.windowSeconds);
  const item = (await RateLimitEntity.get({ key: limit.key, window: window.id }).go({ consistent: true })).data;
  return item?.count ?? 0;
}

/** Forgets the key's current window (a successful sign-in resets its failures). */
export async function reset(limit: Omit<Limit, "limit">, now: Date): Promise<void> {
  const window = windowOf(now, limit.windowSeconds);
  await RateLimitEntity.delete({ key: limit.key, window: window.id }).go({ response: "none" });
}

/** Adds units without a condition (counting failures that are refused elsewhere). */
export async function add(limit: Omit<Limit, "limit">, now: Date, amount = 1): Promise<number> {
  const window = windowOf(now, limit.windowSeconds);
  const result = await RateLimitEntity.update({ key: limit.key, window: window.id })
    .add({ count: amount })
    .set({ expiresAt: window.endsAt })
    .go({ response: "all_new" });
  return result.data.count ?? amount;
}

/**
 * The same take, as an item of a DynamoDB transaction (ElectroDB's `rateLimit` entity of the
 * `Db` service): the transaction fails on this item's condition when the limit is reached, so
 * the counter moves only if what it counts is committed.
 */
type TransactionEntities = Parameters<Parameters<typeof Db.transaction.write>[0]>[0];

export function transactionItem(
  entity: TransactionEntities["rateLimit"],
  limit: Limit,
  now: Date,
  amount = 1,
) {
  const window = windowOf(now, limit.windowSeconds);
  return entity
    .update({ key: limit.key, window: window.id })
    .add({ count: amount })
    .set({ expiresAt: window.endsAt })
    .where((attr, op) => `${op.notExists(attr.count)} OR ${op.lte(attr.count, limit.limit - amount)}`)
    .commit();
}
