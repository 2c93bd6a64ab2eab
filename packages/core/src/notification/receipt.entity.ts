import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";

/**
 * One message to one usager (SMS or e-mail), created in the same transaction as the change that justifies
 * it (booking, reschedule, cancellation) or when a reminder fires, with a deterministic id so it
 * exists once. Its status records every attempt's outcome; agents see them per appointment.
 * While it is to be sent (or retried) it sits in the sparse work index; once sent, it waits
 * there in the "anonymise" queue for its contents to be blanked after six months.
 */
export const RECEIPT_STATUSES = ["pending", "sending", "sent", "delivered", "failed", "anonymised"] as const;

export const ReceiptEntity = new Entity(
  {
    model: { entity: "receipt", version: "1", service: SERVICE },
    attributes: {
      appointmentId: { type: "string", required: true },
      receiptId: { type: "string", required: true },
      participationId: { type: "string", required: true },
      kind: { type: ["confirmation", "reminder", "reschedule", "cancellation", "revocation", "offer", "invitation"] as const, required: true },
      channel: { type: ["sms", "email"] as const, required: true, default: "sms" },
      /** E.164 or an e-mail address; blanked after six months, as every content attribute below */
      to: { type: "string" },
      text: { type: "string" },
      /** e-mails: subject, HTML version and the .ics attached */
      subject: { type: "string" },
      html: { type: "string" },
      ics: { type: "string" },
      /** a reminder sent in a trial's wording: `<trial id>/<text id>` (kept after anonymising: it is no content) */
      variant: { type: "string" },
      /** pending → sending → sent → delivered | failed (the carrier's report, SMS only); failed also when sending failed */
      status: { type: RECEIPT_STATUSES, required: true },
      attempts: { type: "number", required: true, default: 0 },
      /** error name of the last failure (never the message, which may quote the number) */
      lastError: { type: "string" },
      /** the SMS provider's message id (SNS MessageId, the outbox's id): delivery reports find the receipt by it */
      providerMessageId: { type: "string" },
      /** the carrier's words on a delivery report (SNS providerResponse), never the number */
      reason: { type: "string" },
      reportedAt: { type: "string" },
      sentAt: { type: "string" },
      claimedAt: { type: "string" },
      workQueue: { type: "string" },
      workDueAt: { type: "string" },
      expiresAt: { type: "number" },
      /** offers: the slot's start, after which the message is not worth sending */
      validUntil: { type: "string" },
      ...timestamps,
    },
    indexes: {
      primary: {
        collection: "appointment",
        pk: { field: "pk", composite: ["appointmentId"] },
        sk: { field: "sk", composite: ["receiptId"] },
      },
      pendingWork: {
        index: "gsi4",
        pk: { field: "gsi4pk", composite: ["workQueue"] },
        sk: { field: "gsi4sk", composite: ["workDueAt"] },
      },
      /** sparse: a delivery report names only the provider's message id */
      byProviderMessage: {
        index: "gsi3",
        pk: { field: "gsi3pk", composite: ["providerMessageId"] },
        sk: { field: "gsi3sk", composite: [] },
      },
    },
  },
  entityConfig(),
);
