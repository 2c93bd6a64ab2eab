import * as AgentNotice from "@rdv/core/agent-notice";
import * as Appointment from "@rdv/core/appointment";
import * as Clock from "@rdv/core/clock";
import { clientOf } from "./client";
import { route } from "./middleware";

/**
 * The appointment's agents are told of the change by e-mail, as each chose, once it has
 * committed. A failure there is logged and does not undo the usager's answer (the change stands;
 * a retry of the request tells those not yet told).
 */
async function tellAgents(change: AgentNotice.OnlineChange, now: Date): Promise<void> {
  try {
    await AgentNotice.afterOnlineChange(change, now);
  } catch (error) {
    console.error(JSON.stringify({ level: "error", msg: "agent notice not sent", kind: change.kind, name: (error as Error)?.name }));
  }
}

/** POST /v1/public/appointments (header Idempotency-Key) → 201 {id, startsAt, endsAt, manageToken} */
export const book = route(async ({ body, headers, event }) => {
  const now = Clock.now();
  const booked = await Appointment.book(body, { idempotencyKey: headers["idempotency-key"], now, client: clientOf(event) });
  await tellAgents({ kind: "booked", appointmentId: booked.id }, now);
  return { statusCode: 201, body: booked };
});

/** GET /v1/public/appointments/{manageToken} */
export const show = route(async ({ params }) => ({
  body: await Appointment.fromToken(params.manageToken ?? "", Clock.now()),
}));

/** POST /v1/public/appointments/{manageToken}/cancel */
export const cancel = route(async ({ params }) => {
  const now = Clock.now();
  const cancelled = await Appointment.cancel(params.manageToken ?? "", now);
  await tellAgents({ kind: "cancelled", appointmentId: cancelled.id }, now);
  return { body: cancelled };
});

/** POST /v1/public/appointments/{manageToken}/reschedule {startsAt} */
export const reschedule = route(async ({ params, body }) => {
  const now = Clock.now();
  const before = await Appointment.fromToken(params.manageToken ?? "", now);
  const moved = await Appointment.reschedule(params.manageToken ?? "", body, now);
  if (moved.startsAt !== before.startsAt) await tellAgents({ kind: "rescheduled", appointmentId: moved.id, previousStartsAt: before.startsAt }, now);
  return { body: moved };
});
