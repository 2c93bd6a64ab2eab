/**
 * Which failures of a side effect (SNS, SES, EventBridge Scheduler, and DynamoDB behind the local
 * outbox) are worth trying again. Only failures known to pass are: throttling, timeouts, network
 * errors and 5xx answers, each recognised by name, code or status. Everything else (an invalid
 * phone number or parameter, a refused permission, an opted-out number, a bug) would fail the
 * same way again, so it is marked failed at once.
 */
const TRANSIENT_NAMES: ReadonlySet<string> = new Set([
  // throttling (SNS, SES, Scheduler, DynamoDB, and the SDK's generic names)
  "ThrottledException",
  "KMSThrottlingException",
  "TooManyRequestsException",
  "ThrottlingException",
  "Throttling",
  "RequestThrottled",
  "RequestThrottledException",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
  "SlowDown",
  // timeouts
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  // the provider's own faults (5xx)
  "InternalErrorException",
  "InternalServiceErrorException",
  "InternalServerException",
  "InternalServerError",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
]);

/** Node's codes for a connection that failed or broke. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "ENETDOWN",
  "EHOSTUNREACH",
]);

interface ProviderError {
  name?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** True for a failure that may pass if tried again later; false for one that will not. */
export function isTransient(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, code, $metadata } = error as ProviderError;
  if (typeof name === "string" && TRANSIENT_NAMES.has(name)) return true;
  if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
  const status = $metadata?.httpStatusCode;
  return typeof status === "number" && (status === 429 || (status >= 500 && status <= 599));
}

/** The name recorded and logged for a failure: never its message, which may quote a number or an address. */
export function errorName(error: unknown): string {
  const name = (error as Error | undefined)?.name;
  return typeof name === "string" && name ? name : "Error";
}

export const IN_REQUEST_ATTEMPTS = 3;

/** Pause before the next attempt within a request: 100 ms, then 400 ms. */
export function inRequestPauseMs(attempt: number): number {
  return 100 * 4 ** (attempt - 1);
}

/** When the reconciler tries a failed message again: 1 min, 2, 4… capped at 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `fn` up to `attempts` times while it fails transiently, pausing in between; a failure
 * that is not transient, or the last one, is thrown at once.
 */
export async function withRetries<T>(fn: () => Promise<T>, options: { attempts?: number; pause?: (ms: number) => Promise<void> } = {}): Promise<T> {
  const attempts = options.attempts ?? IN_REQUEST_ATTEMPTS;
  const pause = options.pause ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await pause(inRequestPauseMs(attempt));
    }
  }
}
