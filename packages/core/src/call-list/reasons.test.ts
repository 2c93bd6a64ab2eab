import { describe, expect, it } from "vitest";
import { reasonsFor, type ReasonFacts } from "./index";

const NOW = new Date("2026-12-01T08:00:00Z");
const trusted: ReasonFacts = {
  startsAt: "2026-12-03T09:00:00.000Z",
  bookedAt: "2026-11-20T10:00:00.000Z",
  phoneIsMobile: true,
  smsOptOut: false,
  noShows: 0,
  receipts: [{ status: "delivered", sentAt: "2026-11-20T10:00:01.000Z" }],
};

describe("why an appointment is on the call list", () => {
  it("none when the reminder can be trusted and the usager is not at risk", () => {
    expect(reasonsFor(trusted, NOW)).toEqual([]);
  });

  it("no mobile (no number, a landline, or said so at booking) and opted out", () => {
    expect(reasonsFor({ ...trusted, phoneIsMobile: false, receipts: [] }, NOW)).toEqual(["no_mobile"]);
    expect(reasonsFor({ ...trusted, noSmsReason: "no_mobile" }, NOW)).toEqual(["no_mobile"]);
    expect(reasonsFor({ ...trusted, smsOptOut: true }, NOW)).toEqual(["sms_opt_out"]);
    expect(reasonsFor({ ...trusted, noSmsReason: "opted_out" }, NOW)).toEqual(["sms_opt_out"]);
  });

  it("an SMS failed; one sent 12 hours ago or more with no report yet; not one sent less than 12 hours ago", () => {
    expect(reasonsFor({ ...trusted, receipts: [{ status: "delivered", sentAt: "2026-11-20T10:00:01.000Z" }, { status: "failed" }] }, NOW)).toEqual(["sms_failed"]);
    expect(reasonsFor({ ...trusted, receipts: [{ status: "sent", sentAt: "2026-11-30T20:00:00.000Z" }] }, NOW)).toEqual(["sms_not_delivered"]);
    expect(reasonsFor({ ...trusted, receipts: [{ status: "sent", sentAt: "2026-11-30T20:00:00.001Z" }] }, NOW)).toEqual([]);
  });

  it("a previous no-show; booked more than 28 days before the appointment (exactly 28 is not)", () => {
    expect(reasonsFor({ ...trusted, noShows: 2 }, NOW)).toEqual(["previous_noshow"]);
    expect(reasonsFor({ ...trusted, bookedAt: "2026-11-05T08:59:59.999Z" }, NOW)).toEqual(["booked_long_ago"]);
    expect(reasonsFor({ ...trusted, bookedAt: "2026-11-05T09:00:00.000Z" }, NOW)).toEqual([]);
  });

  it("every reason at once, in a stable order", () => {
    expect(
      reasonsFor({ ...trusted, phoneIsMobile: false, smsOptOut: true, noShows: 1, bookedAt: "2026-10-01T00:00:00.000Z", receipts: [{ status: "failed" }, { status: "sent", sentAt: "2026-11-01T00:00:00.000Z" }] }, NOW),
    ).toEqual(["no_mobile", "sms_opt_out", "sms_failed", "sms_not_delivered", "previous_noshow", "booked_long_ago"]);
  });
});
