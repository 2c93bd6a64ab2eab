import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Appointment from "../appointment";
import { Db } from "../db/service";
import * as DepartmentFile from "../department-file";
import * as Sms from "../sms";
import { StatsEntity } from "../stats/stats.entity";
import { smallDepartment } from "../testing/department-fixture";
import * as Notification from "./index";

const NOW = new Date("2026-12-01T08:00:00Z");

async function setup() {
  const p = `r${randomUUID().slice(0, 6)}`;
  await DepartmentFile.load(smallDepartment(p, { appointments: [], absences: [] }));
  return { p, motifId: `${p}-consult`, placeId: `${p}-place-arras`, organisationId: `${p}-mds-arras`, serviceId: `${p}-pmi` };
}
type Ctx = Awaited<ReturnType<typeof setup>>;

beforeAll(() => {
  process.env.RDV_LIMITS_SCALE = "1000";
});
afterAll(() => {
  delete process.env.RDV_LIMITS_SCALE;
});
afterEach(() => Sms.use(undefined));

const book = (ctx: Ctx, startsAt: string, phone: string, key: string) =>
  Appointment.book({ motifId: ctx.motifId, placeId: ctx.placeId, startsAt, serviceUser: { firstName: "Chloé", lastName: "Dubois", phone } }, { idempotencyKey: `${key}-${ctx.p}`, now: NOW });

const receiptsOf = async (appointmentId: string) => (await Notification.listReceipts(appointmentId)).map((r) => ({ kind: r.kind, status: r.status, reason: r.reason, reportedAt: r.reportedAt }));

async function smsCounters(ctx: Ctx) {
  const items = (await StatsEntity.query.primary({ organisationId: ctx.organisationId }).go({ pages: "all" })).data;
  const sum = (field: "smsSent" | "smsDelivered" | "smsFailed") => items.reduce((total, item) => total + (item[field] ?? 0), 0);
  return { smsSent: sum("smsSent"), smsDelivered: sum("smsDelivered"), smsFailed: sum("smsFailed") };
}

/** An SNS-like adapter: a message id from the provider, the report later. */
function snsLike() {
  const ids: string[] = [];
  Sms.use({ send: async () => { const messageId = randomUUID(); ids.push(messageId); return { messageId }; } });
  return ids;
}
const subscription = (lines: Array<{ messageId: string; status: "SUCCESS" | "FAILURE"; providerResponse: string }>) => ({
  awslogs: {
    data: gzipSync(
      JSON.stringify({
        messageType: "DATA_MESSAGE",
        logGroup: "sns/eu-west-3/123456789012/DirectPublishToPhoneNumber",
        logEvents: lines.map((l, i) => ({
          id: String(i),
          timestamp: Date.parse("2026-12-01T08:00:05Z"),
          message: JSON.stringify({ notification: { messageId: l.messageId, timestamp: "2026-12-01 08:00:04.120" }, delivery: { destination: "+33612345678", providerResponse: l.providerResponse, smsType: "Transactional" }, status: l.status }),
        })),
      }),
    ).toString("base64"),
  },
});

