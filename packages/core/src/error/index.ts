/**
 * Domain errors: a stable dotted code, a French message for the public, optional field errors.
 * Handlers map them to HTTP statuses in one place (functions/src/middleware.ts).
 */
export type ErrorKind =
  | "invalid"
  | "not_found"
  | "conflict"
  | "forbidden"
  | "unauthorized"
  | "unprocessable"
  /** a limit was reached: 429 with Retry-After */
  | "rate_limited"
  /** a dependency (the database) cannot be reached: 503, retryable */
  | "unavailable";

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly fields?: Record<string, string>,
    /** seconds after which a retry may succeed (429 and 503 answers carry it as Retry-After) */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export class ValidationError extends DomainError {
  constructor(fields: Record<string, string>, message = "Certaines informations sont invalides.") {
    super("request.invalid", "invalid", message, fields);
    this.name = "ValidationError";
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string) {
    super(code, "not_found", message);
    this.name = "NotFoundError";
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, fields?: Record<string, string>) {
    super(code, "conflict", message, fields);
    this.name = "ConflictError";
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
