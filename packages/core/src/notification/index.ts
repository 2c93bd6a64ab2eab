/**
 * Notifications, read as a namespace (`Notification.afterChange(…)`). Each job lives in its own
 * file: planning (who gets which SMS, the receipt built once), delivery (sending a receipt),
 * scheduling (the reminder schedule and its firing), reconciling (after a change and
 * periodically), and retry (which failures are tried again).
 */
export { isGsm7, segmentCount, toGsm7 } from "./gsm";
export { messageText, trialReminderInFull, trialReminderText, type MessageContext, type MessageKind } from "./texts";
export { emailContent, type EmailContent, type EmailContext } from "./email-texts";
export {
  noSmsReason,
  plannedEmail,
  plannedMessage,
  plannedMessages,
  plannedReceipt,
  receiptKey,
  reminderAt,
  textFor,
  offerLink,
  offerText,
  type MessageSubject,
  type NoSmsReason,
  type PlannedReceipt,
  type TextInput,
} from "./planning";
export { ANONYMISE_AFTER_MONTHS, MAX_ATTEMPTS, deliver, listReceipts, type DeliveryOutcome } from "./delivery";
export { fireReminder, syncSchedule } from "./scheduling";
export { afterBooking, afterChange, claimedReceipt, reconcile, type ClaimedReceipt, type ReconcileOptions, type ReconcileResult } from "./reconciling";
export type { ScheduledAppointment } from "./scheduling";
export { isTransient } from "./retry";
export { parseSubscription, type DeliveryReport } from "./delivery-log";
export { applyReport, applyReports, type ReportOutcome } from "./reports";
