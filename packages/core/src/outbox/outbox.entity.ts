import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/** The local SMS and e-mail outbox (local stack only): what would have been sent, newest first. */
export const OutboxEntity = new Entity(
  {
    model: { entity: "outbox", version: "1", service: SERVICE },
    attributes: {
      messageId: { type: "string", required: true },
      channel: { type: ["sms", "email"] as const, required: true },
      to: { type: "string", required: true },
      subject: { type: "string" },
      text: { type: "string", required: true },
      html: { type: "string" },
      attachments: {
        type: "list",
        items: {
          type: "map",
          properties: {
            filename: { type: "string", required: true },
            contentType: { type: "string", required: true },
            content: { type: "string", required: true },
          },
        },
      },
      senderName: { type: "string" },
      at: { type: "string", required: true },
      appointmentId: { type: "string" },
      expiresAt: { type: "number" },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: [] }, sk: { field: "sk", composite: ["at", "messageId"] } },
    },
  },
  entityConfig(),
);
