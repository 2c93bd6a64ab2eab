import { describe, expect, it } from "vitest";
import { isConflict, isUnavailable } from "./transact";

describe("what a cancelled transaction means", () => {
  it("a conflict: DynamoDB's TransactionConflict, or a failed condition on a versioned item only", () => {
    expect(isConflict([{ code: "None" }, { code: "TransactionConflict" }])).toBe(true);
    expect(isConflict([{ code: "None" }, { code: "ConditionalCheckFailed" }], [1])).toBe(true);
    expect(isConflict([{ code: "ConditionalCheckFailed" }, { code: "None" }], [1])).toBe(false);
    expect(isConflict([{ code: "ValidationError" }])).toBe(false);
  });

  it("the database under load (throttled items): a 503 rather than an error", () => {
    expect(isUnavailable([{ code: "None" }, { code: "ThrottlingError" }])).toBe(true);
    expect(isUnavailable([{ code: "ProvisionedThroughputExceeded" }])).toBe(true);
    expect(isUnavailable([{ code: "ConditionalCheckFailed" }, { code: "TransactionConflict" }])).toBe(false);
  });
});
