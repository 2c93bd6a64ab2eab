import { transact } from "../db/transact";
import { mergeBusy, type BusyInterval } from "./busy";
import { readState, writes, type DayChange } from "./days";
import { weekOf } from "./place-time";

/**
 * Adds intervals to agents' days (the département import), replacing those of the same
 * appointments: one transaction per agent and week, conditioned on the days' versions like a
 * booking (and copied to the agents' places alike), read again on a conflict. Days left
 * unchanged are not written, so importing the same file again writes nothing here.
 */
export async function mergeAll(intervalsByAgentDay: ReadonlyMap<string, { agentId: string; day: string; intervals: BusyInterval[] }>, concurrency = 4): Promise<void> {
  const groups = new Map<string, { agentId: string; days: Map<string, BusyInterval[]> }>();
  for (const { agentId, day, intervals } of intervalsByAgentDay.values()) {
    const id = `${agentId}|${weekOf(day)}`;
    const group = groups.get(id) ?? { agentId, days: new Map() };
    groups.set(id, group);
    group.days.set(day, [...(group.days.get(day) ?? []), ...intervals]);
  }
  const queue = [...groups.values()];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let group = queue.shift(); group; group = queue.shift()) await mergeWeek(group.agentId, group.days);
    }),
  );
}

async function mergeWeek(agentId: string, added: Map<string, BusyInterval[]>): Promise<void> {
  await transact<void>(async () => {
    const state = await readState([agentId], [...added.keys()]);
    const days: DayChange[] = [];
    for (const current of state.days) {
      const busy = mergeBusy(current.busy, added.get(current.day) ?? []);
      if (current.exists && JSON.stringify(busy) === JSON.stringify(current.busy)) continue; // nothing new
      days.push({ ...current, busy });
    }
    if (days.length === 0) return { done: undefined };
    return {
      write: (e) => writes(e, [{ days, places: state.places }]),
      committed: () => undefined,
    };
  });
}
