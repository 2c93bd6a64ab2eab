/**
 * `npm run bench` (issue #8): the figures that prove slot search and booking are fast, on a large
 * département, against DynamoDB Local through the real handlers. Not part of `npm test`.
 *
 *   npm run bench                     everything (6–9 minutes on 2 cores)
 *   npm run bench -- --profile        also writes a CPU profile of the stack (bench/results/profiles/)
 *   npm run bench                     the API without the reminder loops (RDV_LOOPS=off; the default)
 *   npm run bench -- --stack dev      with the scheduler and reconciler loops, as `npm run dev` runs
 *   npm run bench -- --skip-bundles   no bundle rows (keeps those of the previous results)
 *   npm run bench -- --only-bundles   the bundle rows only (3–8 minutes; the other rows are kept)
 *   npm run bench -- --only-sms       only the SMS segments row (bench/sms-segments.ts), into the previous results
 *   npm run bench -- --only-lighthouse  only the usager pages under Lighthouse (bench/lighthouse.ts), likewise
 *   npm run bench -- --skip-lighthouse  no Lighthouse rows (keeps those of the previous results)
 *   npm run bench -- --only-api       only the integration API's row (bench/integration-api.ts), into the previous results
 *   npm run bench -- --only-find-slot   only the « Trouver un créneau » row (its own stack), into the previous results
 *
 * Order: bundles and the pure engine first (nothing else running), then the stack (its start
 * includes importing the file), then the HTTP measurements, each warmed up first. The DynamoDB
 * request count of each operation comes from running the same read in this process with the
 * domain functions against the stack's database (`dynamoRequestCount()` differences): the HTTP
 * server is another process.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem, release } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import type { DepartmentFileInput } from "@rdv/core/schema";
import { bundleNotes, measureBundles, printBundleTable, writeBundleResults, type BundleRow } from "./bundles";
import { bareRequests, byCommand, rawTransactions, rawTransactionsOf, type RawTransactions } from "./reference";
import { measureEngine } from "./engine";
import { measureFindSlot } from "./find-slot";
import { measurePhases } from "./phases";
import { measureIntegrationList } from "./integration-api";
// sms-segments (and partial, which imports it) load the domain's notification module, whose
// entities create the process's DynamoDB client at load, with the endpoint of that moment:
// imported only once measureStack has pointed the process at the stack's database.
import type { SmsSegmentsRow } from "./sms-segments";
import { measureLighthouse, lighthouseTable, type LighthouseRow } from "./lighthouse";
import { BENCH_DIR, BENCH_NOW, DEFAULT_FILE, DEFAULT_SEED, writeFile } from "./generate";
import { startStack, type BenchStack, type StackMode } from "./stack";
import { summarise, timeSequential, type Timing } from "./stats";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
// default: the API without the reminder loops — right after a bulk import the local reconciler
// creates one schedule per future appointment in the API's process, which is not steady state
const stackMode = (option("--stack") ?? "api") as StackMode;
const RESULTS_DIR = join(BENCH_DIR, "results");
// the diagnostic stack without loops must not replace the figures of the real one
/** each search is warmed up this long before it is timed (see `timeSequential`) */
const WARMUP_MS = 15_000;
const RESULTS_FILE = join(RESULTS_DIR, stackMode === "api" ? "latest.json" : "with-loops.json");
const BENCH_PASSWORD = "banc-d-essai-rdv-62";
const TIMEZONE = "Europe/Paris";

/** A result's reference measured in the same run (see reference.ts), and the result's ratio to it. */
interface Reference {
  /** what was measured */
  what: string;
  medianMs?: number;
  p95Ms?: number;
  opsPerSec?: number;
}

type Row =
  | {
      name: string;
      medianMs: number | null;
      p95Ms: number | null;
      maxMs: number | null;
      ddbRequests: number | null;
      opsPerSec?: number;
      successes?: number;
      /** the requests by command */
      commands?: Record<string, number>;
      reference?: Reference;
      /** book-throughput: DynamoDB Local's raw rate of 2-item transactions with as many clients, and opsPerSec / it */
      rawOpsPerSec?: number;
      ratioToRaw?: number;
      /** book-throughput: the raw rate of transactions of as many items as a booking's (the ceiling of a booking made of one), and opsPerSec / it */
      rawSameSizeOpsPerSec?: number;
      bookingTransactionItems?: number;
      ratioToRawSameSize?: number;
      /** p95 (median for book-one) of the result / the same of its reference */
      ratioToReference?: number;
    }
  | Omit<BundleRow, "handler">
  | SmsSegmentsRow
  | LighthouseRow;

const runStarted = performance.now();
/** the sms-segments row's table, printed with the others */
let smsTable: string | undefined;
const log = (message: string) => console.log(`[${((performance.now() - runStarted) / 1000).toFixed(0).padStart(3)} s] ${message}`);
const notes: string[] = [];

