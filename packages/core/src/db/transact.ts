import { ConflictError } from "../error";
import { Db } from "./service";
import { DatabaseUnavailableError } from "./unavailable";

/**
 * One retry loop for every write transaction of the domain. ElectroDB resolves a cancelled
 * transaction (`{ canceled, data: reasons }`) instead of throwing. A cancellation is retried —
 * after a short random pause and a fresh read — only when it is a conflict: DynamoDB's
 * `TransactionConflict`, or a failed condition on an item the attempt marked as *versioned*
 * (written on the condition that nobody changed it since it was read). Any other cancellation is
 * the attempt's to explain (`onCancel`), or an error.
 */
export type TransactionEntities = Parameters<Parameters<typeof Db.transaction.write>[0]>[0];
export type TransactionItems = ReturnType<Parameters<typeof Db.transaction.write>[0]>;

export interface CancelReason {
  code: string;
}

export type Attempt<T> =
  /** nothing to write: the answer is known (already done) */
  | { done: T }
  /** what was read changed under the attempt (a day taken meanwhile): pause, read again */
  | { retry: true }
  | {
      /**
       * The items, and the indexes of those conditioned on what was read (an agent's day at the
       * version read…): their failure means "read again", a conflict.
       */
      write: (entities: TransactionEntities) => { items: TransactionItems; versioned?: number[] };
      /** after the commit: side effects and the answer */
      committed: () => Promise<T> | T;
      /** a cancellation that is not a conflict: throw the domain error it means, or return an answer */
      cancelled?: (reasons: CancelReason[]) => Promise<T | undefined> | T | undefined;
    };

export const MAX_ATTEMPTS = 30;

export class BusyError extends ConflictError {
  constructor() {
    super("appointment.busy", "Le service est très sollicité : merci de réessayer dans un instant.");
  }
}

export function isConflict(reasons: CancelReason[], versioned: number[] = []): boolean {
  return reasons.some((reason, i) => reason.code === "TransactionConflict" || (reason.code === "ConditionalCheckFailed" && versioned.includes(i)));
}

/** DynamoDB cancelled the transaction under load (a throttled item): the database cannot serve now, a 503. */
export function isUnavailable(reasons: CancelReason[]): boolean {
  return reasons.some((reason) => reason.code === "ThrottlingError" || reason.code === "ProvisionedThroughputExceeded");
}

/** A short random pause, growing with the attempt, so racing writers spread out. */
export function backoff(attempt: number): Promise<void> {
  const ms = Math.min(200, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `attempt` (read, decide, build the items), writes its items in one transaction, and
 * retries on conflicts only, up to `MAX_ATTEMPTS` (then a 409 "busy").
 */
export async function transact<T>(attempt: (n: number) => Promise<Attempt<T>>, options: { maxAttempts?: number } = {}): Promise<T> {
  const max = options.maxAttempts ?? MAX_ATTEMPTS;
  for (let n = 1; n <= max; n++) {
    const plan = await attempt(n);
    if ("done" in plan) return plan.done;
    if ("retry" in plan) {
      await backoff(n);
      continue;
    }
    let versioned: number[] = [];
    const result = (await Db.transaction
      .write((entities) => {
        const built = plan.write(entities);
        versioned = built.versioned ?? [];
        return built.items;
      })
      .go()) as unknown as { canceled: boolean; data: CancelReason[] };
    if (!result.canceled) return await plan.committed();
    const answer = await plan.cancelled?.(result.data);
    if (answer !== undefined) return answer;
    if (isUnavailable(result.data)) throw new DatabaseUnavailableError();
    if (!isConflict(result.data, versioned)) {
      throw new Error(`transaction cancelled: ${result.data.map((reason) => reason.code).join(",")}`);
    }
    await backoff(n);
  }
  throw new BusyError();
}
