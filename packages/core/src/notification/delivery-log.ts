import { gunzipSync } from "node:zlib";
import * as z from "zod";
import { log } from "./log";

/**
 * SNS SMS delivery status logs, as a CloudWatch Logs subscription delivers them to a Lambda:
 * `{awslogs: {data}}`, the data being base64 of gzip of `{messageType, logGroup, logEvents:
 * [{id, timestamp, message}]}`, each message one SNS delivery log line (JSON: `notification`
 * with the message id, `delivery` with the carrier's `providerResponse`, `status` SUCCESS or
 * FAILURE). Successes and failures come from two log groups
 * (`sns/<region>/<account>/DirectPublishToPhoneNumber` and `…/Failure`).
 */

export interface DeliveryReport {
  /** the provider's message id (SNS MessageId) */
  messageId: string;
  status: "delivered" | "failed";
  /** the carrier's words (providerResponse) */
  reason?: string;
  /** when SNS recorded it (UTC ISO) */
  at: string;
}

const Subscription = z.object({ awslogs: z.object({ data: z.string() }) });
const LogData = z.object({
  messageType: z.string(),
  logGroup: z.string().optional(),
  logEvents: z.array(z.object({ id: z.string().optional(), timestamp: z.number().optional(), message: z.string() })).default([]),
});
const DeliveryLine = z.object({
  notification: z.object({ messageId: z.string().min(1), timestamp: z.string().optional() }),
  delivery: z.object({ providerResponse: z.string().optional() }).optional(),
  status: z.enum(["SUCCESS", "FAILURE"]),
});

/** "2016-06-28 00:40:34.558" (UTC, as SNS writes it) → ISO; the log event's own time otherwise. */
function instant(snsTimestamp: string | undefined, eventTimestamp: number | undefined): string {
  if (snsTimestamp) {
    const parsed = Date.parse(`${snsTimestamp.replace(" ", "T")}Z`);
    if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
  }
  return new Date(eventTimestamp ?? 0).toISOString();
}

/** The reports of one subscription payload; a line that is not a delivery log is logged (without its contents) and skipped. */
export function parseSubscription(payload: unknown): DeliveryReport[] {
  const envelope = Subscription.safeParse(payload);
  if (!envelope.success) {
    log("delivery log payload not understood", { reason: "no awslogs.data" }, "warn");
    return [];
  }
  let text: string;
  try {
    text = gunzipSync(Buffer.from(envelope.data.awslogs.data, "base64")).toString("utf8");
  } catch (error) {
    if (!(error instanceof Error && "code" in error && String(error.code).startsWith("Z_"))) throw error;
    log("delivery log payload not understood", { reason: "not gzip" }, "warn");
    return [];
  }
  const parsedData = LogData.safeParse(jsonOrUndefined(text));
  if (!parsedData.success) {
    log("delivery log payload not understood", { reason: "not a CloudWatch Logs message" }, "warn");
    return [];
  }
  const data = parsedData.data;
  // CloudWatch Logs checks a new destination with a CONTROL_MESSAGE: nothing to do
  if (data.messageType !== "DATA_MESSAGE") return [];
  const reports: DeliveryReport[] = [];
  for (const event of data.logEvents) {
    const parsed = DeliveryLine.safeParse(jsonOrUndefined(event.message));
    if (!parsed.success) {
      // the line holds the destination number: only its id is logged
      log("delivery log line skipped", { logEventId: event.id }, "warn");
      continue;
    }
    const line = parsed.data;
    const reason = line.delivery?.providerResponse?.slice(0, 200);
    reports.push({
      messageId: line.notification.messageId,
      status: line.status === "SUCCESS" ? "delivered" : "failed",
      ...(reason ? { reason } : {}),
      at: instant(line.notification.timestamp, event.timestamp),
    });
  }
  return reports;
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
