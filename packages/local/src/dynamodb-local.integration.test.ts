import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startDynamoDbLocal } from "./dynamodb-local";

function javaOnPort(port: number): boolean {
  return spawnSync("pgrep", ["-f", `DynamoDBLocal.jar .*-port ${port}$`]).status === 0;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

describe("DynamoDB Local launcher", () => {
  it("stops cleanly: no emulator process is left", async () => {
    const db = await startDynamoDbLocal();
    expect(javaOnPort(db.port)).toBe(true);
    await db.stop();
    expect(javaOnPort(db.port)).toBe(false);
  });

  it("does not outlive an owner killed with SIGKILL", async () => {
    const script = fileURLToPath(new URL("./testing/start-and-wait.ts", import.meta.url));
    const owner = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
    const port = await new Promise<number>((resolve, reject) => {
      owner.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      owner.once("exit", (code) => reject(new Error(`owner exited early (${code})`)));
    });
    expect(javaOnPort(port)).toBe(true);
    owner.kill("SIGKILL");
    expect(await waitFor(() => !javaOnPort(port), 10_000)).toBe(true);
  });
});
