import { describe, expect, it } from "vitest";
import { inRequestPauseMs, isTransient, retryDelayMs, withRetries } from "./retry";

/** An error shaped as the AWS SDK v3 throws them: a name, and the HTTP status in `$metadata`. */
const sdkError = (name: string, httpStatusCode?: number) =>
  Object.assign(new Error("message that may quote a phone number"), { name, $metadata: { httpStatusCode } });
const networkError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe("which failures are retried", () => {
  it("throttling, timeouts and provider faults of SNS, SES and Scheduler, by name", () => {
    const names = [
      "ThrottledException", // SNS
      "KMSThrottlingException", // SNS
      "InternalErrorException", // SNS 500
      "TooManyRequestsException", // SES v2
      "InternalServiceErrorException", // SES v2 500
      "ThrottlingException", // Scheduler
      "InternalServerException", // Scheduler 500
      "ProvisionedThroughputExceededException", // DynamoDB behind the local outbox
      "TimeoutError", // the SDK's connection and socket timeouts
      "RequestTimeout",
      "RequestTimeoutException",
      "ServiceUnavailable",
    ];
    expect(names.filter((name) => !isTransient(sdkError(name)))).toEqual([]);
  });

  it("network errors, by Node's code", () => {
    const codes = ["ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "ENETDOWN", "EHOSTUNREACH"];
    expect(codes.filter((code) => !isTransient(networkError(code)))).toEqual([]);
    expect(isTransient(networkError("ERR_INVALID_ARG_TYPE"))).toBe(false);
  });

  it("any 5xx or 429 answer, whatever its name", () => {
    expect([500, 502, 503, 504, 599, 429].map((status) => isTransient(sdkError("UnknownError", status)))).toEqual([true, true, true, true, true, true]);
    expect([400, 403, 404, 409, 413].map((status) => isTransient(sdkError("UnknownError", status)))).toEqual([false, false, false, false, false]);
  });

  it("never validation, permission or account errors: they would fail the same way again", () => {
    const names = [
      "InvalidParameterException", // SNS: an invalid phone number
      "InvalidParameterValueException", // SNS
      "AuthorizationErrorException", // SNS
      "OptedOutException", // SNS
      "EndpointDisabledException", // SNS
      "KMSAccessDeniedException", // SNS
      "BadRequestException", // SES v2
      "MessageRejected", // SES v2
      "MailFromDomainNotVerifiedException", // SES v2
      "AccountSuspendedException", // SES v2
      "SendingPausedException", // SES v2
      "ValidationException", // Scheduler
      "ServiceQuotaExceededException", // Scheduler
      "ResourceNotFoundException", // Scheduler
      "AccessDeniedException",
      "ConditionalCheckFailedException",
      "TypeError",
      "Error",
    ];
    expect(names.filter((name) => isTransient(sdkError(name, 400)))).toEqual([]);
    expect(isTransient(new TypeError("cannot read properties of undefined"))).toBe(false);
  });

  it("nothing that is not an error object", () => {
    expect([undefined, null, "ThrottlingException", 503].map(isTransient)).toEqual([false, false, false, false]);
  });
});

describe("retries within a request", () => {
  const run = async (failures: unknown[]) => {
    const pauses: number[] = [];
    let calls = 0;
    const outcome = await withRetries(
      async () => {
        const failure = failures[calls++];
        if (failure) throw failure;
        return "ok";
      },
      { pause: async (ms) => void pauses.push(ms) },
    ).catch((error: unknown) => error);
    return { outcome, calls, pauses };
  };

  it("a transient failure is tried again, three attempts in all, pausing 100 then 400 ms", async () => {
    const throttled = sdkError("ThrottledException");
    expect(await run([throttled, throttled, throttled, undefined])).toEqual({ outcome: throttled, calls: 3, pauses: [100, 400] });
    expect(await run([throttled, undefined])).toEqual({ outcome: "ok", calls: 2, pauses: [100] });
  });

  it("a validation failure is thrown at once, without a second call", async () => {
    const invalid = sdkError("InvalidParameterException", 400);
    expect(await run([invalid, undefined])).toEqual({ outcome: invalid, calls: 1, pauses: [] });
    const afterThrottling = await run([sdkError("ThrottledException"), invalid, undefined]);
    expect(afterThrottling).toEqual({ outcome: invalid, calls: 2, pauses: [100] });
  });

  it("pauses and reconciler delays", () => {
    expect([1, 2].map(inRequestPauseMs)).toEqual([100, 400]);
    expect([0, 1, 2, 3, 6, 7, 12].map(retryDelayMs)).toEqual([60_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000]);
  });
});