function machine() {
  const javaVersion = spawnSync("java", ["-version"], { encoding: "utf8" });
  const java = `${javaVersion.stderr ?? ""}${javaVersion.stdout ?? ""}`.trim() || "unknown";
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    os: `${process.platform} ${release()}`,
    node: process.version,
    java: java.split("\n")[0]!,
    database: "DynamoDB Local 1.25.1 (amplify-dynamodb-simulator 2.9.30), in memory",
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function row(name: string, timing: Timing | null, ddbRequests: number | null, extra: Partial<Extract<Row, { medianMs: unknown }>> = {}): Row {
  return { name, medianMs: timing?.medianMs ?? null, p95Ms: timing?.p95Ms ?? null, maxMs: timing?.maxMs ?? null, ddbRequests, ...extra };
}

async function http(stack: BenchStack, path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${stack.apiUrl}${path}`, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

async function getOk(stack: BenchStack, path: string, init: RequestInit = {}): Promise<unknown> {
  const { status, body } = await http(stack, path, init);
  if (status !== 200) throw new Error(`GET ${path}: ${status} ${JSON.stringify(body)}`);
  return body;
}

const addDays = (day: string, days: number) => DateTime.fromISO(day).plus({ days }).toISODate()!;

/** Distinct mobile numbers for the bench's bookings (07 80 …, outside the generated file's 06 range). */
let phoneCounter = 0;
function benchPhone(): string {
  phoneCounter += 1;
  const n = String(phoneCounter).padStart(6, "0");
  return `07 80 ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)}`;
}

function bookingBody(slot: { motifId: string; placeId: string; startsAt: string }) {
  return {
    motifId: slot.motifId,
    placeId: slot.placeId,
    startsAt: slot.startsAt,
    serviceUser: { firstName: "Banc", lastName: `Essai ${(phoneCounter + 1).toString(26).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)))}`, phone: benchPhone() },
  };
}

async function main(): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const info = machine();
  log(`machine: ${info.cpu}, ${info.cores} cores, load ${info.loadAverageAtStart.join(" ")}; node ${info.node}`);

  const lighthouseOptions = { runs: Number(option("--lighthouse-runs") ?? 3), build: !flag("--skip-web-build"), reportsDir: option("--lighthouse-reports"), log };
  // the site alone needs neither the large file nor its stack
  if (flag("--only-lighthouse")) return (await import("./partial")).runOnly(RESULTS_FILE, { log, lighthouse: () => measureLighthouse(lighthouseOptions) });
  // 1. the file
  if (!existsSync(DEFAULT_FILE)) {
    log(`generating ${DEFAULT_FILE} (seed ${DEFAULT_SEED})…`);
    const stats = writeFile(DEFAULT_FILE, DEFAULT_SEED);
    log(`generated: ${JSON.stringify(stats)}`);
  }
  const file = JSON.parse(readFileSync(DEFAULT_FILE, "utf8")) as DepartmentFileInput;
  if (flag("--only-sms")) return (await import("./partial")).runOnly(RESULTS_FILE, { file, sms: true, log });
  if (flag("--only-api")) return onlyApi(file);
  if (flag("--only-find-slot")) {
    log(`starting the stack (RDV_NOW=${BENCH_NOW}) and importing the file, for the find-slot-org row alone…`);
    const spawnedAt = Date.now();
    const stack = await startStack({ file: DEFAULT_FILE, now: BENCH_NOW, mode: stackMode });
    try {
      const today = await pointAtStack(stack, spawnedAt);
      const findRow = await measureFindSlot(stack, file, { today, warmupMs: WARMUP_MS, log });
      return await (await import("./partial")).runOnly(RESULTS_FILE, { extra: { part: "find-slot-org", rows: [findRow] }, log });
    } finally {
      await stack.stop();
    }
  }

  // 2. bundles, with nothing else running
  let bundleRows: Row[] = [];
  if (flag("--skip-bundles")) {
    if (existsSync(RESULTS_FILE)) {
      const previous = JSON.parse(readFileSync(RESULTS_FILE, "utf8")) as { results: Row[] };
      bundleRows = previous.results.filter((r) => r.name.startsWith("bundle-"));
    }
    log(`bundles skipped (${bundleRows.length} rows kept from the previous results)`);
  } else {
    log("bundling every function as the deploy does (stacks/bundling.ts), with the hello-world and DynamoDB-only references…");
    const bundles = await measureBundles({ log });
    bundleRows = bundles.rows.map(({ handler: _handler, ...rest }) => rest);
    notes.push(...bundleNotes(bundles));
    if (flag("--only-bundles")) {
      writeBundleResults(RESULTS_FILE, bundles, bundleNotes(bundles));
      printBundleTable(bundles.rows);
      for (const note of notes) console.log(`note: ${note}`);
      return log(`written the bundle rows of ${RESULTS_FILE}`);
    }
  }

  // 3. the pure engine
  log("pure slot engine on the file's data (every motif × place, 8 weeks)…");
  const engine = measureEngine(file, new Date(BENCH_NOW), { days: 56, minMs: 4000 });
  log(`engine: ${engine.queries} queries, ${engine.slotsPerPass} slots a pass, ${engine.slotsPerSec} slots/s, ${engine.medianMs} ms median per query`);

  // 4. the stack
  log(`starting the stack (${stackMode === "dev" ? "packages/local/src/dev.ts" : "packages/local/src/dev.ts, RDV_LOOPS=off"}, RDV_NOW=${BENCH_NOW}) and importing the file…`);
  const spawnedAt = Date.now();
  const stack = await startStack({
    file: DEFAULT_FILE,
    now: BENCH_NOW,
    mode: stackMode,
    cpuProfDir: flag("--profile") ? join(RESULTS_DIR, "profiles") : undefined,
  });
  log(`stack up in ${(stack.startMs / 1000).toFixed(1)} s (import included): ${stack.loadedLine.replace(/^.*: /, "")}`);
  let results: Row[];
  try {
    results = await measureStack(stack, file, spawnedAt);
  } catch (error) {
    console.error(stack.output().slice(-4000));
    throw error;
  } finally {
    await stack.stop();
  }
  // in process, after measureStack configured it (see the import of sms-segments above)
  const Sms = await import("./sms-segments");
  log("SMS texts of every appointment of the file (confirmation, reschedule, cancellation, reminder)…");
  const smsRow = Sms.measureSmsSegments(file);
  smsTable = Sms.smsSegmentsTable(smsRow);
  log(`sms-segments: ${smsRow.messages} messages, ${(smsRow.oneSegmentShare * 100).toFixed(1)} % in one segment, at most ${smsRow.maxSegments}, in ${(smsRow.ms / 1000).toFixed(1)} s`);
  results.push({
    name: "engine-slots-per-sec",
    medianMs: engine.medianMs,
    p95Ms: engine.p95Ms,
    maxMs: engine.maxMs,
    ddbRequests: 0,
    opsPerSec: engine.slotsPerSec,
  });
  results.push(...bundleRows, smsRow);
  // the site under Lighthouse last, once the large stack has stopped (its own small stack)
  const previousRows = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, "utf8")) as { results: Row[] }).results : [];
  results.push(...(flag("--skip-lighthouse") ? previousRows.filter((r) => r.name.startsWith("lighthouse-")) : (await measureLighthouse(lighthouseOptions)).rows));

  // what the previous results say of the rows kept from them: the bundles' run (--skip-bundles),
  // and when parts measured alone were (the Lighthouse rows with --skip-lighthouse)
  const previous = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, "utf8")) as { bundles?: unknown; parts?: Record<string, string> }) : {};
  const keptParts = Object.fromEntries(Object.entries(previous.parts ?? {}).filter(([part]) => part === "lighthouse" && flag("--skip-lighthouse")));
  const output = {
    ...(flag("--skip-bundles") && previous.bundles ? { bundles: previous.bundles } : {}),
    ...(Object.keys(keptParts).length > 0 ? { parts: keptParts } : {}),
    at: new Date().toISOString(),
    machine: { ...info, loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100), stack: stackMode, stackStartSeconds: Math.round(stack.startMs / 100) / 10 },
    results,
  };
  writeFileSync(`${RESULTS_FILE}.tmp`, JSON.stringify(output, null, 2) + "\n");
  renameSync(`${RESULTS_FILE}.tmp`, RESULTS_FILE);
  printTable(results);
  for (const note of notes) console.log(`note: ${note}`);
  log(`written ${RESULTS_FILE}`);
}

/** Points this process at the stack's database and clock (to count requests in process); the stack's local day. */
async function pointAtStack(stack: BenchStack, spawnedAt: number): Promise<string> {
  const { configureProcess, localTokenSecret } = await import("../packages/local/src/stack");
  const { readStageSettings } = await import("../packages/local/src/settings");
  configureProcess({ endpoint: stack.endpoint, settings: readStageSettings(), tokenSecret: localTokenSecret() });
  const Clock = await import("@rdv/core/clock");
  Clock.startAt(new Date(Date.parse(BENCH_NOW) + (Date.now() - spawnedAt))); // the stack's clock, within a second
  return DateTime.fromJSDate(Clock.now()).setZone(TIMEZONE).toISODate()!;
}

async function measureStack(stack: BenchStack, file: DepartmentFileInput, spawnedAt: number): Promise<Row[]> {
  // This process reads the stack's database with the same domain functions, to count requests.
  await pointAtStack(stack, spawnedAt);
  const Clock = await import("@rdv/core/clock");
  const { dynamoRequestCount, recordDynamoCommands, tableName } = await import("@rdv/core/db/client");
  const Slot = await import("@rdv/core/slot");
  const Availability = await import("@rdv/core/availability");
  const Appointment = await import("@rdv/core/appointment");
  const Session = await import("@rdv/core/session");
  const Agenda = await import("@rdv/core/agenda");
  const { AgentEntity } = await import("../packages/core/src/agent/agent.entity");
  const { AppointmentEntity } = await import("../packages/core/src/appointment/appointment.entity");
  /** DynamoDB requests of one call, after an uncounted call (warm caches, as the API's are after its warm-up) */
  const counted = async <T>(fn: () => Promise<T>, warm = true): Promise<{ requests: number; value: T }> => {
    if (warm) await fn();
    const before = dynamoRequestCount();
    const value = await fn();
    return { requests: dynamoRequestCount() - before, value };
  };
  const { docClient } = await import("@rdv/core/db/client");
  const { QueryCommand } = await import("@aws-sdk/lib-dynamodb");
  /** appointments whose reminder schedule the reconciler has still to create (a COUNT query on the work index) */
  const pendingWork = async () => {
    const params = AppointmentEntity.query.pendingWork({ workQueue: "work" }).params() as Record<string, unknown>;
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await docClient().send(new QueryCommand({ ...params, Select: "COUNT", ExclusiveStartKey: start } as never));
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  };

  const results: Row[] = [];
  const measuringStarted = performance.now();
  const now = Clock.now();
  const today = DateTime.fromJSDate(now).setZone(TIMEZONE).toISODate()!;

  // What to ask: the organisation with the most consulting agents, its infant consultation
  // (the busiest motif), the place with the most agents offering it, one commune it serves.
  const rules = file.openingRules ?? [];
  const motifs = file.motifs ?? [];
  const agentsOf = (motifId: string, placeId?: string) => new Set(rules.filter((r) => r.motifIds.includes(motifId) && (!placeId || r.placeId === placeId)).map((r) => r.agentId));
  const motif = motifs.filter((m) => m.id.endsWith("pmi-consultation")).sort((a, b) => agentsOf(b.id).size - agentsOf(a.id).size)[0]!;
  const placeIds = [...new Set(rules.filter((r) => r.motifIds.includes(motif.id)).map((r) => r.placeId))];
  const place = placeIds.sort((a, b) => agentsOf(motif.id, b).size - agentsOf(motif.id, a).size || a.localeCompare(b))[0]!;
  const organisation = (file.organisations ?? []).find((o) => o.id === motif.organisationId)!;
  const commune = organisation.communes[0]!;
  log(`subject: motif ${motif.id} (${agentsOf(motif.id).size} agents, ${placeIds.length} places), place ${place} (${agentsOf(motif.id, place).size} agents), commune ${commune}`);

  // dev.ts's reconciler creates a reminder schedule for every booked appointment to come that
  // the import marked pending, one after the other, in the API's process. Counting the work index
  // now would take a minute of the database's time: the file says how many there are.
  const backlogAtStart = stackMode === "dev" ? (file.appointments ?? []).filter((a) => (a.status ?? "booked") === "booked" && a.start > BENCH_NOW.slice(0, 16)).length : 0;
  if (backlogAtStart > 0) {
    const note = `dev.ts's reconciler had about ${backlogAtStart} reminder schedules to create (one per booked appointment to come) when measuring started; it runs in the API's process, so the figures include that background load`;
    notes.push(note);
    log(note);
  }

  // -- slots for one motif at one place over 8 weeks
  const to8w = addDays(today, 55);
  const slotsPath = (from: string, to: string) => `/v1/public/slots?motif=${motif.id}&place=${place}&from=${from}&to=${to}`;
  const first = (await getOk(stack, slotsPath(today, to8w))) as { slots: unknown[] };
  const slotSamples = await timeSequential(async () => void (await getOk(stack, slotsPath(today, to8w))), { warmup: 30, warmupMs: WARMUP_MS, iterations: 300 });
  const slotRequests = (await counted(() => Slot.list({ motif: motif.id, place, from: today, to: to8w }, Clock.now()))).requests;
  const slotRecorded = await recordDynamoCommands(() => Slot.list({ motif: motif.id, place, from: today, to: to8w }, Clock.now()));
  const slotBare = await bareRequests(stack.endpoint, slotRecorded.requests);
  log(`slots-one-place-8w reference: the same ${slotRecorded.requests.length} requests sent bare, at once: ${JSON.stringify(slotBare)}`);
  const scaling: Record<string, number> = {};
  for (const [label, days] of [["1 day", 1], ["1 week", 7], ["8 weeks", 56], ["13 weeks", 91]] as const) {
    scaling[label] = (await counted(() => Slot.list({ motif: motif.id, place, from: today, to: addDays(today, days - 1) }, Clock.now()))).requests;
  }
  const slotTiming = summarise(slotSamples);
  results.push(
    row("slots-one-place-8w", slotTiming, slotRequests, {
      commands: byCommand(slotRecorded.commands),
      reference: { what: `the search's ${slotRecorded.requests.length} DynamoDB requests sent bare, at once`, medianMs: slotBare.medianMs, p95Ms: slotBare.p95Ms },
      ratioToReference: ratio(slotTiming.p95Ms, slotBare.p95Ms),
    }),
  );
  log(`slots-one-place-8w: ${first.slots.length} slots; ${JSON.stringify(summarise(slotSamples))}; requests by range ${JSON.stringify(scaling)}`);

  // -- places with their next available slot (every place of the motif's organisation)
  const placesPath = `/v1/public/places?motif=${motif.id}&commune=${commune}`;
  const placesBody = (await getOk(stack, placesPath)) as { places: Array<{ nextSlot: unknown }> };
  const placesSamples = await timeSequential(async () => void (await getOk(stack, placesPath)), { warmup: 15, warmupMs: WARMUP_MS, iterations: 150 });
  const placesRequests = (await counted(() => Availability.listForMotif({ motif: motif.id, commune }, Clock.now()))).requests;
  results.push(row("places-next-availability", summarise(placesSamples), placesRequests));
  log(`places-next-availability: ${placesBody.places.length} places, ${placesBody.places.filter((p) => p.nextSlot).length} with a next slot; ${JSON.stringify(summarise(placesSamples))}; ${placesRequests} requests`);

  // -- whom to offer a freed slot (the waitlist): a bounded query of the waiting index, however long the list
  const Waitlist = await import("@rdv/core/waitlist");
  const WAITING = 600;
  const seededAt = performance.now();
  for (let i = 0; i < WAITING; i++) {
    // half wait for this place, half for every place of the motif; each number its own (3 entries a number at most)
    await Waitlist.join(
      { motifId: motif.id, placeId: i % 2 === 0 ? place : undefined, commune, serviceUser: { firstName: "Banc", lastName: "Attente", phone: benchPhone() } },
      { now: Clock.now() },
    );
  }
  log(`waitlist: ${WAITING} entries joined in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`);
  const freedStart = DateTime.fromISO(today, { zone: TIMEZONE }).plus({ days: 7, hours: 9 }).toUTC().toISO()!;
  const candidatesOf = () => Waitlist.candidates({ motifId: motif.id, placeId: place, startsAt: freedStart, day: addDays(today, 7) }, today);
  const found = await candidatesOf();
  const candidateSamples = await timeSequential(async () => void (await candidatesOf()), { warmup: 20, warmupMs: WARMUP_MS, iterations: 200 });
  const candidateRequests = (await counted(candidatesOf)).requests;
  results.push(row("waitlist-candidates", summarise(candidateSamples), candidateRequests));
  log(`waitlist-candidates: ${found.length} of ${WAITING} waiting entries chosen; ${JSON.stringify(summarise(candidateSamples))}; ${candidateRequests} requests`);

  // -- the agenda of the organisation for a week, as one of its secretaries (sees every service)
  const secretary = (file.agents ?? []).find((a) => a.role === "secretariat" && a.organisationIds.includes(organisation.id))!;
  await AgentEntity.patch({ agentId: secretary.id }).set({ passwordHash: await Session.hashPassword(BENCH_PASSWORD) }).go();
  const signIn = await http(stack, "/v1/agent/auth/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: secretary.email, password: BENCH_PASSWORD }),
  });
  const sessionCookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("rdv_session="));
  const monday = DateTime.fromISO(today).plus({ weeks: 1 }).startOf("week").toISODate()!;
  const agendaPath = `/v1/agent/agenda?organisation=${organisation.id}&from=${monday}&to=${addDays(monday, 6)}`;
  if (signIn.status !== 200 || !sessionCookie) {
    results.push(row("agenda-org-week", null, null));
    notes.push(`agenda-org-week not measured: sign-in answered ${signIn.status} ${JSON.stringify(signIn.body)}`);
  } else {
    const headers = { cookie: sessionCookie };
    const agenda = (await getOk(stack, agendaPath, { headers })) as { appointments: unknown[]; openings: unknown[]; agents: unknown[] };
    const agendaSamples = await timeSequential(async () => void (await getOk(stack, agendaPath, { headers })), { warmup: 10, warmupMs: WARMUP_MS, iterations: 100 });
    const agendaCall = async () => {
      const ctx = await Session.fromToken(decodeURIComponent(sessionCookie.slice("rdv_session=".length)), Clock.now());
      return Agenda.get({ organisationId: organisation.id, from: monday, to: addDays(monday, 6) }, ctx);
    };
    const agendaRequests = (await counted(agendaCall)).requests;
    const agendaRecorded = await recordDynamoCommands(agendaCall);
    const agendaBare = await bareRequests(stack.endpoint, agendaRecorded.requests, { iterations: 100 });
    const agendaTiming = summarise(agendaSamples);
    results.push(
      row("agenda-org-week", agendaTiming, agendaRequests, {
        commands: byCommand(agendaRecorded.commands),
        reference: { what: `the session's and the agenda's ${agendaRecorded.requests.length} DynamoDB requests sent bare, at once`, medianMs: agendaBare.medianMs, p95Ms: agendaBare.p95Ms },
        ratioToReference: ratio(agendaTiming.p95Ms, agendaBare.p95Ms),
      }),
    );
    log(`agenda-org-week: ${agenda.agents.length} agents, ${agenda.appointments.length} appointments, ${agenda.openings.length} openings; ${JSON.stringify(summarise(agendaSamples))}; ${agendaRequests} requests (session included)`);
  }

  // -- a business tool listing the month's appointments of the busiest organisation through the integration API
  const api = await measureIntegrationList({ apiUrl: stack.apiUrl, file, month: BENCH_NOW.slice(0, 7), now: () => Clock.now(), warmupMs: WARMUP_MS, counted });
  results.push(api.row);
  notes.push(api.note);
  log(`${api.note}; ${JSON.stringify(api.timing)}`);

  // -- « Trouver un créneau »: every agent at every place of the organisation, next availability first
  results.push(await measureFindSlot(stack, file, { today, warmupMs: WARMUP_MS, log }));

  // -- where the searches spend their time (in process, phase by phase)
  const phases = await measurePhases({ motifId: motif.id, placeId: place, commune, from: today, to: to8w, now: () => Clock.now(), iterations: 40 });
  notes.push(
    `phases (in process, medians): slots-one-place-8w read ${phases.slots.readMs} ms + compute ${phases.slots.computeMs} ms = ${phases.slots.totalMs} ms ` +
      `(reads one by one: the place's rules ${phases.slots.rulesQueryMs} ms, the département's ${phases.slots.absences} running absences ${phases.slots.absencesQueryMs} ms, the place's copy of its agents' busy time ${phases.slots.copyReadMs} ms; the ${phases.slots.agents} agents' own partitions instead, one query each in parallel, ${phases.slots.perAgentParallelMs} ms); ` +
      `places-next-availability Availability.listForMotif ${phases.places.totalMs} ms for ${phases.places.places} places; ingredients: availability of the organisation's agents over the ${phases.places.windowDays}-day window read ${phases.places.readWindowMs} ms, over 14 days ${phases.places.read14dMs} ms; engine (limit 1, every place) over the window ${phases.places.computeWindowMs} ms, over 14 days ${phases.places.compute14dMs} ms (${phases.places.placesWithSlotIn14d}/${phases.places.places} places have a slot within 14 days)`,
  );
  log(notes[notes.length - 1]!);

  // -- bookings. Candidate slots: one per (place, day), so that no two bookings touch the same
  // agent-day (agents work at one place a day) and none changes the grid another one was taken from.
  const tomorrow = addDays(today, 1);
  const candidates: Array<{ motifId: string; placeId: string; startsAt: string; agentIds: string[] }> = [];
  const singleAgent: typeof candidates = [];
  for (const m of motifs) {
    for (const p of [...new Set(rules.filter((r) => r.motifIds.includes(m.id)).map((r) => r.placeId))].sort()) {
      const slots = await Slot.list({ motif: m.id, place: p, from: tomorrow, to: addDays(tomorrow, 55) }, Clock.now());
      const byDay = new Map<string, (typeof slots)[number]>();
      for (const slot of slots) if (!byDay.has(slot.startsAt.slice(0, 10))) byDay.set(slot.startsAt.slice(0, 10), slot);
      for (const slot of byDay.values()) candidates.push({ motifId: m.id, placeId: p, startsAt: slot.startsAt, agentIds: slot.agentIds });
      for (const slot of slots) if (slot.agentIds.length === 1) singleAgent.push({ motifId: m.id, placeId: p, startsAt: slot.startsAt, agentIds: slot.agentIds });
    }
  }
  // a (place, day) is used once across every booking test
  const usedPlaceDays = new Set<string>();
  const take = (pool: typeof candidates, count: number) => {
    const picked: typeof candidates = [];
    for (const slot of pool) {
      const key = `${slot.placeId}|${slot.startsAt.slice(0, 10)}`;
      if (usedPlaceDays.has(key)) continue;
      usedPlaceDays.add(key);
      picked.push(slot);
      if (picked.length === count) break;
    }
    if (picked.length < count) throw new Error(`only ${picked.length} free (place, day) pairs left, ${count} wanted`);
    return picked;
  };
  // spread over places and days deterministically
  candidates.sort((a, b) => (hash(a.placeId + a.startsAt) - hash(b.placeId + b.startsAt)));
  singleAgent.sort((a, b) => (hash(a.placeId + a.startsAt) - hash(b.placeId + b.startsAt)));
  log(`booking candidates: ${candidates.length} (place, day) slots, ${singleAgent.length} slots with one free agent`);

  const post = async (slot: (typeof candidates)[number]) => {
    const started = performance.now();
    const response = await http(stack, "/v1/public/appointments", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
      body: JSON.stringify(bookingBody(slot)),
    });
    return { status: response.status, ms: performance.now() - started, body: response.body };
  };

  // -- the reference of the bookings: DynamoDB Local's own rate of 2-item transactions (again after the throughput run)
  const rawBefore = await rawTransactions(stack.endpoint, tableName());
  log(`raw 2-item TransactWriteItems: ${rawBefore.opsPerSec}/s with ${rawBefore.clients} clients; one client alone ${JSON.stringify(rawBefore.sequential)}`);

  // -- one booking at a time, distinct slots
  const warm = take(candidates, 5);
  for (const slot of warm) await post(slot);
  const sequential = take(candidates, 60);
  const bookSamples: number[] = [];
  const bookStatuses: Record<number, number> = {};
  for (const slot of sequential) {
    const r = await post(slot);
    bookSamples.push(r.ms);
    bookStatuses[r.status] = (bookStatuses[r.status] ?? 0) + 1;
    if (r.status !== 201 && (bookStatuses[r.status] ?? 0) === 1) log(`book-one: ${r.status} ${JSON.stringify(r.body)} for ${JSON.stringify(slot)}`);
  }
  // in process, after one booking that warms this process's copies of the département and services (as the API's are)
  const [warmSlot, inProcessSlot] = take(candidates, 2);
  await Appointment.book(bookingBody(warmSlot!), { idempotencyKey: randomUUID(), now: Clock.now() });
  const bookRecorded = await recordDynamoCommands(() => Appointment.book(bookingBody(inProcessSlot!), { idempotencyKey: randomUUID(), now: Clock.now() }));
  const bookRequests = bookRecorded.commands.length;
  const bookTiming = summarise(bookSamples);
  results.push(
    row("book-one", bookTiming, bookRequests, {
      commands: byCommand(bookRecorded.commands),
      reference: { what: "one 2-item TransactWriteItems, one client alone", medianMs: rawBefore.sequential.medianMs, p95Ms: rawBefore.sequential.p95Ms },
      ratioToReference: ratio(bookTiming.medianMs, rawBefore.sequential.medianMs),
    }),
  );
  log(`book-one: requests in process ${bookRecorded.commands.join(" ")}`);
  if ((bookStatuses[201] ?? 0) !== sequential.length) notes.push(`book-one: statuses ${JSON.stringify(bookStatuses)} (every booking of a distinct free slot should be a 201)`);
  log(`book-one: ${JSON.stringify(bookStatuses)}; ${JSON.stringify(summarise(bookSamples))}; ${bookRequests} requests`);

  // -- throughput: 16 clients booking distinct slots at once
  const clients = 16;
  const perClient = 12;
  const queues = Array.from({ length: clients }, () => take(candidates, perClient));
  const throughputSamples: number[] = [];
  const throughputStatuses: Record<number, number> = {};
  const throughputStarted = performance.now();
  await Promise.all(
    queues.map(async (queue) => {
      for (const slot of queue) {
        const r = await post(slot);
        throughputSamples.push(r.ms);
        throughputStatuses[r.status] = (throughputStatuses[r.status] ?? 0) + 1;
      }
    }),
  );
  const throughputSeconds = (performance.now() - throughputStarted) / 1000;
  const opsPerSec = Math.round(((throughputStatuses[201] ?? 0) / throughputSeconds) * 10) / 10;
  const rawAfter = await rawTransactions(stack.endpoint, tableName());
  const raw: RawTransactions[] = [rawBefore, rawAfter];
  const bookingItems = ((bookRecorded.requests.find((r) => r.command === "TransactWriteItemsCommand")?.input.TransactItems as unknown[] | undefined) ?? []).length;
  const rawSameSize = await rawTransactionsOf(stack.endpoint, tableName(), bookingItems);
  log(`raw TransactWriteItems of ${bookingItems} items (a booking's), ${rawAfter.clients} clients: ${rawSameSize}/s`);
  const rawOpsPerSec = Math.round((raw.reduce((sum, r) => sum + r.opsPerSec, 0) / raw.length) * 10) / 10;
  log(`raw 2-item TransactWriteItems with ${rawAfter.clients} clients: ${rawBefore.opsPerSec}/s before the bookings, ${rawAfter.opsPerSec}/s after; reference ${rawOpsPerSec}/s`);
  results.push(
    row("book-throughput", summarise(throughputSamples), bookRequests, {
      opsPerSec,
      rawOpsPerSec,
      ratioToRaw: Math.round((opsPerSec / rawOpsPerSec) * 100) / 100,
      rawSameSizeOpsPerSec: rawSameSize,
      bookingTransactionItems: bookingItems,
      ratioToRawSameSize: Math.round((opsPerSec / rawSameSize) * 100) / 100,
      reference: { what: `2-item TransactWriteItems, ${rawAfter.clients} clients at once (mean of a run before the bookings and one after: ${rawBefore.opsPerSec}/s, ${rawAfter.opsPerSec}/s)`, opsPerSec: rawOpsPerSec },
    }),
  );
  if ((throughputStatuses[201] ?? 0) !== clients * perClient) notes.push(`book-throughput: statuses ${JSON.stringify(throughputStatuses)} (distinct free slots: all should be 201)`);
  log(`book-throughput: ${clients} clients × ${perClient}: ${JSON.stringify(throughputStatuses)} in ${throughputSeconds.toFixed(1)} s = ${opsPerSec}/s; ${JSON.stringify(summarise(throughputSamples))}`);

  // -- 100 concurrent bookings of one slot that has exactly one free agent
  const [contested] = take(singleAgent, 1);
  const contest = await Promise.all(Array.from({ length: 100 }, () => post(contested!)));
  const successes = contest.filter((r) => r.status === 201).length;
  const contestStatuses: Record<number, number> = {};
  for (const r of contest) contestStatuses[r.status] = (contestStatuses[r.status] ?? 0) + 1;
  // the same contest in process, on another one-agent slot, for its request count
  const [contestedInProcess] = take(singleAgent, 1);
  const inProcess = await counted(() =>
    Promise.all(
      Array.from({ length: 100 }, () =>
        Appointment.book(bookingBody(contestedInProcess!), { idempotencyKey: randomUUID(), now: Clock.now() }).then(
          () => "booked",
          (error: unknown) => (error as { code?: string }).code ?? String(error),
        ),
      ),
    ),
    false,
  );
  const inProcessWins = inProcess.value.filter((v) => v === "booked").length;
  results.push(row("same-slot-100", summarise(contest.map((r) => r.ms)), Math.round((inProcess.requests / 100) * 10) / 10, { successes }));
  if (successes !== 1) notes.push(`same-slot-100: ${successes} successes over HTTP (must be exactly 1): ${JSON.stringify(contestStatuses)}`);
  if (inProcessWins !== 1) notes.push(`same-slot-100 in process: ${inProcessWins} successes (must be exactly 1)`);
  log(`same-slot-100: ${JSON.stringify(contestStatuses)} over HTTP; in process ${inProcessWins} success, ${inProcess.requests} requests for 100 attempts`);

  // -- request counts do not grow with appointments: the same 8-week search after ~270 bookings
  const afterBookings = (await counted(() => Slot.list({ motif: motif.id, place, from: today, to: to8w }, Clock.now()))).requests;
  scaling["8 weeks, after the bookings"] = afterBookings;
  notes.push(`slots-one-place-8w DynamoDB requests by range: ${Object.entries(scaling).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  const backlogAtEnd = backlogAtStart > 0 ? await pendingWork() : 0;
  if (backlogAtStart > 0) notes.push(`reconciler backlog: about ${backlogAtStart} appointments when the measurements started, ${backlogAtEnd} still pending at the end (${Math.round((performance.now() - measuringStarted) / 1000)} s later)`);
  return results;
}

/** `--only-api`: the stack with the file, the integration API's row alone, into the previous results. */
async function onlyApi(file: DepartmentFileInput): Promise<void> {
  const spawnedAt = Date.now();
  const stack = await startStack({ file: DEFAULT_FILE, now: BENCH_NOW, mode: stackMode });
  try {
    const { configureProcess, localTokenSecret } = await import("../packages/local/src/stack");
    const { readStageSettings } = await import("../packages/local/src/settings");
    configureProcess({ endpoint: stack.endpoint, settings: readStageSettings(), tokenSecret: localTokenSecret() });
    const Clock = await import("@rdv/core/clock");
    Clock.startAt(new Date(Date.parse(BENCH_NOW) + (Date.now() - spawnedAt)));
    const { dynamoRequestCount } = await import("@rdv/core/db/client");
    const counted = async <T>(fn: () => Promise<T>) => {
      await fn();
      const before = dynamoRequestCount();
      const value = await fn();
      return { requests: dynamoRequestCount() - before, value };
    };
    const api = await measureIntegrationList({ apiUrl: stack.apiUrl, file, month: BENCH_NOW.slice(0, 7), now: () => Clock.now(), warmupMs: WARMUP_MS, counted });
    log(`${api.note}; ${JSON.stringify(api.timing)}`);
    await (await import("./partial")).runOnly(RESULTS_FILE, { log, extra: { part: "api", rows: [api.row] } });
  } catch (error) {
    console.error(stack.output().slice(-4000));
    throw error;
  } finally {
    await stack.stop();
  }
}

function ratio(value: number, reference: number): number {
  return Math.round((value / reference) * 100) / 100;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function printTable(results: Row[]): void {
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? "—" : String(v));
  const timed = results.filter((r): r is Extract<Row, { medianMs: unknown }> => "medianMs" in r);
  const bundles = results.filter((r): r is Omit<BundleRow, "handler"> => "sizeKb" in r);
  const lines = [
    `| operation | median ms | p95 ms | max ms | DynamoDB requests | ops/s | successes |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...timed.map((r) => `| ${r.name} | ${fmt(r.medianMs)} | ${fmt(r.p95Ms)} | ${fmt(r.maxMs)} | ${fmt(r.ddbRequests)} | ${fmt(r.opsPerSec)} | ${fmt(r.successes)} |`),
  ];
  console.log("\n" + lines.join("\n") + "\n");
  const referenced = timed.filter((r) => r.reference);
  if (referenced.length > 0) {
    const result = (r: (typeof timed)[number]) => (r.rawOpsPerSec ? `${fmt(r.opsPerSec)}/s` : r.name === "book-one" ? `median ${fmt(r.medianMs)} ms` : `p95 ${fmt(r.p95Ms)} ms`);
    const reference = (r: (typeof timed)[number]) => (r.reference?.opsPerSec ? `${r.reference.opsPerSec}/s` : r.name === "book-one" ? `median ${fmt(r.reference?.medianMs)} ms` : `p95 ${fmt(r.reference?.p95Ms)} ms`);
    console.log(
      [
        `| operation | DynamoDB requests | result | reference | what the reference is | ratio |`,
        `| --- | ---: | ---: | ---: | --- | ---: |`,
        ...referenced.map((r) => `| ${r.name} | ${fmt(r.ddbRequests)} | ${result(r)} | ${reference(r)} | ${r.reference!.what} | ${fmt(r.ratioToRaw ?? r.ratioToReference)} |`),
        ...referenced
          .filter((r) => r.rawSameSizeOpsPerSec)
          .map((r) => `| ${r.name} | ${fmt(r.ddbRequests)} | ${result(r)} | ${r.rawSameSizeOpsPerSec}/s | TransactWriteItems of ${r.bookingTransactionItems} items (a booking's), as many clients | ${fmt(r.ratioToRawSameSize)} |`),
      ].join("\n") + "\n",
    );
  }
  if (smsTable) console.log(smsTable + "\n");
  const pages = results.filter((r): r is LighthouseRow => r.name.startsWith("lighthouse-"));
  if (pages.length > 0) console.log(lighthouseTable(pages) + "\n");
  if (bundles.length > 0) printBundleTable(bundles);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
