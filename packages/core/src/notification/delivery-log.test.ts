import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseSubscription } from "./delivery-log";

// SNS's SMS delivery log lines as AWS documents them (success and failure log groups), numbers replaced.
const SUCCESS_LINE = {
  notification: { messageId: "34d9b400-c6dd-5444-820d-fbeb0f1f54cf", timestamp: "2016-06-28 00:40:34.558" },
  delivery: {
    phoneCarrier: "My Phone Carrier",
    mnc: 270,
    numberOfMessageParts: 1,
    destination: "+33612345678",
    priceInUSD: 0.00645,
    smsType: "Transactional",
    mcc: 310,
    providerResponse: "Message has been accepted by phone carrier",
    dwellTimeMs: 599,
    dwellTimeMsUntilDeviceAck: 1344,
  },
  status: "SUCCESS",
};
const FAILURE_LINE = {
  notification: { messageId: "1077257a-92f3-5ca3-bc97-6a915b310625", timestamp: "2016-06-28 00:40:34.559" },
  delivery: {
    mnc: 0,
    destination: "+33612345699",
    priceInUSD: 0.00645,
    smsType: "Transactional",
    mcc: 0,
    providerResponse: "Unknown error attempting to reach phone",
    dwellTimeMs: 1420,
    dwellTimeMsUntilDeviceAck: 1692,
  },
  status: "FAILURE",
};

/** What CloudWatch Logs hands a subscribed Lambda: base64 of gzip of the log data. */
function payload(data: unknown) {
  return { awslogs: { data: gzipSync(Buffer.from(JSON.stringify(data))).toString("base64") } };
}
function dataMessage(logGroup: string, messages: string[]) {
  return {
    messageType: "DATA_MESSAGE",
    owner: "123456789012",
    logGroup,
    logStream: "3a1c4bd9-7d9d-4a2f-9c7e-7a1f2c1e0b6a",
    subscriptionFilters: ["SmsDeliveryLogSubscription"],
    logEvents: messages.map((message, i) => ({ id: `3719558917862419846733812045186604431516672000000000${i}`, timestamp: 1467074434558 + i, message })),
  };
}

const logged: string[] = [];
vi.spyOn(console, "log").mockImplementation((line: string) => void logged.push(line));
afterEach(() => void logged.splice(0));

describe("SNS SMS delivery logs through a CloudWatch Logs subscription", () => {
  it("reads a success and a failure, with the carrier's words and SNS's instant in UTC", () => {
    expect(parseSubscription(payload(dataMessage("sns/eu-west-3/123456789012/DirectPublishToPhoneNumber", [JSON.stringify(SUCCESS_LINE)])))).toEqual([
      { messageId: "34d9b400-c6dd-5444-820d-fbeb0f1f54cf", status: "delivered", reason: "Message has been accepted by phone carrier", at: "2016-06-28T00:40:34.558Z" },
    ]);
    expect(parseSubscription(payload(dataMessage("sns/eu-west-3/123456789012/DirectPublishToPhoneNumber/Failure", [JSON.stringify(FAILURE_LINE)])))).toEqual([
      { messageId: "1077257a-92f3-5ca3-bc97-6a915b310625", status: "failed", reason: "Unknown error attempting to reach phone", at: "2016-06-28T00:40:34.559Z" },
    ]);
  });

  it("reads every line of a batch, skipping (and logging without its contents) one that is not a delivery log", () => {
    const reports = parseSubscription(payload(dataMessage("sns/eu-west-3/123456789012/DirectPublishToPhoneNumber", [JSON.stringify(SUCCESS_LINE), "not json +33612345678", JSON.stringify({ ...FAILURE_LINE, status: "UNKNOWN" }), JSON.stringify(FAILURE_LINE)])));
    expect(reports.map((r) => [r.messageId, r.status])).toEqual([
      ["34d9b400-c6dd-5444-820d-fbeb0f1f54cf", "delivered"],
      ["1077257a-92f3-5ca3-bc97-6a915b310625", "failed"],
    ]);
    expect(logged.map((line) => JSON.parse(line))).toEqual([
      { level: "warn", msg: "delivery log line skipped", logEventId: "37195589178624198467338120451866044315166720000000001" },
      { level: "warn", msg: "delivery log line skipped", logEventId: "37195589178624198467338120451866044315166720000000002" },
    ]);
    expect(logged.join("")).not.toContain("+336");
  });

  it("uses the log event's time when SNS's timestamp is missing, and leaves the reason out when the carrier gave none", () => {
    const line = { notification: { messageId: "m-1" }, status: "SUCCESS" };
    expect(parseSubscription(payload(dataMessage("g", [JSON.stringify(line)])))).toEqual([{ messageId: "m-1", status: "delivered", at: "2016-06-28T00:40:34.558Z" }]);
  });

  it("answers nothing to CloudWatch Logs' control message, nor to a payload it cannot read", () => {
    expect(parseSubscription(payload({ messageType: "CONTROL_MESSAGE", owner: "CloudwatchLogs", logGroup: "", logStream: "", subscriptionFilters: [], logEvents: [{ id: "", timestamp: 1, message: "CWL CONTROL MESSAGE: Checking health of destination Lambda." }] }))).toEqual([]);
    expect(parseSubscription({})).toEqual([]);
    expect(parseSubscription({ awslogs: { data: "bm90IGd6aXA=" } })).toEqual([]);
    expect(parseSubscription({ awslogs: { data: gzipSync(Buffer.from("[1,2]")).toString("base64") } })).toEqual([]);
    expect(logged.map((line) => JSON.parse(line).msg)).toEqual(["delivery log payload not understood", "delivery log payload not understood", "delivery log payload not understood"]);
  });
});
