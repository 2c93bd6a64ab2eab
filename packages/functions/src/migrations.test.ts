import { describe, expect, it } from "vitest";
import type * as Migration from "@rdv/core/migration";
import { PHYSICAL_RESOURCE_ID, onEvent } from "./migrations";

/** A stand-in for Migration.run that notes its calls (the runner itself is tested on DynamoDB Local). */
function fakeRun(version = 3, fail?: Error) {
  const calls: Migration.RunOptions[] = [];
  const run = async (options: Migration.RunOptions = {}): Promise<Migration.RunResult> => {
    calls.push(options);
    if (fail) throw fail;
    return { from: 2, version, applied: [{ number: 3, name: "test", counts: {} }] };
  };
  return { run, calls };
}

const event = (type: "Create" | "Update" | "Delete", extra: Record<string, unknown> = {}) => ({
  RequestType: type,
  ServiceToken: "arn:aws:lambda:eu-west-3:123456789012:function:provider",
  StackId: "arn:aws:cloudformation:eu-west-3:123456789012:stack/ci-rdv-Migrations/x",
  RequestId: "r-1",
  LogicalResourceId: "Migrations",
  ResourceType: "Custom::RdvMigrations",
  ResourceProperties: { ServiceToken: "arn:…", LatestMigration: "3" },
  ...extra,
});

describe("migration custom resource handler (CloudFormation contract)", () => {
  it("Create runs the migrations up to the template's number and answers a stable physical id and the version", async () => {
    const { run, calls } = fakeRun();
    expect(await onEvent(run)(event("Create"))).toEqual({ PhysicalResourceId: PHYSICAL_RESOURCE_ID, Data: { Version: "3" } });
    expect(calls.map((c) => c.target)).toEqual([3]);
  });

  it("Update runs them too, keeping the resource's physical id (no replacement); a rollback's older number is passed as is", async () => {
    const { run, calls } = fakeRun();
    const answer = await onEvent(run)(event("Update", { PhysicalResourceId: "rdv-migrations-old", OldResourceProperties: { LatestMigration: "2" } }));
    expect(answer).toEqual({ PhysicalResourceId: "rdv-migrations-old", Data: { Version: "3" } });
    await onEvent(run)(event("Update", { PhysicalResourceId: "rdv-migrations-old", ResourceProperties: { LatestMigration: "2" }, OldResourceProperties: { LatestMigration: "3" } }));
    expect(calls.map((c) => c.target)).toEqual([3, 2]);
  });

  it("Delete does nothing to the data, even with properties it cannot read", async () => {
    const { run, calls } = fakeRun();
    expect(await onEvent(run)(event("Delete", { PhysicalResourceId: "rdv-migrations", ResourceProperties: {} }))).toEqual({ PhysicalResourceId: "rdv-migrations" });
    expect(calls).toEqual([]);
  });

  it("a failing migration fails the event (the Provider reports FAILED: the deploy rolls back)", async () => {
    const { run } = fakeRun(3, new Error("migration 3 fails"));
    await expect(onEvent(run)(event("Update", { PhysicalResourceId: "rdv-migrations" }))).rejects.toThrow("migration 3 fails");
  });

  it("refuses an event without a migration number rather than guess one", async () => {
    const { run, calls } = fakeRun();
    await expect(onEvent(run)(event("Create", { ResourceProperties: {} }))).rejects.toThrow();
    await expect(onEvent(run)({ RequestType: "Replace" })).rejects.toThrow();
    expect(calls).toEqual([]);
  });
});
