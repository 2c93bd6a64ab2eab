/**
 * The usager pages under Lighthouse, mobile preset (the default config: a mid-range phone,
 * simulated slow 4G and a 4× slower CPU), on the production build of the site (`next build`, then
 * `next start` through the local stack), in Debian's Chromium (CHROME_PATH, else `chromium` on the
 * PATH; nothing is downloaded). The stack is a small one of its own: the demo département, a
 * pinned clock, no reminder loops. Each page is measured `runs` times; the row holds the median
 * performance score, the lowest accessibility score, and the JavaScript the page loads (each
 * script Lighthouse saw, gzipped at level 9, summed: what "first-load JS" means here).
 *
 *   npm run bench -- --only-lighthouse [--lighthouse-runs 3] [--skip-web-build] [--lighthouse-reports DIR]
 *
 * --lighthouse-reports writes each page's median report (Lighthouse JSON) to DIR, to see what costs.
 */
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as ChromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { freePort } from "../packages/local/src/dynamodb-local";
import { repoRoot } from "../packages/local/src/repo-root";
import { startStack } from "./stack";

export interface LighthouseRow {
  name: string;
  path: string;
  performance: number;
  accessibility: number;
  firstLoadJsKbGz: number;
  scripts: number;
  /** every run's performance score, in order */
  performanceRuns: number[];
  /** metrics of the median run: first and largest contentful paint, total blocking time, speed index (ms), layout shift */
  metrics: { fcpMs: number; lcpMs: number; tbtMs: number; siMs: number; cls: number };
  /** Lighthouse's CPU benchmark of this machine during the median run (a loaded machine scores lower) */
  benchmarkIndex: number;
}

/** The demo département (config/departments/demo.json) around the clock the browser tests use. */
const DEMO = { file: "config/departments/demo.json", now: "2026-12-01T08:00:00+01:00", commune: "62041", motif: "arras-pmi-consultation", place: "arras-centre" };

