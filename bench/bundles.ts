/**
 * The product functions' bundles, built as the deploy builds them (stacks/bundling.ts: the same
 * `nodejs` props, the options SST derives from them and SST's own esbuild), their sizes, and their
 * load times in fresh Node processes beside two references built the same way: a hello-world
 * handler and the floor, a handler that only imports the DynamoDB client (bench/reference/).
 *
 * Load time: the CPU time of `import()` of the bundle in a fresh `node` with the Lambda's
 * NODE_OPTIONS (wall time beside it), median of several processes. The processes run in rounds (every bundle once per round, the order rotated
 * each round) so that a burst of load from the machine's other work hits every bundle alike; the
 * interquartile range of each bundle's samples is kept with its median to show the noise.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { backgroundFunctions, routeName, routes } from "../packages/functions/src/routes";
import { repoRoot } from "../packages/local/src/repo-root";
import { esbuildOptions, LAMBDA_NODE_OPTIONS, NODEJS_BUNDLING, sstEsbuild, type Metafile, type NodejsBundling } from "../stacks/bundling";
import { percentile } from "./stats";

export interface BundleRow {
  /** `bundle-<function>`: `bundle-GET-v1-public-slots`, `bundle-reminder`; the references `bundle-hello-world`, `bundle-floor` */
  name: string;
  handler: string;
  /** what a cold start loads: the bundle and the chunks it imports statically (KB, source maps excluded) */
  sizeKb: number;
  /** every file of the function's bundle, the chunks it imports lazily included */
  totalKb: number;
  /** median CPU time of the load (user + system, ms) */
  loadMs: number;
  /** 25th and 75th percentiles of the load's CPU time */
  loadIqrMs: [number, number];
  /** median wall time of the load: on a shared machine, mostly time spent waiting for a core */
  wallMs: number;
  floorLoadMs: number;
  /** loadMs / floorLoadMs */
  loadRatio: number;
  helloWorldLoadMs: number;
}

/** The SDK decision's figures: a bundle with the AWS SDK inside, and the same with `@aws-sdk/*` required from node_modules. */
export interface SdkVariant {
  name: string;
  bundledKb: number;
  bundledLoadMs: number;
  externalKb: number;
  externalLoadMs: number;
}

export interface BundleMeasurement {
  rows: BundleRow[];
  sdk: SdkVariant[];
  runs: number;
  buildMs: number;
  node: string;
  loadAverage: { start: number[]; end: number[] };
}

interface DeployedFunction {
  name: string;
  handler: string;
  /** the handler's source file: SST bundles the file, every export of it */
  file: string;
}

/** Every deployed function: each route that is not local-only, then the background functions. */
export function deployedFunctions(): DeployedFunction[] {
  const root = repoRoot();
  const of = (name: string, handler: string): DeployedFunction => ({ name, handler, file: join(root, `${handler.slice(0, handler.lastIndexOf("."))}.ts`) });
  return [
    ...routes.filter((route) => !route.localOnly).map((route) => of(routeName(route), route.handler)),
    ...Object.entries(backgroundFunctions).map(([name, fn]) => of(name, fn.handler)),
  ];
}

const REFERENCES = { "hello-world": "bench/reference/hello-world.ts", floor: "bench/reference/dynamodb-floor.ts" } as const;
/** the functions the SDK decision is measured on, beside the floor */
const SDK_SAMPLES = ["GET-v1-public-slots", "POST-v1-public-appointments", "reminder"];

interface Built {
  /** the bundle's entry file */
  entry: string;
  sizeKb: number;
  totalKb: number;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const round1 = (ms: number) => Math.round(ms * 10) / 10;

/** Sizes from esbuild's metafile: the entry with its static chunk imports, and every output (maps excluded). */
function sizes(metafile: Metafile, entry: string): Omit<Built, "entry"> {
  const outputs = metafile.outputs;
  const code = Object.keys(outputs).filter((file) => !file.endsWith(".map"));
  const start = code.find((file) => join(repoRoot(), file) === entry);
  if (!start) throw new Error(`${entry} is not among esbuild's outputs: ${code.join(", ")}`);
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const imported of outputs[file]!.imports) if (imported.kind === "import-statement" && outputs[imported.path]) visit(imported.path);
  };
  visit(start);
  const bytes = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + outputs[file]!.bytes, 0);
  return { sizeKb: kb(bytes(loaded)), totalKb: kb(bytes(code)) };
}

