/**
 * `npm run fuzz [-- --cases 20000 --seed 42]`: guarantee 5 at length. Starts its own DynamoDB
 * Local (in memory) and table, loads the test fixture, signs an admin in, then sends generated
 * malformed requests (packages/functions/src/testing/fuzz.ts) round-robin to every route of the
 * route table, in process, through the real handlers. After each request it compares the table
 * with the one before: a change after a refused request is a partial write. Prints progress, then
 * a table per route; exits non-zero on any 5xx, partial write or unexpected answer.
 */
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { startDynamoDbLocal } from "../packages/local/src/dynamodb-local";
import { localClient } from "../packages/local/src/stack";
import { ensureTable } from "../packages/local/src/table";

const { values } = parseArgs({ options: { cases: { type: "string" }, seed: { type: "string" } } });
const CASES = Number(values.cases ?? process.env.FUZZ_CASES ?? 10_000);
const SEED = Number(values.seed ?? process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PASSWORD = "mot-de-passe-solide-2026";
const PREFIX = "fz";

interface RouteStats {
  cases: number;
  status4xx: number;
  status5xx: number;
  partialWrites: number;
  unexpected: number;
}

async function main(): Promise<number> {
  if (!Number.isInteger(CASES) || CASES < 1) throw new Error("--cases: a positive whole number");
  console.log(`fuzz: ${CASES} cases, seed ${SEED} (rerun with --seed ${SEED})`);
  const db = await startDynamoDbLocal();
  try {
    const table = `fuzz-${randomUUID()}`;
    const client = localClient(db.endpoint);
    await ensureTable(client, table);
    client.destroy();
    Object.assign(process.env, {
      RDV_DYNAMODB_ENDPOINT: db.endpoint,
      RDV_TABLE: table,
      RDV_TOKEN_SECRET: "fuzz-secret-fuzz-secret-fuzz-secret-0123",
      AWS_REGION: "eu-west-3",
      RDV_STAGE_SETTINGS: readFileSync(new URL("../config/stages/demo.json", import.meta.url), "utf8"),
      PUBLIC_URL: "https://rdv.example.fr",
      // the per-client limits would answer 429 before the handlers look at most requests
      RDV_LIMITS_SCALE: "100000",
    });
    return await run();
  } finally {
    await db.stop();
  }
}

async function run(): Promise<number> {
  // imported once the environment names the database
  const Clock = await import("@rdv/core/clock");
  const DepartmentFile = await import("@rdv/core/department-file");
  const Session = await import("@rdv/core/session");
  const { smallDepartment } = await import("@rdv/core/testing/department-fixture");
  const { tableSnapshot } = await import("@rdv/core/testing/table");
  const Auth = await import("@rdv/functions/agent-auth");
  const { routes, routeKey } = await import("@rdv/functions/routes");
  const { invoke } = await import("@rdv/functions/testing/invoke");
  const Fuzz = await import("@rdv/functions/testing/fuzz");

  Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  await DepartmentFile.load(smallDepartment(PREFIX));
  await Session.setPassword(`${PREFIX}-bruno`, PASSWORD);
  const signedIn = await invoke(Auth.signIn, { method: "POST", body: { email: `${PREFIX}.bruno@demo.rdv.local`, password: PASSWORD } });
  if (signedIn.status !== 200) throw new Error(`sign-in of the fixture's admin failed: ${signedIn.status}`);
  const fuzzers = Fuzz.routeFuzzers({
    prefix: PREFIX,
    admin: { cookies: signedIn.cookies.map((c) => c.split(";")[0]!), csrf: (signedIn.body as { csrfToken: string }).csrfToken },
  });
  const { missing } = Fuzz.coverage(fuzzers);
  if (missing.length > 0) throw new Error(`routes without a generator: ${missing.join(", ")}`);

  const perRoute = Math.ceil(CASES / routes.length);
  const plan = await Promise.all(
    routes.map(async (route, i) => ({
      route,
      key: routeKey(route),
      handler: await Fuzz.handlerOf(route),
      expect: fuzzers[routeKey(route)]!.expect,
      requests: fc.sample(fuzzers[routeKey(route)]!.cases, { numRuns: perRoute, seed: SEED + i }),
    })),
  );
  const stats = new Map<string, RouteStats>(plan.map((p) => [p.key, { cases: 0, status4xx: 0, status5xx: 0, partialWrites: 0, unexpected: 0 }]));
  const failures: string[] = [];
  const state = async () => JSON.stringify(await tableSnapshot({ except: Fuzz.UNCOUNTED_ENTITIES }));
  let table = await state();
  const started = Date.now();
  const tty = process.stdout.isTTY;
  const total = { cases: 0, status5xx: 0, partialWrites: 0, unexpected: 0 };
  const progress = (final = false) => {
    const seconds = (Date.now() - started) / 1000;
    const line = `  ${total.cases}/${CASES} cases · ${total.status5xx} 5xx · ${total.partialWrites} partial writes · ${total.unexpected} unexpected · ${seconds.toFixed(0)} s (${(total.cases / Math.max(seconds, 0.001)).toFixed(0)}/s)`;
    if (tty) process.stdout.write(`\r${line}${final ? "\n" : ""}`);
    else if (total.cases % 500 === 0 ? !final : final) console.log(line);
  };

  for (let n = 0; total.cases < CASES; n++) {
    const entry = plan[n % plan.length]!;
    const request = entry.requests[Math.floor(n / plan.length)];
    if (!request) continue;
    const s = stats.get(entry.key)!;
    s.cases++;
    total.cases++;
    let outcome: { status: number; body: unknown };
    try {
      outcome = await invoke(entry.handler, { path: entry.route.path, ...request });
    } catch (error) {
      outcome = { status: 599, body: { thrown: (error as Error).message } };
    }
    if (outcome.status >= 500) {
      s.status5xx++;
      total.status5xx++;
    } else if (outcome.status >= 400) s.status4xx++;
    const problem = Fuzz.problemWith(entry.expect, outcome);
    if (problem && outcome.status < 500) {
      s.unexpected++;
      total.unexpected++;
    }
    const after = await state();
    const changed = after !== table;
    if (changed) {
      if (outcome.status >= 400) {
        s.partialWrites++;
        total.partialWrites++;
      }
      table = after; // counted once: the next case starts from here
    }
    if (problem || changed) {
      if (failures.length < 20) failures.push(`${entry.key} → ${outcome.status} ${problem ?? "table changed"}\n    request: ${JSON.stringify(request).slice(0, 400)}\n    answer:  ${JSON.stringify(outcome.body).slice(0, 300)}`);
    }
    if (tty ? total.cases % 25 === 0 : total.cases % 500 === 0) progress();
  }
  progress(true);

  const rows = [...stats.entries()].map(([key, s]) => [key, s.cases, s.status4xx, s.status5xx, s.partialWrites, s.unexpected] as const);
  const header = ["route", "cases", "4xx", "5xx", "partial writes", "unexpected"];
  const all = ["total", total.cases, rows.reduce((a, r) => a + r[2], 0), total.status5xx, total.partialWrites, total.unexpected] as const;
  const widths = header.map((h, i) => Math.max(h.length, ...[...rows, all].map((r) => String(r[i]).length)));
  const format = (cells: readonly (string | number)[]) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join("  ");
  console.log(`\n${format(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows) console.log(format(row));
  console.log(`${widths.map((w) => "-".repeat(w)).join("  ")}\n${format(all)}`);
  console.log(`\nseed ${SEED}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failures.length > 0) console.log(`\nfirst failures:\n${failures.join("\n")}`);
  return total.status5xx + total.partialWrites + total.unexpected > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