describe("delivery reports", () => {
  it("locally, every number is delivered except those ending in 99, which fail with the carrier's words; the month counts both", async () => {
    const ctx = await setup();
    const delivered = await book(ctx, "2026-12-17T10:00:00+01:00", "0612345678", "a");
    const failed = await book(ctx, "2026-12-17T11:00:00+01:00", "0612345699", "b");
    expect(await receiptsOf(delivered.id)).toEqual([{ kind: "confirmation", status: "delivered", reason: "Message has been accepted by phone carrier", reportedAt: NOW.toISOString() }]);
    expect(await receiptsOf(failed.id)).toEqual([{ kind: "confirmation", status: "failed", reason: "Phone is currently unreachable/unavailable", reportedAt: NOW.toISOString() }]);
    expect(await smsCounters(ctx)).toEqual({ smsSent: 2, smsDelivered: 1, smsFailed: 1 });
    // a carrier's failure is final: neither the reconciler nor the next change sends it again
    await Notification.reconcile(new Date(NOW.getTime() + 3600_000));
    await Notification.afterChange(failed.id, new Date(NOW.getTime() + 3600_000));
    expect((await Notification.listReceipts(failed.id)).map((r) => [r.status, r.attempts])).toEqual([["failed", 1]]);
  });

  it("on AWS, the receipt stays sent with SNS's message id until the log subscription's report moves it", async () => {
    const ctx = await setup();
    const ids = snsLike();
    const first = await book(ctx, "2026-12-17T10:00:00+01:00", "0612345678", "a");
    const second = await book(ctx, "2026-12-17T11:00:00+01:00", "0612345678", "b");
    expect(await receiptsOf(first.id)).toEqual([{ kind: "confirmation", status: "sent", reason: undefined, reportedAt: undefined }]);
    expect((await Db.entities.receipt.query.primary({ appointmentId: first.id }).go()).data[0]!.providerMessageId).toBe(ids[0]);
    const reports = Notification.parseSubscription(
      subscription([
        { messageId: ids[0]!, status: "SUCCESS", providerResponse: "Message has been accepted by phone carrier" },
        { messageId: ids[1]!, status: "FAILURE", providerResponse: "Phone carrier has blocked this message" },
        { messageId: randomUUID(), status: "SUCCESS", providerResponse: "Message has been accepted by phone carrier" },
      ]),
    );
    expect(await Notification.applyReports(reports, NOW)).toEqual({ applied: 2, unknown: 1, ignored: 0 });
    expect(await receiptsOf(first.id)).toEqual([{ kind: "confirmation", status: "delivered", reason: "Message has been accepted by phone carrier", reportedAt: "2026-12-01T08:00:04.120Z" }]);
    expect(await receiptsOf(second.id)).toEqual([{ kind: "confirmation", status: "failed", reason: "Phone carrier has blocked this message", reportedAt: "2026-12-01T08:00:04.120Z" }]);
    expect(await smsCounters(ctx)).toEqual({ smsSent: 2, smsDelivered: 1, smsFailed: 1 });
  });

  it("a late, repeated or contrary report never moves a state back, nor counts twice", async () => {
    const ctx = await setup();
    const ids = snsLike();
    const booked = await book(ctx, "2026-12-17T10:00:00+01:00", "0612345678", "a");
    const report = (status: "delivered" | "failed") => ({ messageId: ids[0]!, status, reason: status, at: NOW.toISOString() });
    expect(await Notification.applyReport(report("delivered"), NOW)).toBe("applied");
    expect(await Notification.applyReport(report("failed"), NOW)).toBe("ignored");
    expect(await Notification.applyReport(report("delivered"), NOW)).toBe("ignored");
    expect((await receiptsOf(booked.id)).map((r) => r.status)).toEqual(["delivered"]);
    expect(await smsCounters(ctx)).toEqual({ smsSent: 1, smsDelivered: 1, smsFailed: 0 });
  });

  it("two reports of one message at the same moment: exactly one is recorded", async () => {
    const ctx = await setup();
    const ids = snsLike();
    const booked = await book(ctx, "2026-12-17T10:00:00+01:00", "0612345678", "a");
    const outcomes = await Promise.all(
      (["delivered", "failed", "delivered", "failed"] as const).map((status) => Notification.applyReport({ messageId: ids[0]!, status, at: NOW.toISOString() }, NOW)),
    );
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "ignored")).toHaveLength(3);
    const status = (await receiptsOf(booked.id))[0]!.status;
    const counters = await smsCounters(ctx);
    expect(counters.smsDelivered + counters.smsFailed).toBe(1);
    expect(counters[status === "delivered" ? "smsDelivered" : "smsFailed"]).toBe(1);
  });

  it("a report for a message nobody knows is logged and ignored, never an error", async () => {
    expect(await Notification.applyReport({ messageId: randomUUID(), status: "failed", at: NOW.toISOString() }, NOW)).toBe("unknown");
  });
});
