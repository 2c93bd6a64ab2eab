import * as AgentTime from "../agent-time";
import { readTogether } from "../db/batch-get";
import type * as Department from "../department";
import * as Motif from "../motif";
import * as Place from "../place";
import * as ServiceUser from "../service-user";
import * as Slot from "../slot";
import type { Actor } from "./actor";
import type { BookInput } from "./schema";

const shiftDay = (day: string, days: number) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/**
 * What a booking reads before it decides, in one round of four requests: one consistent
 * BatchGetItem of the motif, the place and the place's copy of its agents' days around the
 * booked day (with their versions: the transaction conditions on them); the place's rules; the
 * usager by phone; the running absences of the agents last seen there (the first time, after
 * the rules).
 */
export async function readForBooking(input: BookInput, actor: Actor, department: Department.Info, day: string) {
  const online = actor.kind === "usager";
  // an invitation names its motifs (on invitation only, or not) and its usager
  const invited = actor.kind === "usager" && actor.invitation !== undefined;
  const around = [shiftDay(day, -1), day, shiftDay(day, 1)];
  const first = readTogether([Motif.read(input.motifId), Place.read(input.placeId), AgentTime.placeBusy(input.placeId, around[0]!, around[2]!)], { consistent: true });
  const absences = Slot.absencesEarly(input.placeId, input.motifId, around[0]!);
  const [records, rules, party] = await Promise.allSettled([
    first,
    Slot.loadRules({ motifId: input.motifId, placeId: input.placeId }),
    // an agent naming a known usager: the usager must be known to the motif's organisation
    ServiceUser.forBooking(actor.kind === "usager" && actor.invitation ? { serviceUserId: actor.invitation.serviceUserId } : input, { online, invited, departmentCode: department.code, organisationId: async () => Motif.found((await first)[0], { online: online && !invited }).organisationId }),
  ]);
  const [motif, place, placeTime] = settled(records);
  return {
    motif: Motif.found(motif, { online: online && !invited }),
    place: Place.found(place),
    placeTime,
    rules: settled(rules),
    /** the running absences of the agents last seen at the place for the motif, asked for in this round (see Slot.absencesEarly) */
    absences,
    /** the usager: asked for after the checks of motif, place and agent, whose errors come first */
    party: () => settled(party),
    around,
  };
}

function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === "rejected") throw result.reason;
  return result.value;
}

/**
 * The agents' time a booking decides on: from the place's copy for the agents it covers, and
 * from their own days (a second round) for the others — agents an agent names from elsewhere,
 * or who joined the place a moment ago. Their own absences are read in that round too: an agent
 * no place covers yet may have absences written before absences were indexed (data migration
 * 0002), which the index of running absences does not hold.
 */
export async function agentTimeFor(placeTime: AgentTime.PlaceBusy, agentIds: readonly string[], days: readonly string[]) {
  const known = AgentTime.stateFrom([placeTime], agentIds, days);
  const [rest, own] =
    known.uncovered.length > 0
      ? await Promise.all([AgentTime.readState(known.uncovered, days), Promise.all(known.uncovered.map((agentId) => AgentTime.absencesOf(agentId)))])
      : [{ days: [], places: [] }, []];
  const state = AgentTime.joinStates(known.state, rest);
  const busy: Record<string, AgentTime.BusyInterval[]> = {};
  for (const day of state.days) busy[day.agentId] = [...(busy[day.agentId] ?? []), ...day.busy];
  return { state, busy, ownAbsences: own.flat().map(Slot.toEngineAbsence) };
}
