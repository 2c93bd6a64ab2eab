import * as Clock from "@rdv/core/clock";
import * as Notification from "@rdv/core/notification";
import { prepare } from "./runtime";

/** Every few minutes (a cron on AWS, a loop locally): resend what failed, sync schedules, anonymise old receipts. */
export async function handler(): Promise<Awaited<ReturnType<typeof Notification.reconcile>>> {
  await prepare();
  const result = await Notification.reconcile(Clock.now());
  if (Object.values(result).some((count) => count > 0)) console.log(JSON.stringify({ level: "info", msg: "reconciled", ...result }));
  return result;
}
