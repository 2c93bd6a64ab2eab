import * as Appointment from "@rdv/core/appointment";
import * as Clock from "@rdv/core/clock";
import * as Motif from "@rdv/core/motif";
import * as Place from "@rdv/core/place";
import * as Slot from "@rdv/core/slot";
import { route } from "./middleware";

/** GET /v1/public/motifs?commune=CODE */
export const motifs = route(async ({ query }) => ({
  body: { services: await Motif.listForCommune({ commune: query.commune ?? "" }) },
}));

/** GET /v1/public/places?motif=ID&commune=CODE */
export const places = route(async ({ query }) => ({
  body: { places: await Place.listForMotif({ motif: query.motif ?? "", commune: query.commune ?? "" }, Clock.now()) },
}));

/** GET /v1/public/slots?motif=ID&place=ID&from=YYYY-MM-DD&to=YYYY-MM-DD */
export const slots = route(async ({ query }) => {
  const list = await Slot.list({ motif: query.motif ?? "", place: query.place ?? "", from: query.from ?? "", to: query.to ?? "" }, Clock.now());
  return { body: { slots: list.map(({ startsAt, endsAt }) => ({ startsAt, endsAt })) } };
});

/** GET /v1/public/sessions?motif=ID&place=ID&from=…&to=… */
export const sessions = route(async ({ query }) => ({
  body: {
    sessions: await Appointment.listSessions(
      { motif: query.motif ?? "", place: query.place ?? "", from: query.from ?? "", to: query.to ?? "" },
      Clock.now(),
    ),
  },
}));
