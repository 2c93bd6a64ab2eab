import * as AgentTime from "../agent-time";
import { eachLimited, scanPages } from "./scan";
import type { Counts, Migration, MigrationContext } from "./types";

/**
 * Busy time by place (docs/data-model.md): since December 2026 slot search and bookings read a
 * place's copy of its agents' days, and every search reads absences from the index of the
 * département's running absences (gsi1, by last day). Data written before has neither: no
 * place covers any agent (searches read each agent's own days, one query each: correct, only
 * slower), and absences without the index keys are invisible to searches and agendas. This
 * migration
 * 1. puts every absence the index lacks again through agent-time (which computes its last day
 *    and index keys), each on the condition that it is still the item read;
 *    (then again at the end, for absences the previous release wrote meanwhile: it serves while
 *    a deploy migrates, and keeps neither index keys nor copies);
 * 2. makes the places of every agent's opening rules cover the agent (`AgentTime.cover`: the
 *    place joins the agent's place list, the agent's days are copied week by week conditioned
 *    on their versions, then the place records the agent as covered) — absences first, so no
 *    place trusts its copy of an agent before the agent's absences can be found; then copies
 *    again the days the previous release changed after their agent was covered
 *    (`AgentTime.recopy`).
 * Idempotent and resumable: an indexed absence is skipped, a covered agent is skipped, and a run
 * stopped half-way leaves agents either covered completely or read from their own days.
 */
const CONCURRENCY = 8;

export const placeBusyTime: Migration = {
  number: 2,
  name: "place-busy-time",
  description: "Absences indexed by last day (gsi1) where they were not, and each place's copy of the busy time of the agents of its opening rules (placeWeek, placeAgents, agentPlaces)",
  async up(context) {
    const counts: Counts = { scanned: 0, absencesFound: 0, absencesIndexed: 0, absencesAlreadyIndexed: 0, absencesGone: 0, rules: 0, agents: 0, agentsCovered: 0 };
    await indexAbsences(context, counts);

    const placesByAgent = new Map<string, string[]>();
    await scanPages(
      {
        FilterExpression: "#e = :rule",
        ExpressionAttributeNames: { "#e": "__edb_e__" },
        ExpressionAttributeValues: { ":rule": "openingRule" },
      },
      async (items, scanned) => {
        counts.scanned! += scanned;
        for (const rule of items) {
          if (typeof rule.agentId !== "string" || typeof rule.placeId !== "string") {
            context.warn(`opening rule ${String(rule.pk)} without agentId or placeId: left aside`);
            continue;
          }
          counts.rules! += 1;
          placesByAgent.set(rule.agentId, [...new Set([...(placesByAgent.get(rule.agentId) ?? []), rule.placeId])]);
        }
      },
    );
    counts.agents = placesByAgent.size;
    const agents = [...placesByAgent].sort(([a], [b]) => a.localeCompare(b));
    await eachLimited(agents, CONCURRENCY, async ([agentId, placeIds]) => {
      await AgentTime.cover(agentId, placeIds);
      counts.agentsCovered! += 1;
      if (counts.agentsCovered! % 50 === 0) context.progress(counts);
    });
    // what the previous release wrote while this ran (a deploy runs migrations before the new
    // code serves, and that release keeps no copies): days its bookings changed after their
    // agent was covered, and absences it wrote without the index keys
    counts.daysCopiedAgain = 0;
    await eachLimited(agents, CONCURRENCY, async ([agentId]) => {
      const copied = await AgentTime.recopy(agentId); // awaited before the sum is read: runs overlap
      counts.daysCopiedAgain! += copied;
    });
    await indexAbsences(context, counts);
    return counts;
  },
};

async function indexAbsences(context: MigrationContext, counts: Counts): Promise<void> {
  await scanPages(
    {
      FilterExpression: "#e = :absence AND begins_with(#sk, :absenceSk) AND attribute_not_exists(#g)",
      ExpressionAttributeNames: { "#e": "__edb_e__", "#sk": "sk", "#g": "gsi1pk" },
      ExpressionAttributeValues: { ":absence": "absence", ":absenceSk": "time#~absence#" },
    },
    async (items, scanned) => {
      counts.scanned! += scanned;
      counts.absencesFound! += items.length;
      await eachLimited(items, CONCURRENCY, async (item) => {
        const outcome = await AgentTime.indexAbsence(item);
        const key = outcome === "indexed" ? "absencesIndexed" : outcome === "alreadyIndexed" ? "absencesAlreadyIndexed" : "absencesGone";
        counts[key]! += 1;
      });
      context.progress(counts);
    },
  );
}

