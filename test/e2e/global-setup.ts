/**
 * Starts the whole local stack once for the browser tests: a production build of the site
 * (`next build`), then `packages/local/src/dev.ts` with a fresh in-memory database loaded from the
 * demo département, a pinned clock and `next start` on that build. Stopped with SIGTERM at the end.
 *
 * RDV_E2E_SKIP_BUILD=1 reuses an existing build (faster when iterating on the tests themselves).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { freePort } from "../../packages/local/src/dynamodb-local";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const RDV_NOW = "2026-12-01T08:00:00+01:00";
const logFile = join(tmpdir(), "rdv-e2e-stack.log");
/** where this stack says which database it uses: the commands the tests run (npm run import) read it */
const stateFile = join(tmpdir(), `rdv-e2e-state-${process.pid}.json`);

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`))));
  });
}

async function waitFor(url: string, timeoutMs: number, stack: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (stack.exitCode !== null) throw new Error(`the local stack exited (code ${stack.exitCode}) before ${url} answered:\n${output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${url} did not answer in ${timeoutMs} ms: ${String(error)}\n${output()}`);
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 2xx in ${timeoutMs} ms\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export default async function setup(project: TestProject) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const started = Date.now();
  if (process.env.RDV_E2E_SKIP_BUILD !== "1") {
    // `npm run build` = the DSFR assets step (prebuild) then `next build`.
    await run("npm", ["run", "build"], { cwd: join(root, "packages", "web"), env });
    console.log(`[e2e] site built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const apiPort = await freePort();
  const webPort = await freePort();
  const oidcPort = await freePort();
  const webUrl = `http://localhost:${webPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const stack = spawn(process.execPath, ["--import", "tsx", "packages/local/src/dev.ts"], {
    cwd: root,
    env: {
      ...env,
      RDV_DEPARTMENT_FILE: "config/departments/demo.json",
      // the demo stage with a reminder wording trial, for the statistics page's section
      RDV_STAGE_FILE: "test/e2e/stage.json",
      RDV_NOW,
      API_PORT: String(apiPort),
      WEB_PORT: String(webPort),
      // the local ProConnect (a real OIDC provider) the sign-in test goes through
      OIDC_PORT: String(oidcPort),
      PUBLIC_URL: webUrl,
      RDV_WEB_MODE: "start",
      // never reuse a database or table another process advertised
      RDV_DYNAMODB_ENDPOINT: "",
      RDV_TABLE: "",
      RDV_STATE_FILE: stateFile,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  stack.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  stack.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => stack.once("exit", () => resolve()));

  try {
    await waitFor(`${apiUrl}/v1/health`, 90_000, stack, () => output);
    await waitFor(`${webUrl}/`, 90_000, stack, () => output);
  } catch (error) {
    stack.kill("SIGTERM");
    await exited;
    throw error;
  }
  console.log(`[e2e] local stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s: site ${webUrl}, API ${apiUrl}`);
  project.provide("e2eWebUrl", webUrl);
  project.provide("e2eApiUrl", apiUrl);
  project.provide("e2eStateFile", stateFile);

  return async () => {
    if (stack.exitCode === null) {
      stack.kill("SIGTERM");
      const killer = setTimeout(() => stack.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(killer);
    }
    writeFileSync(logFile, output);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    e2eWebUrl: string;
    e2eApiUrl: string;
    e2eStateFile: string;
  }
}
