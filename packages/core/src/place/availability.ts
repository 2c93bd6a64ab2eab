import { DateTime } from "luxon";
import { z } from "zod";
import { openSessions, organisationAppointments } from "../appointment/sessions";
import * as Commune from "../commune";
import * as Department from "../department";
import { NotFoundError, ValidationError } from "../error";
import * as Motif from "../motif";
import { CommuneCode } from "../schema/department-file";
import { Id, fieldErrors } from "../schema/common";
import * as Slot from "../slot";
import { listByOrganisation } from "./index";

export const ListForMotifInput = z.object({ motif: Id, commune: CommuneCode });

export interface PlaceWithNextSlot {
  id: string;
  name: string;
  address?: string;
  phone?: string;
  nextSlot: { startsAt: string; endsAt: string } | null;
}

/**
 * GET /v1/public/places?motif&commune: the places of the motif's organisation that offer it,
 * each with its next available slot within the motif's booking window. Reads the motif, the
 * commune, the organisation's places and rules once, then absences and agent days once per
 * agent: bounded by the number of agents, not by days or appointments.
 */
export async function listForMotif(input: z.input<typeof ListForMotifInput>, now: Date): Promise<PlaceWithNextSlot[]> {
  const parsed = ListForMotifInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const [motif, organisations, department] = await Promise.all([
    Motif.fromIdOnline(parsed.data.motif),
    Commune.organisationsServing(parsed.data.commune),
    Department.get(),
  ]);
  if (!organisations.includes(motif.organisationId)) {
    throw new NotFoundError("motif.not_found", "Ce motif n'est pas proposé aux habitants de cette commune.");
  }
  const from = DateTime.fromJSDate(now).setZone(department.timezone).toISODate()!;
  const to = DateTime.fromJSDate(now).setZone(department.timezone).plus({ days: motif.maxDelayDays }).toISODate()!;
  const [places, availability, appointments] = await Promise.all([
    listByOrganisation(motif.organisationId),
    Slot.loadAvailability({ motifId: motif.motifId, organisationId: motif.organisationId, from, to }),
    motif.collective ? organisationAppointments(motif.organisationId, from, to, department.timezone) : Promise.resolve([]),
  ]);
  const offering = new Set(availability.rules.map((rule) => rule.placeId));
  if (motif.collective) for (const a of appointments) if (a.motifId === motif.motifId) offering.add(a.placeId);
  return places
    .filter((place) => offering.has(place.placeId))
    .map((place) => {
      let nextSlot: PlaceWithNextSlot["nextSlot"];
      if (motif.collective) {
        const session = openSessions(appointments, motif, place.placeId, now, true)[0];
        nextSlot = session ? { startsAt: session.startsAt, endsAt: session.endsAt } : null;
      } else {
        const slot = Slot.compute(department, motif, place.placeId, availability, { from, to, now, bookingWindow: true, limit: 1 })[0];
        nextSlot = slot ? { startsAt: slot.startsAt, endsAt: slot.endsAt } : null;
      }
      return {
        id: place.placeId,
        name: place.name,
        address: motif.locationType === "on_site" ? place.address : undefined,
        phone: place.phone,
        nextSlot,
      };
    })
    .sort((a, b) => (a.nextSlot?.startsAt ? Date.parse(a.nextSlot.startsAt) : Infinity) - (b.nextSlot?.startsAt ? Date.parse(b.nextSlot.startsAt) : Infinity) || a.name.localeCompare(b.name, "fr"));
}
