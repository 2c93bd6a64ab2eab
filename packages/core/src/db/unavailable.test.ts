import { describe, expect, it } from "vitest";
import { ValidationError } from "../error";
import { isDatabaseUnavailable } from "./unavailable";

const sdkError = (name: string, fault: "client" | "server", httpStatusCode: number) =>
  Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode } });

describe("isDatabaseUnavailable", () => {
  it("recognises a database that cannot be reached or cannot serve, wrapped or not", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    const cases: unknown[] = [
      refused,
      Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      new AggregateError([refused, Object.assign(new Error("connect ECONNREFUSED ::1:1"), { code: "ECONNREFUSED" })]),
      Object.assign(new Error("Socket timed out without establishing a connection within 1000 ms"), { name: "TimeoutError" }),
      sdkError("InternalServerError", "server", 500),
      sdkError("ServiceUnavailable", "server", 503),
      sdkError("ProvisionedThroughputExceededException", "client", 400),
      sdkError("ThrottlingException", "client", 400),
      sdkError("RequestLimitExceeded", "client", 400),
      // ElectroDB wraps the SDK's error in its own
      Object.assign(new Error("Error thrown by DynamoDB client"), { name: "ElectroError", cause: refused }),
    ];
    for (const error of cases) expect(isDatabaseUnavailable(error), String(error)).toBe(true);
  });

  it("leaves every other failure alone: conditions, validation, permissions, a missing table, domain errors, bugs", () => {
    const cases: unknown[] = [
      sdkError("ConditionalCheckFailedException", "client", 400),
      sdkError("ValidationException", "client", 400),
      sdkError("AccessDeniedException", "client", 400),
      sdkError("ResourceNotFoundException", "client", 400),
      Object.assign(new Error("wrapped"), { cause: sdkError("TransactionCanceledException", "client", 400) }),
      new ValidationError({ id: "invalide" }),
      new TypeError("Cannot read properties of undefined"),
      new AggregateError([]),
      undefined,
      "ECONNREFUSED",
    ];
    for (const error of cases) expect(isDatabaseUnavailable(error), String(error)).toBe(false);
  });
});
