import { beforeEach, describe, expect, it } from "vitest";
import { MigrationEntity } from "./migration.entity";
import * as Migration from "./index";

/** Test migrations that note when they run; `fail` makes the next calls of a number throw. */
function fakeMigrations(count: number, calls: number[], fail: Set<number> = new Set()): Migration.Migration[] {
  return Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    name: `test-${i + 1}`,
    description: `test migration number ${i + 1}`,
    async up(context) {
      calls.push(i + 1);
      context.progress({ scanned: 10 * (i + 1) });
      if (fail.has(i + 1)) throw new Error(`migration ${i + 1} fails`);
      return { scanned: 10 * (i + 1) };
    },
  }));
}

beforeEach(async () => {
  await MigrationEntity.delete({}).go(); // this file's table: every test starts with no migration recorded
});

describe("migration runner on DynamoDB Local", () => {
  it("applies every migration above the recorded version, in order, recording each; running again does nothing", async () => {
    const calls: number[] = [];
    const first = await Migration.run({ migrations: fakeMigrations(3, calls) });
    expect(calls).toEqual([1, 2, 3]);
    expect(first).toMatchObject({ from: 0, version: 3, applied: [{ number: 1 }, { number: 2 }, { number: 3 }] });
    const recorded = await Migration.state();
    expect(recorded).toMatchObject({ version: 3, name: "test-3" });
    expect(recorded.history.map((h) => [h.number, h.name, h.counts])).toEqual([
      [1, "test-1", { scanned: 10 }],
      [2, "test-2", { scanned: 20 }],
      [3, "test-3", { scanned: 30 }],
    ]);
    expect(Date.parse(recorded.appliedAt!)).toBeGreaterThan(Date.now() - 60_000);

    expect(await Migration.run({ migrations: fakeMigrations(3, calls) })).toEqual({ from: 3, version: 3, applied: [] });
    expect(calls).toEqual([1, 2, 3]);

    // a new migration: only it runs
    await Migration.run({ migrations: fakeMigrations(5, calls) });
    expect(calls).toEqual([1, 2, 3, 4, 5]);
    expect((await Migration.state()).history.map((h) => h.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it("a failing migration leaves the recorded version as it was, runs nothing after it, and is run again by the next run", async () => {
    const calls: number[] = [];
    await expect(Migration.run({ migrations: fakeMigrations(3, calls, new Set([2])) })).rejects.toThrow("migration 2 fails");
    expect(calls).toEqual([1, 2]);
    expect((await Migration.state()).version).toBe(1);

    await expect(Migration.run({ migrations: fakeMigrations(3, calls, new Set([2])) })).rejects.toThrow("migration 2 fails");
    expect(calls).toEqual([1, 2, 2]);
    expect((await Migration.state()).version).toBe(1);

    await Migration.run({ migrations: fakeMigrations(3, calls) });
    expect(calls).toEqual([1, 2, 2, 2, 3]);
    expect((await Migration.state()).history.map((h) => h.number)).toEqual([1, 2, 3]);
  });

  it("stops at the target (a rollback's older target runs nothing) and refuses a target or a registry it does not know", async () => {
    const calls: number[] = [];
    expect(await Migration.run({ migrations: fakeMigrations(3, calls), target: 2 })).toMatchObject({ from: 0, version: 2 });
    expect(calls).toEqual([1, 2]);
    expect(await Migration.run({ migrations: fakeMigrations(3, calls), target: 1 })).toEqual({ from: 2, version: 2, applied: [] });
    await expect(Migration.run({ migrations: fakeMigrations(3, calls), target: 4 })).rejects.toThrow("this code knows migrations 1 to 3");
    const [one, two, three] = fakeMigrations(3, calls);
    await expect(Migration.run({ migrations: [one!, three!, two!] })).rejects.toThrow("position 2 holds migration 3");
    expect(calls).toEqual([1, 2]);
    expect((await Migration.state()).version).toBe(2);
  });

  it("reports progress while a migration runs and when it ends", async () => {
    const events: Migration.ProgressEvent[] = [];
    await Migration.run({ migrations: fakeMigrations(2, []), onProgress: (event) => events.push(event), progressEveryMs: 0 });
    expect(events).toEqual([
      { number: 1, name: "test-1", counts: { scanned: 10 }, done: false },
      { number: 1, name: "test-1", counts: { scanned: 10 }, done: true },
      { number: 2, name: "test-2", counts: { scanned: 20 }, done: false },
      { number: 2, name: "test-2", counts: { scanned: 20 }, done: true },
    ]);
  });

  it("two runs at once end with each migration recorded once", async () => {
    const calls: number[] = [];
    const results = await Promise.all([Migration.run({ migrations: fakeMigrations(3, calls) }), Migration.run({ migrations: fakeMigrations(3, calls) })]);
    expect(results.map((r) => r.version)).toEqual([3, 3]);
    expect((await Migration.state()).history.map((h) => h.number)).toEqual([1, 2, 3]);
  });

  it("the registry's own migrations run on an empty table and are recorded", async () => {
    const result = await Migration.run();
    expect(result).toMatchObject({ from: 0, version: Migration.LATEST_MIGRATION });
    expect(result.applied.map((a) => a.number)).toEqual(Migration.migrations.map((m) => m.number));
  });
});