function chromePath(): string {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output.slice(-4000)}`))));
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer 2xx within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The pages of the booking journey and the manage page, with what they need from the API. */
async function usagerPages(apiUrl: string): Promise<Array<{ name: string; path: string }>> {
  const slotsUrl = `${apiUrl}/v1/public/slots?motif=${DEMO.motif}&place=${DEMO.place}&from=2026-12-01&to=2026-12-31`;
  const { slots } = (await (await fetch(slotsUrl)).json()) as { slots: Array<{ startsAt: string }> };
  if (slots.length < 2) throw new Error(`the demo place has ${slots.length} free slots in December`);
  const booked = await fetch(`${apiUrl}/v1/public/appointments`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `lighthouse-${Date.now()}` },
    body: JSON.stringify({ motifId: DEMO.motif, placeId: DEMO.place, startsAt: slots[1]!.startsAt, serviceUser: { firstName: "Camille", lastName: "Banc", phone: "06 12 34 56 78" } }),
  });
  const { manageToken } = (await booked.json()) as { manageToken?: string };
  if (booked.status !== 201 || !manageToken) throw new Error(`booking for the manage page answered ${booked.status}`);
  const journey = `/rendez-vous/${DEMO.commune}`;
  return [
    { name: "home", path: "/" },
    { name: "motifs", path: journey },
    { name: "places", path: `${journey}/${DEMO.motif}` },
    { name: "slots", path: `${journey}/${DEMO.motif}/${DEMO.place}` },
    { name: "booking-form", path: `${journey}/${DEMO.motif}/${DEMO.place}/coordonnees?creneau=${encodeURIComponent(slots[0]!.startsAt)}` },
    { name: "manage", path: `/rdv/${manageToken}` },
  ];
}

const gzipped = new Map<string, number>();

/** Gzipped size (level 9) of every script the page loaded, fetched again from the site. */
async function scriptBytes(urls: string[]): Promise<number> {
  let total = 0;
  for (const url of urls) {
    if (!gzipped.has(url)) {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      gzipped.set(url, gzipSync(body, { level: 9 }).length);
    }
    total += gzipped.get(url)!;
  }
  return total;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function measureLighthouse(options: { runs?: number; build?: boolean; reportsDir?: string; log: (message: string) => void }): Promise<{ rows: LighthouseRow[]; table: string }> {
  const runs = options.runs ?? 3;
  const root = repoRoot();
  if (options.build !== false) {
    options.log("building the site (next build)…");
    const started = performance.now();
    await run("npm", ["run", "build"], join(root, "packages", "web"));
    options.log(`site built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const webPort = await freePort();
  const webUrl = `http://127.0.0.1:${webPort}`;
  const stack = await startStack({
    file: join(root, DEMO.file),
    now: DEMO.now,
    mode: "api",
    env: { RDV_WEB: "on", RDV_WEB_MODE: "start", WEB_PORT: String(webPort), PUBLIC_URL: webUrl },
  });
  const chrome = await ChromeLauncher.launch({
    chromePath: chromePath(),
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  try {
    await waitFor(`${webUrl}/`, 120_000);
    const pages = await usagerPages(stack.apiUrl);
    const rows: LighthouseRow[] = [];
    for (const page of pages) {
      const url = `${webUrl}${page.path}`;
      await fetch(url); // the server renders each route once before it is measured
      const results = [];
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] });
        if (!result) throw new Error(`Lighthouse gave no result for ${page.path}`);
        results.push(result.lhr);
      }
      const scores = results.map((lhr) => Math.round((lhr.categories.performance?.score ?? 0) * 100));
      const mid = results[scores.indexOf(median(scores))]!;
      const numeric = (id: string) => Math.round(mid.audits[id]?.numericValue ?? NaN);
      if (options.reportsDir) {
        mkdirSync(options.reportsDir, { recursive: true });
        writeFileSync(join(options.reportsDir, `${page.name}.json`), JSON.stringify(mid, null, 1));
      }
      const requests = ((mid.audits["network-requests"]?.details as { items?: Array<{ url: string; resourceType?: string }> })?.items ?? []).filter((r) => r.resourceType === "Script");
      const bytes = await scriptBytes(requests.map((r) => r.url));
      const row: LighthouseRow = {
        name: `lighthouse-${page.name}`,
        path: page.path.replace(/\/rdv\/[\w-]+/, "/rdv/…"),
        performance: median(scores),
        accessibility: Math.min(...results.map((lhr) => Math.round((lhr.categories.accessibility?.score ?? 0) * 100))),
        firstLoadJsKbGz: Math.round(bytes / 100) / 10,
        scripts: requests.length,
        performanceRuns: scores,
        metrics: {
          fcpMs: numeric("first-contentful-paint"),
          lcpMs: numeric("largest-contentful-paint"),
          tbtMs: numeric("total-blocking-time"),
          siMs: numeric("speed-index"),
          cls: Math.round((mid.audits["cumulative-layout-shift"]?.numericValue ?? NaN) * 1000) / 1000,
        },
        benchmarkIndex: Math.round(mid.environment.benchmarkIndex),
      };
      rows.push(row);
      options.log(`${row.name}: performance ${row.performance} (${scores.join(", ")}), accessibility ${row.accessibility}, JS ${row.firstLoadJsKbGz} kB gz in ${row.scripts} scripts; ${JSON.stringify(row.metrics)}`);
    }
    return { rows, table: lighthouseTable(rows) };
  } catch (error) {
    console.error(stack.output().slice(-4000));
    throw error;
  } finally {
    chrome.kill();
    await stack.stop();
  }
}

export function lighthouseTable(rows: LighthouseRow[]): string {
  return [
    `| page | performance | accessibility | first-load JS kB gz | FCP ms | LCP ms | TBT ms | SI ms | CLS |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...rows.map((r) => `| ${r.name.replace(/^lighthouse-/, "")} | ${r.performance} | ${r.accessibility} | ${r.firstLoadJsKbGz} | ${r.metrics.fcpMs} | ${r.metrics.lcpMs} | ${r.metrics.tbtMs} | ${r.metrics.siMs} | ${r.metrics.cls} |`),
  ].join("\n");
}
