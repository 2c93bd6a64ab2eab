import { DomainError } from "../error";

/**
 * The database cannot be reached or cannot serve right now, after the SDK's own retries:
 * connection refused or reset, DNS or route failures, the client's timeouts, DynamoDB 5xx and
 * throttling. Such a request may succeed later: a 503 with Retry-After, never a 500.
 */
export class DatabaseUnavailableError extends DomainError {
  constructor(retryAfterSeconds = RETRY_AFTER_SECONDS) {
    super("service.unavailable", "unavailable", "Le service est momentanément indisponible. Merci de réessayer dans un instant.", undefined, retryAfterSeconds);
    this.name = "DatabaseUnavailableError";
  }
}

export const RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN"]);

/** SDK error names of a DynamoDB that is overloaded or failing (the SDK has retried them already). */
const SERVICE_NAMES = new Set([
  "TimeoutError", // the request handler's connection and request timeouts
  "InternalServerError",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "LimitExceededException",
]);

function isUnreachable(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const e = error as { name?: unknown; code?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: unknown }; errors?: unknown };
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.name === "string" && SERVICE_NAMES.has(e.name)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (e.$fault === "server" || (typeof status === "number" && status >= 500)) return true;
  // Node's happy-eyeballs connect (IPv6 then IPv4) fails with an AggregateError of both attempts
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isUnreachable);
}

/** Whether an error (or one in its cause chain: ElectroDB wraps the SDK's) means the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DomainError) return false;
    if (isUnreachable(e)) return true;
  }
  return false;
}
