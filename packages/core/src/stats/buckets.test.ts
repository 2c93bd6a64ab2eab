import { describe, expect, it } from "vitest";
import { cancellationBucket, percentage } from "./index";

const START = "2026-12-10T09:00:00.000Z";
const before = (ms: number) => new Date(Date.parse(START) - ms);
const HOUR = 3_600_000;

describe("statistics' cancellation lead times and rates", () => {
  it("buckets a cancellation by how long before the start it was made; none once started", () => {
    expect(
      [1, 23 * HOUR + 59 * 60_000, 24 * HOUR, 7 * 24 * HOUR, 7 * 24 * HOUR + 1, 40 * 24 * HOUR].map((ms) => cancellationBucket(START, before(ms))),
    ).toEqual(["cancelledUnder1Day", "cancelledUnder1Day", "cancelled1To7Days", "cancelled1To7Days", "cancelledOver7Days", "cancelledOver7Days"]);
    expect([0, -1, -HOUR].map((ms) => cancellationBucket(START, before(ms)))).toEqual([undefined, undefined, undefined]);
  });

  it("rates with one decimal, none without a denominator", () => {
    expect([percentage(5, 6), percentage(1, 3), percentage(0, 4), percentage(2, 2), percentage(0, 0)]).toEqual([83.3, 33.3, 0, 100, null]);
  });
});