/** Builds each file as SST would, a few at a time (esbuild runs its own threads). */
async function buildAll(files: string[], outRoot: string, nodejs: NodejsBundling): Promise<Map<string, Built>> {
  const esbuild = sstEsbuild();
  const built = new Map<string, Built>();
  const queue = files.map((file, i) => ({ file, dir: join(outRoot, `f${i}`) }));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { options, outfile } = esbuildOptions(nodejs, next.file, next.dir, repoRoot());
      const result = await esbuild.build(options);
      built.set(next.file, { entry: outfile, ...sizes(result.metafile!, outfile) });
    }
  };
  await Promise.all([worker(), worker()]);
  return built;
}

/**
 * One `import()` of a bundle in a fresh Node process with what a Lambda has (a region, the
 * table's name, the Lambda's NODE_OPTIONS): its wall time and the CPU time the process spent
 * (user + system, every thread). On a shared machine the wall time mostly measures waiting for a
 * core; the CPU time is the work itself, which is what a Lambda's slice of a core has to do.
 */
function loadOnce(file: string): { wallMs: number; cpuMs: number } {
  const script = `const c=process.cpuUsage(),t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});const w=performance.now()-t,u=process.cpuUsage(c);process.stdout.write(JSON.stringify({wallMs:w,cpuMs:(u.user+u.system)/1000}));`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", AWS_REGION: "eu-west-3", RDV_TABLE: "rdv", NODE_ENV: "production", NODE_OPTIONS: LAMBDA_NODE_OPTIONS },
  });
  if (result.status !== 0) throw new Error(`loading ${file} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { wallMs: number; cpuMs: number };
}

/** `runs` rounds; each round loads every file once, starting one further along the list than the round before. */
function loadSamples(files: string[], runs: number): Map<string, Array<{ wallMs: number; cpuMs: number }>> {
  const samples = new Map(files.map((file) => [file, [] as Array<{ wallMs: number; cpuMs: number }>]));
  for (let round = 0; round < runs; round++) {
    for (let i = 0; i < files.length; i++) {
      const file = files[(i + round * Math.max(1, Math.floor(files.length / runs))) % files.length]!;
      samples.get(file)!.push(loadOnce(file));
    }
  }
  return samples;
}

export async function measureBundles(options: { runs?: number; log?: (message: string) => void } = {}): Promise<BundleMeasurement> {
  const runs = options.runs ?? 9;
  const log = options.log ?? (() => {});
  const root = repoRoot();
  const loadAverageStart = loadavg().map((x) => Math.round(x * 100) / 100);
  // inside the repository: a bundle that leaves the SDK out finds it in node_modules, as a Lambda finds the runtime's
  const cache = join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "rdv-bench-bundles-"));
  try {
    const functions = deployedFunctions();
    const references = Object.values(REFERENCES).map((file) => join(root, file));
    const files = [...new Set([...references, ...functions.map((fn) => fn.file)])];
    const sdkSamples: Array<[string, string]> = [["floor", references[1]!], ...SDK_SAMPLES.flatMap((name): Array<[string, string]> => functions.filter((fn) => fn.name === name).map((fn) => [name, fn.file]))];
    const sdkFiles = [...new Set(sdkSamples.map(([, file]) => file))];
    const started = performance.now();
    const built = await buildAll(files, join(dir, "bundled"), NODEJS_BUNDLING);
    const externalSdk: NodejsBundling = { ...NODEJS_BUNDLING, esbuild: { ...NODEJS_BUNDLING.esbuild, external: [...(NODEJS_BUNDLING.esbuild?.external ?? []), "@aws-sdk/*"] } };
    const sdkBuilt = await buildAll(sdkFiles, join(dir, "sdk-external"), externalSdk);
    const buildMs = performance.now() - started;
    log(`built ${files.length} bundles (${functions.length} functions) and ${sdkBuilt.size} without the SDK in ${(buildMs / 1000).toFixed(1)} s; loading each in ${runs} fresh processes…`);

    const entries = [...[...built.values()].map((b) => b.entry), ...[...sdkBuilt.values()].map((b) => b.entry)];
    const samples = loadSamples(entries, runs);
    const cpu = (entry: string) => samples.get(entry)!.map((sample) => sample.cpuMs);
    const median = (entry: string) => round1(percentile(cpu(entry), 50));
    const iqr = (entry: string): [number, number] => [round1(percentile(cpu(entry), 25)), round1(percentile(cpu(entry), 75))];
    const wall = (entry: string) => round1(percentile(samples.get(entry)!.map((sample) => sample.wallMs), 50));
    const helloWorldLoadMs = median(built.get(references[0]!)!.entry);
    const floorLoadMs = median(built.get(references[1]!)!.entry);
    const row = (name: string, handler: string, file: string): BundleRow => {
      const b = built.get(file)!;
      const loadMs = median(b.entry);
      return { name: `bundle-${name}`, handler, sizeKb: b.sizeKb, totalKb: b.totalKb, loadMs, loadIqrMs: iqr(b.entry), floorLoadMs, loadRatio: Math.round((loadMs / floorLoadMs) * 100) / 100, helloWorldLoadMs, wallMs: wall(b.entry) };
    };
    const rows = [
      ...Object.entries(REFERENCES).map(([name, file]) => row(name, file, join(root, file))),
      ...functions.map((fn) => row(fn.name, fn.handler, fn.file)),
    ];
    const sdk = sdkSamples.map(([name, file]): SdkVariant => {
      const [bundled, external] = [built.get(file)!, sdkBuilt.get(file)!];
      return { name, bundledKb: bundled.sizeKb, bundledLoadMs: median(bundled.entry), externalKb: external.sizeKb, externalLoadMs: median(external.entry) };
    });
    return { rows, sdk, runs, buildMs, node: process.version, loadAverage: { start: loadAverageStart, end: loadavg().map((x) => Math.round(x * 100) / 100) } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lines for the bench's notes: the references, the SDK decision's figures, the noise. */
export function bundleNotes(m: BundleMeasurement): string[] {
  const floor = m.rows.find((r) => r.name === "bundle-floor")!;
  const hello = m.rows.find((r) => r.name === "bundle-hello-world")!;
  return [
    `bundles: ${m.runs} loads each (rounds), node ${m.node}, load average ${m.loadAverage.start.join(" ")} → ${m.loadAverage.end.join(" ")} on ${cpus().length} cores; hello world ${hello.sizeKb} KB loads in ${hello.loadMs} ms (IQR ${hello.loadIqrMs.join("–")}), the floor (DynamoDB client only) ${floor.sizeKb} KB in ${floor.loadMs} ms (IQR ${floor.loadIqrMs.join("–")})`,
    `AWS SDK bundled vs required from node_modules (KB loaded, median load CPU ms): ${m.sdk.map((v) => `${v.name} ${v.bundledKb} KB ${v.bundledLoadMs} ms vs ${v.externalKb} KB ${v.externalLoadMs} ms`).join("; ")}`,
  ];
}

export function printBundleTable(rows: Array<Omit<BundleRow, "handler">>): void {
  const lines = [
    `| bundle | size KB (at start) | total KB | load CPU ms (median) | IQR ms | floor ms | ratio to floor | wall ms |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...rows.map((r) => `| ${r.name.replace(/^bundle-/, "")} | ${r.sizeKb} | ${r.totalKb} | ${r.loadMs} | ${r.loadIqrMs?.join("–") ?? "—"} | ${r.floorLoadMs} | ${r.loadRatio} | ${r.wallMs ?? "—"} |`),
  ];
  console.log(lines.join("\n") + "\n");
}

/**
 * `--only-bundles`: the results file keeps its other rows (from the last full run) and gets these
 * bundle rows, with when and where they were measured under `bundles`.
 */
export function writeBundleResults(resultsFile: string, m: BundleMeasurement, notes: string[]): void {
  const previous = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, "utf8")) as { results?: Array<{ name: string }> } & Record<string, unknown>) : {};
  const results = [...(previous.results ?? []).filter((r) => !r.name.startsWith("bundle-")), ...m.rows.map(({ handler: _handler, ...rest }) => rest)];
  const output = { ...previous, results, bundles: { at: new Date().toISOString(), node: m.node, runs: m.runs, loadAverage: m.loadAverage, sdk: m.sdk, notes } };
  writeFileSync(`${resultsFile}.tmp`, JSON.stringify(output, null, 2) + "\n");
  renameSync(`${resultsFile}.tmp`, resultsFile);
}
