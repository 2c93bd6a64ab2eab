import * as z from "zod";

/** Webhooks (Standard Webhooks): the event types, what an admin sends, what the agent API answers. */
export const WEBHOOK_EVENT_TYPES = ["appointment.created", "appointment.updated", "appointment.cancelled", "appointment.status_changed", "invitation.booked"] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES, { error: "événement inconnu" });
export type WebhookEventType = z.infer<typeof WebhookEventType>;

export const CreateWebhookInput = z.object({
  organisationId: z.string().min(1).max(100),
  url: z.string().trim().min(1, "adresse requise").max(2000, "2 000 caractères au plus"),
  events: z
    .array(WebhookEventType)
    .min(1, "choisissez au moins un événement")
    .max(WEBHOOK_EVENT_TYPES.length)
    .refine((events) => new Set(events).size === events.length, "événement en double"),
});
export type CreateWebhookInput = z.infer<typeof CreateWebhookInput>;

export const WebhookOrganisationInput = z.object({ organisationId: z.string().min(1).max(100) });

export const WebhookDeliveryInfo = z.object({
  id: z.string(),
  eventType: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number(),
  /** the event's instant */
  createdAt: z.string(),
  lastAttemptAt: z.string().optional(),
  nextAttemptAt: z.string().optional(),
  lastStatusCode: z.number().optional(),
  lastError: z.string().optional(),
});
export type WebhookDeliveryInfo = z.infer<typeof WebhookDeliveryInfo>;

/** A subscription as admins see it (never its secret), with its latest deliveries, newest first. */
export const WebhookInfo = z.object({
  id: z.string(),
  organisationId: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  status: z.enum(["active", "disabled"]),
  createdAt: z.string(),
  failingSince: z.string().optional(),
  disabledAt: z.string().optional(),
  deliveries: z.array(WebhookDeliveryInfo),
});
export type WebhookInfo = z.infer<typeof WebhookInfo>;

export const WebhookListInfo = z.object({ webhooks: z.array(WebhookInfo) });
export type WebhookListInfo = z.infer<typeof WebhookListInfo>;

/** POST /v1/agent/webhooks and …/rotate: the secret, shown this once. */
export const WebhookSecretInfo = z.object({ id: z.string(), secret: z.string() });
export type WebhookSecretInfo = z.infer<typeof WebhookSecretInfo>;
