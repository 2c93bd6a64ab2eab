import * as BookingInvitation from "@rdv/core/booking-invitation";
import * as Clock from "@rdv/core/clock";
import { clientOf } from "./client";
import { route } from "./middleware";

// The invitation page's routes: the usager invited to book opens the link of their SMS or e-mail.

/** GET /v1/public/invitations/{invitationToken} → what the page shows; marks the invitation opened */
export const show = route(async ({ params }) => ({ body: await BookingInvitation.show(params.invitationToken ?? "", Clock.now()) }));

/** GET /v1/public/invitations/{invitationToken}/slots?motif&place&from&to → {slots} */
export const slots = route(async ({ params, query, event }) => ({
  body: { slots: await BookingInvitation.slots(params.invitationToken ?? "", { motif: query.motif ?? "", place: query.place ?? "", from: query.from ?? "", to: query.to ?? "" }, { now: Clock.now(), client: clientOf(event) }) },
}));

/** POST /v1/public/invitations/{invitationToken}/book {motifId, placeId, startsAt} → 201 {id, startsAt, endsAt, manageToken} */
export const book = route(async ({ params, body, event }) => ({
  statusCode: 201,
  body: await BookingInvitation.book(params.invitationToken ?? "", body, { now: Clock.now(), client: clientOf(event) }),
}));
