import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDynamoDbLocal, type DynamoDbLocal } from "../../local/src/dynamodb-local";
import { localClient } from "../../local/src/stack";
import { ensureTable } from "../../local/src/table";

/**
 * The database dies under a running API (a DynamoDB Local of this file's own, stopped midway):
 * health says so with a 503 within about a second, and every request that needs the table is a
 * retryable 503 `service.unavailable` with Retry-After — never a 500, never a hang.
 */
let db: DynamoDbLocal;

beforeAll(async () => {
  db = await startDynamoDbLocal();
  const table = `t-${randomUUID()}`;
  const client = localClient(db.endpoint);
  await ensureTable(client, table);
  client.destroy();
  // before anything creates the process's client: it points at this database
  process.env.RDV_DYNAMODB_ENDPOINT = db.endpoint;
  process.env.RDV_TABLE = table;
}, 60_000);

afterAll(async () => {
  await db?.stop();
});

const timed = async <T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - started };
};

describe("with the database down", () => {
  it("health turns 503 {ok:false} and a public route and an agent route answer 503 service.unavailable with Retry-After, in seconds", async () => {
    const [{ invoke }, Health, Catalogue, Agent, DepartmentFile, Session, { smallDepartment }] = await Promise.all([
      import("./testing/invoke"),
      import("./health"),
      import("./public-catalogue"),
      import("./agent-auth"),
      import("@rdv/core/department-file"),
      import("@rdv/core/session"),
      import("@rdv/core/testing/department-fixture"),
    ]);
    await DepartmentFile.load(smallDepartment("down"));
    await Session.setPassword("down-bruno", "mot-de-passe-solide-2026");
    const signedIn = await invoke(Agent.signIn, { method: "POST", body: { email: "down.bruno@demo.rdv.local", password: "mot-de-passe-solide-2026" } });
    const cookies = signedIn.cookies.map((c) => c.split(";")[0]!);
    const slotsQuery = { motif: "down-consult", place: "down-place-arras", from: "2026-12-07", to: "2026-12-13" };
    expect(await invoke(Health.handler)).toMatchObject({ status: 200, body: { ok: true } });
    expect((await invoke(Catalogue.slots, { query: slotsQuery })).status).toBe(200);
    expect((await invoke(Agent.show, { cookies })).status).toBe(200);

    await db.stop();

    const health = await timed(() => invoke(Health.handler));
    expect(health.value).toMatchObject({ status: 503, body: { ok: false, database: "unavailable" }, headers: { "retry-after": "5" } });
    expect(health.ms).toBeLessThan(1_500);
    const unavailable = {
      status: 503,
      headers: { "retry-after": "5" },
      body: { error: { code: "service.unavailable", message: "Le service est momentanément indisponible. Merci de réessayer dans un instant." } },
    };
    const slots = await timed(() => invoke(Catalogue.slots, { query: slotsQuery }));
    expect(slots.value).toMatchObject(unavailable);
    expect(slots.ms).toBeLessThan(5_000);
    // the session is read from the table before anything else
    const me = await timed(() => invoke(Agent.show, { cookies }));
    expect(me.value).toMatchObject(unavailable);
    expect(me.ms).toBeLessThan(5_000);
  }, 60_000);
});
