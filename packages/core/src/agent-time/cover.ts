import { getItems, readTogether } from "../db/batch-get";
import { transact, type Attempt, type TransactionEntities } from "../db/transact";
import { AgentDayEntity } from "./agent-day.entity";
import { dayOf, placesOf, type DayState, type PlacesState } from "./days";
import { AgentPlacesEntity } from "./place-time.entity";
import { agentsKey, coverageOf, coveredUpdate, decodeCopy, placeBusy, weekOf, weekUpdates } from "./place-time";

type Items = ReturnType<Exclude<Attempt<boolean>, { done: unknown } | { retry: true }>["write"]>["items"];

/** One transaction: true when committed, false when a condition failed (something changed), conflicts retried. */
async function writeOnce(items: (e: TransactionEntities) => unknown[], versioned: number[] = []): Promise<boolean> {
  return transact<boolean>(async () => ({
    write: (e) => ({ items: items(e) as Items, versioned }),
    committed: () => true,
    cancelled: (reasons) => (reasons.some((r) => r.code === "ConditionalCheckFailed") ? false : undefined),
  }));
}

const placesKey = (agentId: string) => AgentPlacesEntity.get({ agentId }).params<{ Key: Record<string, unknown> }>().Key;

/**
 * Makes places hold an agent's busy time completely (an opening rule there, saved or imported):
 * 1. the places join the agent's place list (a new version: from then on every write of the
 *    agent's days copies them there, or fails on the version it checked and reads again);
 * 2. every day the agent already has is copied, week by week, each copy conditioned on the
 *    day's version;
 * 3. the places record the agent as covered, on the condition that the list is still the one
 *    copied for. Until then, searches read the agent's own days. Safe to run again.
 */
export async function cover(agentId: string, placeIds: readonly string[]): Promise<void> {
  const wanted = [...new Set(placeIds)];
  for (let round = 1; round <= 20; round++) {
    const [listItem] = await getItems([placesKey(agentId)], { consistent: true });
    const current = placesOf(listItem ?? null, agentId);
    const concerned = [...new Set([...current.places, ...wanted])];
    const coverage = new Map((await getItems(concerned.map(agentsKey), { consistent: true })).map((item, i) => [concerned[i]!, coverageOf(item)]));
    const missing = wanted.filter((placeId) => !coverage.get(placeId)?.has(agentId));
    // places that cover the agent with an older list than the current one (a cover that raced
    // with this one): bookings there would decide on the old list, fail its check and read
    // again every time; they are told the current list on the way (under the list's check)
    const stale = (version: number) => concerned.filter((placeId) => { const known = coverage.get(placeId)?.get(agentId); return known !== undefined && known.version !== version; });
    if (missing.length === 0) {
      const behind = stale(current.version);
      if (behind.length > 0 && current.exists) {
        await writeOnce((e) => [
          e.agentPlaces.check({ agentId }).where((attr, op) => op.eq(attr.version, current.version)).commit(),
          ...behind.map((placeId) => coveredUpdate(placeId, [current])),
        ]);
      }
      return;
    }

    let list: PlacesState = current;
    const added = missing.filter((placeId) => !current.places.includes(placeId));
    if (added.length > 0) {
      list = { agentId, places: [...current.places, ...added], version: current.version + 1, exists: true };
      const elsewhere = current.places.filter((placeId) => coverage.get(placeId)?.has(agentId));
      const listed = await writeOnce((e) => [
        e.agentPlaces
          .put({ agentId, places: list.places, version: list.version })
          .where((attr, op) => (current.exists ? op.eq(attr.version, current.version) : op.notExists(attr.version)))
          .commit(),
        ...elsewhere.map((placeId) => coveredUpdate(placeId, [list])),
      ]);
      if (!listed) continue; // the list changed meanwhile: start again
    }

    const days = (await AgentDayEntity.query.primary({ agentId }).go({ pages: "all", consistent: true })).data;
    const byWeek = new Map<string, string[]>();
    for (const day of days) byWeek.set(weekOf(day.day), [...(byWeek.get(weekOf(day.day)) ?? []), day.day]);
    for (const weekDays of byWeek.values()) await copyWeek(agentId, weekDays, missing, days);

    const done = await writeOnce((e) => [
      e.agentPlaces.check({ agentId }).where((attr, op) => op.eq(attr.version, list.version)).commit(),
      ...[...new Set([...missing, ...stale(list.version)])].map((placeId) => coveredUpdate(placeId, [list])),
    ]);
    if (done) return;
  }
  throw new Error(`agent ${agentId}: busy time not copied after 20 rounds`);
}

