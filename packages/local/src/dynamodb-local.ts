import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { repoRoot } from "./repo-root";

/**
 * AWS's DynamoDB Local, taken from the npm package that ships it (only its `emulator/` folder:
 * the package's own dependencies are not needed) and run with the machine's Java.
 */
const SIMULATOR = {
  name: "amplify-dynamodb-simulator",
  version: "2.9.30",
  integrity:
    "sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==",
};

export const JAVA_INSTALL_COMMAND = "apt-get update && apt-get install -y openjdk-17-jre-headless";

export function emulatorDir(): string {
  return join(repoRoot(), ".dynamodb", SIMULATOR.version);
}

/** Throws an error that says how to install Java when `java` cannot run. */
export function assertJava(): void {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new Error(
      "Java 17 or later is needed to run DynamoDB Local, and `java` was not found.\n" +
        `Install it with: ${process.getuid?.() === 0 ? "" : "sudo "}${JAVA_INSTALL_COMMAND}`,
    );
  }
}

/** Makes sure DynamoDBLocal.jar is on disk: `npm pack` of the simulator, integrity checked, emulator extracted. */
export function ensureEmulator(): string {
  const dir = emulatorDir();
  if (existsSync(join(dir, "DynamoDBLocal.jar"))) return dir;
  const work = mkdtempSync(join(tmpdir(), "rdv-ddb-"));
  try {
    const pack = spawnSync(
      "npm",
      ["pack", `${SIMULATOR.name}@${SIMULATOR.version}`, "--pack-destination", work, "--silent"],
      { encoding: "utf8", env: { ...process.env, npm_config_loglevel: "error" } },
    );
    if (pack.status !== 0) {
      throw new Error(`npm pack ${SIMULATOR.name} failed: ${pack.stderr || pack.error?.message}`);
    }
    const tarball = join(work, `${SIMULATOR.name}-${SIMULATOR.version}.tgz`);
    const digest = "sha512-" + createHash("sha512").update(readFileSync(tarball)).digest("base64");
    if (digest !== SIMULATOR.integrity) {
      throw new Error(`${SIMULATOR.name}@${SIMULATOR.version}: integrity mismatch (${digest})`);
    }
    const untar = spawnSync("tar", ["-xzf", tarball, "-C", work, "package/emulator"], { encoding: "utf8" });
    if (untar.status !== 0) throw new Error(`Extracting DynamoDB Local failed: ${untar.stderr}`);
    mkdirSync(join(dir, ".."), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(work, "package", "emulator"), dir);
    return dir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Folder for a persistent database; in memory when absent. */
  dbPath?: string;
  port?: number;
  readyTimeoutMs?: number;
}

/**
 * Starts DynamoDB Local and resolves once it answers ListTables. Java runs under a small shell
 * that watches its standard input: when this process ends, even by SIGKILL, the pipe closes and
 * the shell stops Java, so no emulator outlives its owner.
 *
 * It listens on every interface, whatever RDV_LISTEN_HOST says: DynamoDB Local 1.25 has no
 * option for the address (its Jetty server is built from the port alone). The port is a free
 * one chosen at each start unless given.
 */
export async function startDynamoDbLocal(options: StartOptions = {}): Promise<DynamoDbLocal> {
  assertJava();
  const dir = ensureEmulator();
  const port = options.port ?? (await freePort());
  const storage = options.dbPath ? ["-dbPath", options.dbPath] : ["-inMemory"];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const javaArgs = [
    "-Xms64m",
    "-XX:+UseSerialGC",
    `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
    "-jar",
    join(dir, "DynamoDBLocal.jar"),
    ...storage,
    "-sharedDb",
    "-disableTelemetry", // it would call AWS at start-up
    "-port",
    String(port),
  ];
  const watchdog = 'java "$@" </dev/null & pid=$!; cat >/dev/null; kill $pid 2>/dev/null; wait $pid';
  const child = spawn("sh", ["-c", watchdog, "sh", ...javaArgs], {
    cwd: dir, // DynamoDB Local writes a metadata file in its working directory
    stdio: ["pipe", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, child, options.readyTimeoutMs ?? 30_000, () => stderr);
  } catch (error) {
    child.stdin?.end();
    await exited;
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    port,
    stop() {
      stopped ??= (async () => {
        child.stdin?.end();
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopped;
    },
  };
}

async function waitUntilReady(
  endpoint: string,
  child: ChildProcess,
  timeoutMs: number,
  stderr: () => string,
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: "eu-west-3",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`DynamoDB Local exited with code ${child.exitCode}: ${stderr()}`);
      }
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (!isConnectionError(error)) throw error;
      }
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not start in ${timeoutMs} ms: ${stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  } finally {
    client.destroy();
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string; name?: string }).code ?? (error as { name?: string }).name;
  return ["ECONNREFUSED", "ECONNRESET", "EPIPE", "TimeoutError", "socket hang up"].includes(String(code)) ||
    /ECONNREFUSED|ECONNRESET|socket hang up/.test(String((error as Error).message));
}
