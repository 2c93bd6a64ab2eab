import * as Appointment from "@rdv/core/appointment";
import * as Clock from "@rdv/core/clock";
import * as Availability from "@rdv/core/availability";
import * as Limits from "@rdv/core/limits";
import * as Slot from "@rdv/core/slot";
import { clientOf } from "./client";
import { route, type HttpRequest } from "./middleware";

/** A search, counted against the client's cap at the same time (the count does not delay the answer). */
async function limited<T>(request: HttpRequest, now: Date, search: (now: Date) => Promise<T>): Promise<T> {
  const [, result] = await Promise.all([Limits.search(clientOf(request.event), now), search(now)]);
  return result;
}

/** GET /v1/public/places?motif=ID&commune=CODE */
export const places = route(async (request) => ({
  body: { places: await limited(request, Clock.now(), (now) => Availability.listForMotif({ motif: request.query.motif ?? "", commune: request.query.commune ?? "" }, now)) },
}));

/** GET /v1/public/slots?motif=ID&place=ID&from=YYYY-MM-DD&to=YYYY-MM-DD */
export const slots = route(async (request) => {
  const { query } = request;
  const list = await limited(request, Clock.now(), (now) => Slot.list({ motif: query.motif ?? "", place: query.place ?? "", from: query.from ?? "", to: query.to ?? "" }, now));
  return { body: { slots: list.map(({ startsAt, endsAt }) => ({ startsAt, endsAt })) } };
});

/** GET /v1/public/sessions?motif=ID&place=ID&from=…&to=… */
export const sessions = route(async (request) => ({
  body: {
    sessions: await limited(request, Clock.now(), (now) =>
      Appointment.listSessions({ motif: request.query.motif ?? "", place: request.query.place ?? "", from: request.query.from ?? "", to: request.query.to ?? "" }, now),
    ),
  },
}));
