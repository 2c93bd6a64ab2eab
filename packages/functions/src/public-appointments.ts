import * as Appointment from "@rdv/core/appointment";
import * as Clock from "@rdv/core/clock";
import { clientOf } from "./client";
import { route } from "./middleware";

/** POST /v1/public/appointments (header Idempotency-Key) → 201 {id, startsAt, endsAt, manageToken} */
export const book = route(async ({ body, headers, event }) => ({
  statusCode: 201,
  body: await Appointment.book(body, { idempotencyKey: headers["idempotency-key"], now: Clock.now(), client: clientOf(event) }),
}));

/** GET /v1/public/appointments/{manageToken} */
export const show = route(async ({ params }) => ({
  body: await Appointment.fromToken(params.manageToken ?? "", Clock.now()),
}));

/** POST /v1/public/appointments/{manageToken}/cancel */
export const cancel = route(async ({ params }) => ({
  body: await Appointment.cancel(params.manageToken ?? "", Clock.now()),
}));

/** POST /v1/public/appointments/{manageToken}/reschedule {startsAt} */
export const reschedule = route(async ({ params, body }) => ({
  body: await Appointment.reschedule(params.manageToken ?? "", body, Clock.now()),
}));
