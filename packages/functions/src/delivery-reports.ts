import * as Clock from "@rdv/core/clock";
import * as Notification from "@rdv/core/notification";

/**
 * The CloudWatch Logs subscription of SNS's SMS delivery logs (stacks/SmsReports.ts): each
 * report moves its receipt to delivered or failed. Lines it cannot read and reports of unknown
 * messages are logged and dropped; only a database error fails the invocation (Lambda's own
 * retries of an asynchronous event then apply, and a repeated report changes nothing).
 */
export async function handler(event: unknown): Promise<Record<Notification.ReportOutcome, number>> {
  const reports = Notification.parseSubscription(event);
  const counts = await Notification.applyReports(reports, Clock.now());
  console.log(JSON.stringify({ level: "info", msg: "delivery reports", received: reports.length, ...counts }));
  return counts;
}
