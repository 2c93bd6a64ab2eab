import type { Context } from "aws-lambda";
import * as Clock from "@rdv/core/clock";
import * as Notification from "@rdv/core/notification";
import * as Waitlist from "@rdv/core/waitlist";
import * as Webhook from "@rdv/core/webhook";
import { prepare } from "./runtime";

/** Time kept back from the function's limit to finish the item in hand and return. */
const MARGIN_MS = 10_000;
/** A pass's length when no Lambda context says how much time is left (the local loop). */
const DEFAULT_PASS_MS = 5_000;

/**
 * Every few minutes (a cron on AWS, a loop locally): resend what failed, sync schedules,
 * anonymise old receipts — within the time the function has, the rest at the next pass.
 */
export async function handler(_event?: unknown, context?: Pick<Context, "getRemainingTimeInMillis">): Promise<Notification.ReconcileResult & { freed: number; offered: number; fannedOut: number; attempted: number }> {
  await prepare();
  const budget = context ? context.getRemainingTimeInMillis() - MARGIN_MS : DEFAULT_PASS_MS;
  const deadline = Date.now() + Math.max(budget, 1_000);
  const reconciled = await Notification.reconcile(Clock.now(), { deadline });
  // freed time goes to the waitlist after the messages due (an offer's SMS is delivered as it is made)
  const waitlist = await Waitlist.offerFreed(Clock.now(), { deadline });
  // webhook events a request committed but did not fan out, and deliveries no queue message attempted
  const webhooks = await Webhook.reconcile(Clock.now(), { deadline });
  const result = { ...reconciled, ...waitlist, ...webhooks, complete: reconciled.complete && webhooks.complete };
  const { complete, ...counts } = result;
  if (!complete || Object.values(counts).some((count) => count > 0)) console.log(JSON.stringify({ level: "info", msg: "reconciled", ...result }));
  return result;
}
