import { spawn, spawnSync } from "node:child_process";
import { networkInterfaces } from "node:os";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { freePort } from "../packages/local/src/dynamodb-local";

const root = fileURLToPath(new URL("..", import.meta.url));

async function poll(url: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return response;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The `npm run dev` entry point, as a user runs it: database, API and site, then a clean stop. */
describe("local stack (npm run dev)", () => {
  it("serves the API, the home page and the outbox, sends a demo reminder at its moment unprompted, and stops everything", async () => {
    const apiPort = await freePort();
    const webPort = await freePort();
    const oidcPort = await freePort();
    const dev = spawn(process.execPath, ["--import", "tsx", "packages/local/src/dev.ts"], {
      cwd: root,
      env: {
        ...process.env,
        API_PORT: String(apiPort),
        WEB_PORT: String(webPort),
        OIDC_PORT: String(oidcPort),
        RDV_DEPARTMENT_FILE: "config/departments/demo.json",
        // 30 s before the reminder moment of demo appointment rdv-2026-006 (Monday 7 December
        // 10:00, reminded 48 h before: Saturday 5 December 10:00 Paris time)
        RDV_NOW: "2026-12-05T09:59:30+01:00",
        RDV_DYNAMODB_ENDPOINT: "",
        RDV_TABLE: "",
        RDV_LISTEN_HOST: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    dev.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    dev.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => dev.once("exit", (code) => resolve(code)));
    try {
      expect(await (await poll(`http://127.0.0.1:${apiPort}/v1/health`, 60_000)).json()).toEqual({ ok: true });
      const communes = (await (await poll(`http://127.0.0.1:${apiPort}/v1/public/communes?q=arras`, 5_000)).json()) as {
        communes: { code: string; name: string }[];
      };
      expect(communes.communes.map((c) => c.code)).toContain("62041");
      // ProConnect, locally: the OIDC provider answers discovery, and the API offers it
      const discovery = (await (await poll(`http://localhost:${oidcPort}/.well-known/openid-configuration`, 5_000)).json()) as { issuer: string; code_challenge_methods_supported: string[] };
      expect([discovery.issuer, discovery.code_challenge_methods_supported]).toEqual([`http://localhost:${oidcPort}`, ["S256"]]);
      expect(await (await fetch(`http://127.0.0.1:${apiPort}/v1/agent/auth/methods`)).json()).toEqual({ password: true, proConnect: true });
      const home = await (await poll(`http://127.0.0.1:${webPort}/`, 90_000)).text();
      expect(home).toContain("Prenez rendez-vous");
      // loopback only by default: this machine's other addresses refuse the API and the site
      const external = Object.values(networkInterfaces()).flat().find((a) => a?.family === "IPv4" && !a.internal)?.address;
      if (external) {
        for (const port of [apiPort, webPort]) {
          await expect(fetch(`http://${external}:${port}/`, { signal: AbortSignal.timeout(5000) }), `${external}:${port}`).rejects.toThrow();
        }
      }
      expect(output).toContain("Horloge      : démarrée à 2026-12-05T08:59:30.000Z");
      // nobody acts: the reconciler loop schedules the imported appointment, the scheduler loop fires it
      const deadline = Date.now() + 90_000;
      let reminder: { text: string; to: string; at: string } | undefined;
      while (!reminder && Date.now() < deadline) {
        const outbox = (await (await fetch(`http://127.0.0.1:${apiPort}/v1/dev/outbox`)).json()) as {
          messages: { appointmentId?: string; text: string; to: string; at: string }[];
        };
        reminder = outbox.messages.find((m) => m.appointmentId === "rdv-2026-006" && m.text.includes("Rappel"));
        if (!reminder) await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      expect(reminder).toMatchObject({ to: "+33671269348" });
      expect(reminder!.text).toMatch(/^\[TEST\] Rappel : RDV .*(le lundi 7 décembre|lun\. 7\/12) à 10h00, /);
      expect(Date.parse(reminder!.at)).toBeGreaterThanOrEqual(Date.parse("2026-12-05T09:00:00Z"));
    } finally {
      dev.kill("SIGTERM");
      await exited;
    }
    // nothing left behind: no site, no emulator (its port is printed at start)
    const dbPort = output.match(/DynamoDB Local http:\/\/127\.0\.0\.1:(\d+)/)?.[1];
    expect(dbPort).toBeDefined();
    expect(spawnSync("pgrep", ["-f", `next dev -p ${webPort}`]).status).toBe(1);
    expect(spawnSync("pgrep", ["-f", `DynamoDBLocal.jar .*-port ${dbPort}$`]).status).toBe(1);
  }, 180_000);
});
