import { ConflictError, ValidationError } from "../error";
import * as Slot from "../slot";
import type { BusyInterval } from "../agent-time";
import type { Actor } from "./actor";
import { SlotTakenError } from "./errors";

/**
 * Which agents may take the requested start, or why not. Usagers: only a free slot, one agent of
 * it. Agents: a free slot (of their chosen agents), or — after a warning they confirmed — any
 * time of the agents they name, where only overlap with other appointments decides.
 */
export function candidates(
  actor: Actor,
  start: number,
  availability: Slot.Availability,
  grid: (busy: Slot.Availability["busy"], options: { now: Date; bookingWindow: boolean }) => Array<{ startsAt: string; agentIds: string[] }>,
  now: Date,
  day: string,
  timezone: string,
): string[][] {
  const offered = grid(availability.busy, { now, bookingWindow: actor.kind === "usager" });
  const slot = offered.find((s) => Date.parse(s.startsAt) === start);
  if (actor.kind === "agent" && actor.acknowledgeWarnings && actor.agentIds?.length) {
    return [actor.agentIds]; // outside rules or window, confirmed: only overlap is checked
  }
  if (slot) {
    if (actor.kind === "agent" && actor.agentIds?.length) {
      const chosen = slot.agentIds.filter((a) => actor.agentIds!.includes(a));
      if (chosen.length === 0) throw new SlotTakenError();
      return [chosen]; // an agent booking with chosen agents takes them all
    }
    return orderByLoad(slot.agentIds, availability.busy, day, timezone).map((agentId) => [agentId]);
  }
  if (actor.kind === "agent") {
    // not a free slot now (outside the rules, in the past, or taken): the agent confirms, then only overlap decides
    throw new ConflictError("appointment.needs_confirmation", "Cet horaire est en dehors des plages d'ouverture ou du délai de réservation, ou déjà passé : confirmez pour réserver quand même.");
  }
  // Not free now: taken (409) if it is a start the site could have offered, else no such slot
  // (400). Starts are anchored at each free interval's beginning: an opening's start or the end
  // of an appointment. A neighbouring booking made a moment earlier moves the grid of the free
  // interval it cut, so the start offered before it is found from the anchors of today's busy
  // intervals one at a time, not from today's grid.
  const anyTime = { now: new Date(0), bookingWindow: false };
  const isStart = (busy: Slot.Availability["busy"]) => grid(busy, anyTime).some((s) => Date.parse(s.startsAt) === start);
  const couldHaveBeenOffered = isStart({}) || Object.entries(availability.busy).some(([agentId, intervals]) => intervals.some((interval) => isStart({ [agentId]: [interval] })));
  if (!couldHaveBeenOffered) throw new ValidationError({ startsAt: "cet horaire ne correspond à aucun créneau proposé" });
  throw new SlotTakenError();
}

/** Agents in the order to try: the least busy that day first, ties at random (spreads the load). */
function orderByLoad(agentIds: string[], busy: Record<string, BusyInterval[]>, day: string, timezone: string): string[] {
  const load = (agentId: string) => (busy[agentId] ?? []).filter((b) => Slot.localDay(b.start, timezone) === day).length;
  return agentIds
    .map((agentId) => ({ agentId, load: load(agentId), tie: Math.random() }))
    .sort((a, b) => a.load - b.load || a.tie - b.tie)
    .map((c) => c.agentId);
}
