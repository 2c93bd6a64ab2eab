/**
 * The benchmark's own local stack: `packages/local/src/dev.ts` in a child process (no web site,
 * a fresh in-memory DynamoDB Local loaded from the large file, a pinned clock, a free API port).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../packages/local/src/dynamodb-local";
import { repoRoot } from "../packages/local/src/repo-root";
import { stateFile } from "../packages/local/src/stack";

export interface BenchStack {
  apiUrl: string;
  /** DynamoDB Local of the stack, for the in-process measurements */
  endpoint: string;
  pid: number;
  /** from spawn to the API answering, import of the file included */
  startMs: number;
  /** what the stack printed about the import */
  loadedLine: string;
  stop(): Promise<void>;
  output(): string;
}

/**
 * `dev`: packages/local/src/dev.ts, the stack every developer runs (with its scheduler and
 * reconciler loops). `api`: the same with RDV_LOOPS=off (no scheduler or reconciler loop; diagnostic).
 */
export type StackMode = "dev" | "api";

export async function startStack(options: { file: string; now: string; mode?: StackMode; cpuProfDir?: string; env?: Record<string, string> }): Promise<BenchStack> {
  const port = await freePort();
  // dev.ts records its database in .data/local-stack.json (for `npm run import`) and deletes the
  // file when it stops: keep a developer's own running stack's record intact around ours.
  const state = stateFile();
  const saved = `${state}.bench-saved`;
  if (existsSync(state)) copyFileSync(state, saved);
  const started = performance.now();
  const args = [
    ...(options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`] : []),
    "--import",
    "tsx",
    join("packages", "local", "src", "dev.ts"),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot(),
    env: {
      ...process.env,
      RDV_WEB: "off",
      RDV_OIDC: "off", // no ProConnect sign-in measured: no local OIDC provider (nor its port)
      ...(options.mode === "api" ? { RDV_LOOPS: "off" } : {}),
      RDV_DEPARTMENT_FILE: options.file,
      RDV_NOW: options.now,
      API_PORT: String(port),
      // one client books hundreds of times and searches thousands: the public limits, scaled up
      RDV_LIMITS_SCALE: process.env.RDV_LIMITS_SCALE ?? "100000",
      ...options.env, // e.g. the Lighthouse part serves the site too
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));

  const restoreState = () => {
    if (existsSync(saved)) renameSync(saved, state);
  };
  const stop = async () => {
    if (!exited && child.pid) {
      child.kill("SIGTERM"); // dev.ts stops the API, its loops and DynamoDB Local
      // dev.ts waits for its loops; a reconciler pass over a large backlog does not end soon
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exit;
      clearTimeout(timer);
    }
    restoreState();
  };

  const apiUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    if (exited) {
      restoreState();
      throw new Error(`the stack stopped before answering:\n${out}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the stack did not answer within 10 minutes:\n${out}`);
    }
    const ready = /API\s*:/.test(out) && (await fetch(`${apiUrl}/v1/health`).then((r) => r.ok, () => false));
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const startMs = performance.now() - started;
  const endpoint = /DynamoDB Local (http:\/\/\S+)/.exec(out)?.[1];
  if (!endpoint) {
    await stop();
    throw new Error(`no database endpoint in the stack's output:\n${out}`);
  }
  // our record in .data/local-stack.json is of no use to anyone: put the developer's back now
  if (existsSync(saved)) copyFileSync(saved, state);
  else rmSync(state, { force: true });
  return {
    apiUrl,
    endpoint,
    pid: child.pid!,
    startMs,
    loadedLine: /Département chargé[^\n]*/.exec(out)?.[0] ?? "",
    stop,
    output: () => out,
  };
}