/** Copies some days of an agent to places, each copy conditioned on the day's version (read again on a change). */
async function copyWeek(agentId: string, weekDays: string[], placeIds: string[], first: Array<{ day: string; busy: DayState["busy"]; freed?: DayState["freed"]; version: number }>): Promise<void> {
  await transact<void>(async (n) => {
    const states: DayState[] =
      n === 1
        ? weekDays.map((day) => ({ agentId, day, busy: first.find((d) => d.day === day)!.busy, freed: first.find((d) => d.day === day)!.freed ?? [], version: first.find((d) => d.day === day)!.version, exists: true }))
        : (await getItems(weekDays.map((day) => AgentDayEntity.get({ agentId, day }).params<{ Key: Record<string, unknown> }>().Key), { consistent: true })).map((item, i) => dayOf(item, agentId, weekDays[i]!));
    const present = states.filter((d) => d.exists);
    return {
      write: (e) => ({
        items: [
          ...present.map((d) => e.agentDay.check({ agentId, day: d.day }).where((attr, op) => op.eq(attr.version, d.version)).commit()),
          ...weekUpdates(present.flatMap((d) => placeIds.map((placeId) => ({ placeId, agentId, day: d.day, version: d.version, busy: d.busy, freed: d.freed })))),
        ] as Items,
        versioned: present.map((_, i) => i),
      }),
      committed: () => undefined,
    };
  });
}

/**
 * Copies again the days of a covered agent that a place's copy does not hold as they are (a
 * different version, or missing): days written by code that kept no copies — the release before
 * busy time by place, serving while a deploy migrates (data migration 0002 runs this after
 * covering everyone). Each copy is conditioned on the day's version, like `cover`'s. Returns the
 * number of days copied again.
 */
export async function recopy(agentId: string): Promise<number> {
  const [listItem] = await getItems([placesKey(agentId)], { consistent: true });
  const list = placesOf(listItem ?? null, agentId);
  if (list.places.length === 0) return 0;
  const days = (await AgentDayEntity.query.primary({ agentId }).go({ pages: "all", consistent: true })).data;
  if (days.length === 0) return 0;
  const sorted = days.map((d) => d.day).sort();
  const copies = await readTogether(
    list.places.map((placeId) => placeBusy(placeId, sorted[0]!, sorted.at(-1)!)),
    { consistent: true },
  );
  const stale = new Map<string, { days: Set<string>; places: Set<string> }>();
  for (const copy of copies) {
    if (!copy.coverage.has(agentId)) continue; // not trusted there yet: `cover` copies everything
    for (const day of days) {
      const raw = copy.days.get(agentId)?.get(day.day);
      if (raw !== undefined && decodeCopy(raw).version === day.version) continue;
      const week = stale.get(weekOf(day.day)) ?? { days: new Set<string>(), places: new Set<string>() };
      stale.set(weekOf(day.day), week);
      week.days.add(day.day);
      week.places.add(copy.placeId);
    }
  }
  let copied = 0;
  for (const week of stale.values()) {
    await copyWeek(agentId, [...week.days], [...week.places], days);
    copied += week.days.size;
  }
  return copied;
}

/** `cover` for many agents (the département import), a few at a time. */
export async function coverAll(placesByAgent: ReadonlyMap<string, readonly string[]>, concurrency = 8): Promise<void> {
  const queue = [...placesByAgent];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await cover(next[0], next[1]);
    }),
  );
}
