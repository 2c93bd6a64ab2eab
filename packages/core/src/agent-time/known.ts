import type { BusyInterval } from "./busy";
import type { DayState, PlacesState, TimeState } from "./days";
import { decodeCopy, type PlaceBusy } from "./place-time";

/**
 * What places' copies tell of agents: their busy time (slot search), or their days with
 * versions and their place lists (a booking's first attempt, when the copies were read
 * consistently). Agents a place does not cover are listed as `uncovered`: the caller reads
 * their own days.
 */
function coverer(places: readonly PlaceBusy[], agentId: string): PlaceBusy | undefined {
  return places.find((place) => place.coverage.has(agentId));
}

/** Busy intervals of the covered agents over the days the places were read for. */
export function busyFrom(places: readonly PlaceBusy[], agentIds: readonly string[]): { busy: Record<string, BusyInterval[]>; uncovered: string[] } {
  const busy: Record<string, BusyInterval[]> = {};
  const uncovered: string[] = [];
  for (const agentId of agentIds) {
    const place = coverer(places, agentId);
    if (!place) {
      uncovered.push(agentId);
      continue;
    }
    busy[agentId] = [...(place.days.get(agentId)?.values() ?? [])].flatMap((day) => decodeCopy(day).busy);
  }
  return { busy, uncovered };
}

/** The covered agents' days (with versions) and place lists, as a booking conditions on them. */
export function stateFrom(places: readonly PlaceBusy[], agentIds: readonly string[], days: readonly string[]): { state: TimeState; uncovered: string[] } {
  const state: TimeState = { days: [], places: [] };
  const uncovered: string[] = [];
  for (const agentId of agentIds) {
    const place = coverer(places, agentId);
    if (!place) {
      uncovered.push(agentId);
      continue;
    }
    const list = place.coverage.get(agentId)!;
    state.places.push({ agentId, places: list.places, version: list.version, exists: true } satisfies PlacesState);
    for (const day of days) {
      const raw = place.days.get(agentId)?.get(day);
      const copy = raw === undefined ? undefined : decodeCopy(raw);
      state.days.push((copy ? { agentId, day, busy: copy.busy, freed: copy.freed, version: copy.version, exists: true } : { agentId, day, busy: [], freed: [], version: 0, exists: false }) satisfies DayState);
    }
  }
  return { state, uncovered };
}

/** Two reads of agents' time as one (distinct agents). */
export function joinStates(a: TimeState, b: TimeState): TimeState {
  return { days: [...a.days, ...b.days], places: [...a.places, ...b.places] };
}
