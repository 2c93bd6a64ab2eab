import { fn } from "../validate";
import { DateTime } from "luxon";
import * as z from "zod";
import { openSessions, organisationAppointments } from "../appointment/sessions";
import * as AgentTime from "../agent-time";
import * as Commune from "../commune";
import { readTogether } from "../db/batch-get";
import * as Department from "../department";
import { NotFoundError } from "../error";
import * as Motif from "../motif";
import { CommuneCode } from "../schema/department-file";
import { Id } from "../schema/common";
import * as Slot from "../slot";
import { listByOrganisation } from "../place";

const FIRST_WINDOW_DAYS = 14;

/**
 * The places that offered a motif and their agents at its previous search in this process:
 * their copies and absences are read in the same round as the organisation's places and rules.
 * Only a guess: places and agents the fresh rules add are read after. Bounded.
 */
const seen = new Map<string, { placeIds: string[]; agents: string[] }>();
const SEEN_LIMIT = 5_000;

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
 * each with its next available slot within the motif's booking window. Reads the motif and the
 * commune, then the organisation's places and rules, with the places' copies of their agents'
 * busy time over two weeks (one BatchGetItem) and the running absences of their agents (those
 * of the previous search: see `seen`; the first time, after the rules), and over the rest of
 * the window only for places with no slot in those two weeks: 6 requests, whatever the number
 * of places, agents, days or appointments.
 */
export const listForMotif = fn(ListForMotifInput, async (input, now: Date): Promise<PlaceWithNextSlot[]> => {
  const [motif, organisations, department] = await Promise.all([
    Motif.fromIdOnline(input.motif),
    Commune.organisationsServing(input.commune),
    Department.get(),
  ]);
  if (!organisations.includes(motif.organisationId)) {
    throw new NotFoundError("motif.not_found", "Ce motif n'est pas proposé aux habitants de cette commune.");
  }
  const today = DateTime.fromJSDate(now).setZone(department.timezone);
  const from = today.toISODate()!;
  const to = today.plus({ days: motif.maxDelayDays }).toISODate()!;
  // Most places have a free slot within two weeks: read that much busy time first, and the
  // rest of the booking window only for the places still without one.
  const firstTo = DateTime.min(today.plus({ days: FIRST_WINDOW_DAYS - 1 }), today.plus({ days: motif.maxDelayDays })).toISODate()!;
  const dayBefore = today.minus({ days: 1 }).toISODate()!;
  const copiesOf = (placeIds: string[], first: string, last: string) =>
    readTogether(placeIds.map((placeId) => AgentTime.placeBusy(placeId, DateTime.fromISO(first).minus({ days: 1 }).toISODate()!, DateTime.fromISO(last).plus({ days: 1 }).toISODate()!)));
  // the places and agents of the previous search of this motif, read with the rules (see `seen`)
  const guess = motif.collective ? undefined : seen.get(motif.motifId);
  const early = guess && { copies: copiesOf(guess.placeIds, from, firstTo), absences: AgentTime.absencesFrom(dayBefore, guess.agents) };
  early?.copies.catch(() => undefined);
  early?.absences.catch(() => undefined);
  const [places, rules, appointments] = await Promise.all([
    listByOrganisation(motif.organisationId),
    Slot.loadRules({ motifId: motif.motifId, organisationId: motif.organisationId }),
    motif.collective ? organisationAppointments(motif.organisationId, from, to, department.timezone) : Promise.resolve([]),
  ]);
  const offering = new Set(rules.map((rule) => rule.placeId));
  if (motif.collective) for (const a of appointments) if (a.motifId === motif.motifId) offering.add(a.placeId);
  const shown = places.filter((place) => offering.has(place.placeId));
  const next = new Map<string, PlaceWithNextSlot["nextSlot"]>();
  if (motif.collective) {
    for (const place of shown) {
      const session = openSessions(appointments, motif, place.placeId, now, true)[0];
      next.set(place.placeId, session ? { startsAt: session.startsAt, endsAt: session.endsAt } : null);
    }
  } else {
    const agentsOf = (placeIds: string[]) => [...new Set(rules.filter((r) => placeIds.includes(r.placeId)).map((r) => r.agentId))].sort();
    const shownIds = shown.map((p) => p.placeId);
    const agents = agentsOf(shownIds);
    if (seen.size >= SEEN_LIMIT) seen.clear();
    seen.set(motif.motifId, { placeIds: shownIds, agents });
    // what the guess missed (everything, the first time): the copies of its places, the absences of its agents
    const missedPlaces = shownIds.filter((id) => !guess?.placeIds.includes(id));
    const missedAgents = agents.filter((id) => !guess?.agents.includes(id));
    const [earlyCopies, lateCopies, earlyAbsences, lateAbsences] = await Promise.all([
      early?.copies ?? [],
      missedPlaces.length > 0 ? copiesOf(missedPlaces, from, firstTo) : [],
      early?.absences ?? [],
      missedAgents.length > 0 ? AgentTime.absencesFrom(dayBefore, missedAgents) : [],
    ]);
    const running = [...earlyAbsences, ...lateAbsences];
    const time = async (placeIds: string[], copies: AgentTime.PlaceBusy[], first: string, last: string) => {
      const concerned = agentsOf(placeIds);
      const mine = copies.filter((copy) => placeIds.includes(copy.placeId));
      const read = await Slot.busyFrom(mine, concerned, first, last);
      return { rules, absences: Slot.withOwnAbsences(Slot.engineAbsences(running, concerned), read.ownAbsences), busy: read.busy };
    };
    const first = await time(shownIds, [...earlyCopies, ...lateCopies], from, firstTo);
    for (const place of shown) {
      const slot = Slot.compute(department, motif, place.placeId, first, { from, to: firstTo, now, bookingWindow: true, limit: 1 })[0];
      if (slot) next.set(place.placeId, { startsAt: slot.startsAt, endsAt: slot.endsAt });
    }
    const missing = shown.map((p) => p.placeId).filter((id) => !next.has(id));
    if (missing.length > 0 && firstTo < to) {
      const restFrom = DateTime.fromISO(firstTo).plus({ days: 1 }).toISODate()!;
      const rest = await time(missing, await copiesOf(missing, restFrom, to), restFrom, to);
      for (const placeId of missing) {
        const slot = Slot.compute(department, motif, placeId, rest, { from: restFrom, to, now, bookingWindow: true, limit: 1 })[0];
        next.set(placeId, slot ? { startsAt: slot.startsAt, endsAt: slot.endsAt } : null);
      }
    }
  }
  return shown
    .map((place) => ({
      id: place.placeId,
      name: place.name,
      address: motif.locationType === "on_site" ? place.address : undefined,
      phone: place.phone,
      nextSlot: next.get(place.placeId) ?? null,
    }))
    .sort((a, b) => (a.nextSlot?.startsAt ? Date.parse(a.nextSlot.startsAt) : Infinity) - (b.nextSlot?.startsAt ? Date.parse(b.nextSlot.startsAt) : Infinity) || a.name.localeCompare(b.name, "fr"));
});

export { find, FindInput, FIND_DAYS, FIND_MAX_DAYS, FIND_SLOTS_EACH } from "./find";
