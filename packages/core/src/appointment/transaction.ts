/** Helpers for ElectroDB write transactions, which resolve `{ canceled, data }` instead of throwing. */
export interface CancelReason {
  rejected: boolean;
  code: string;
}

export interface TransactionResult {
  canceled: boolean;
  data: CancelReason[];
}

export function reasonCodes(result: TransactionResult): string[] {
  return result.data.map((reason) => reason.code);
}

/** A transaction cancelled because a concurrent writer touched one of its items: retry it. */
export function isRetryable(result: TransactionResult, versionedIndexes: number[]): boolean {
  return result.data.some(
    (reason, i) => reason.code === "TransactionConflict" || (reason.code === "ConditionalCheckFailed" && versionedIndexes.includes(i)),
  );
}

/** A short random pause, growing with the attempt, so racing writers spread out. */
export function backoff(attempt: number): Promise<void> {
  const ms = Math.min(200, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}
