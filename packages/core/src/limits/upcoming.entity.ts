import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/**
 * The online appointments a mobile number holds in a service, kept so the booking transaction
 * can condition on them (`version`): at most N upcoming per number and service, however many
 * bookings race. Entries that passed or were cancelled are dropped at the next booking.
 */
export const UpcomingEntity = new Entity(
  {
    model: { entity: "upcoming", version: "1", service: SERVICE },
    attributes: {
      phone: { type: "string", required: true },
      serviceId: { type: "string", required: true },
      /** [{appointmentId, participationId, startsAt}] */
      entries: {
        type: "list",
        required: true,
        items: {
          type: "map",
          properties: {
            appointmentId: { type: "string", required: true },
            participationId: { type: "string", required: true },
            startsAt: { type: "string", required: true },
          },
        },
      },
      version: { type: "number", required: true, default: 0 },
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["phone"] }, sk: { field: "sk", composite: ["serviceId"], template: "upcoming#${serviceId}" } },
    },
  },
  entityConfig(),
);
