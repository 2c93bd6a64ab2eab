import * as Clock from "@rdv/core/clock";
import * as Waitlist from "@rdv/core/waitlist";
import { clientOf } from "./client";
import { route } from "./middleware";

// The waitlist as usagers use it: joining, their entry from its link or the appointment's, offers of freed time.

/** POST /v1/public/waitlist {motifId, placeId?, commune, latestDate?, serviceUser:{firstName, lastName, phone}} → 201 {id, manageToken} */
export const join = route(async ({ body, event }) => ({ statusCode: 201, body: await Waitlist.join(body, { now: Clock.now(), client: clientOf(event) }) }));

/** GET /v1/public/waitlist/{manageToken} */
export const show = route(async ({ params }) => ({ body: await Waitlist.fromToken(params.manageToken ?? "", Clock.now()) }));

/** POST /v1/public/waitlist/{manageToken}/leave */
export const leave = route(async ({ params }) => ({ body: await Waitlist.leave(params.manageToken ?? "", Clock.now()) }));

/** GET /v1/public/appointments/{manageToken}/waitlist → {entry | null} */
export const ofAppointment = route(async ({ params }) => ({ body: await Waitlist.ofAppointment(params.manageToken ?? "", Clock.now()) }));

/** POST /v1/public/appointments/{manageToken}/waitlist {latestDate?} → 201 the entry: told when an earlier slot frees up */
export const joinEarlier = route(async ({ params, body }) => ({ statusCode: 201, body: await Waitlist.joinEarlier(params.manageToken ?? "", body, Clock.now()) }));

/** POST /v1/public/appointments/{manageToken}/waitlist/leave */
export const leaveOfAppointment = route(async ({ params }) => ({ body: await Waitlist.leaveOfAppointment(params.manageToken ?? "", Clock.now()) }));

/** GET /v1/public/offers/{offerToken} → {startsAt, endsAt, place, motif, service, available, moves} */
export const showOffer = route(async ({ params }) => ({ body: await Waitlist.showOffer(params.offerToken ?? "", Clock.now()) }));

/** POST /v1/public/offers/{offerToken}/accept → 201 {id, startsAt, endsAt, manageToken}; 409 when someone was faster */
export const acceptOffer = route(async ({ params, event }) => ({
  statusCode: 201,
  body: await Waitlist.acceptOffer(params.offerToken ?? "", { now: Clock.now(), client: clientOf(event) }),
}));
