import { isConditionFailure } from "../db/condition";
import type { TransactionEntities } from "../db/transact";
import { FreedTimeEntity } from "./freed-time.entity";

/**
 * Freed time: what a change gave back to the public (docs/architecture.md, "Recovering freed
 * time"). The change writes the item in its own transaction (so nothing is lost if the process
 * stops right after the commit); the waitlist reads the queue and offers the time.
 */
export const QUEUE = "freed";

export interface Freed {
  appointmentId: string;
  motifId: string;
  placeId: string;
  organisationId: string;
  /** UTC instant */
  startsAt: string;
  timezone: string;
}

/** The freed-time item, as a transaction item of the change that frees the time. */
export function item(e: Pick<TransactionEntities, "freedTime">, freed: Freed, now: Date) {
  const { appointmentId, ...rest } = freed;
  return e.freedTime
    .put({
      freedId: `${appointmentId}.${freed.startsAt}`,
      ...rest,
      workQueue: QUEUE,
      workDueAt: now.toISOString(),
      // kept a week at most: time freed long ago has been offered, or never will be
      expiresAt: Math.floor(now.getTime() / 1000) + 7 * 86_400,
    })
    .commit();
}

export type FreedRecord = Awaited<ReturnType<ReturnType<typeof FreedTimeEntity.get>["go"]>>["data"] & {};

/** Freed time due, oldest first, a page at a time. */
export async function due(now: Date, options: { cursor?: string | null; limit?: number } = {}) {
  return FreedTimeEntity.query
    .pendingWork({ workQueue: QUEUE })
    .lte({ workDueAt: now.toISOString() })
    .go({ cursor: options.cursor ?? null, limit: options.limit ?? 50 });
}

/** Takes the item out of the queue once offered (or found not to be offerable). */
export async function done(freedId: string): Promise<void> {
  try {
    await FreedTimeEntity.patch({ freedId }).remove(["workQueue", "workDueAt"]).go({ response: "none" });
  } catch (error) {
    if (!isConditionFailure(error)) throw error; // deleted by its TTL meanwhile: nothing left to do
  }
}
