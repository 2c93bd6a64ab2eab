/**
 * `npm run dev`: the whole product on this machine — DynamoDB Local, the API (every route of the
 * route table through the real handlers), and the Next.js site — with the demo département.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { repoRoot } from "./repo-root";
import { readStageSettings } from "./settings";
import { clearState, configureProcess, localTokenSecret, migrate, persistentDbPath, startDatabase, writeState } from "./stack";

const apiPort = Number(process.env.API_PORT ?? 4000);
const oidcPort = Number(process.env.OIDC_PORT ?? 4100);
const webPort = Number(process.env.WEB_PORT ?? 3000);
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${webPort}`;
const departmentFile = process.env.RDV_DEPARTMENT_FILE;
const demoFile = join(repoRoot(), "config", "departments", "demo.json");

async function main(): Promise<void> {
  let settings = readStageSettings(process.env.RDV_STAGE_FILE);
  let rdvNow: Date | undefined;
  if (process.env.RDV_NOW) {
    const { parseStart } = await import("@rdv/core/clock");
    rdvNow = parseStart(process.env.RDV_NOW);
  }

  // With a département file: a fresh in-memory database loaded from it. Without: the on-disk one.
  const { db, adopted } = await startDatabase({ persistent: !departmentFile });
  for (const move of adopted) console.log(`Base locale déplacée : ${move}`);
  const stops: Array<() => Promise<void> | void> = [() => db.stop()];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const fn of stops.reverse()) await fn();
    clearState();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    const tokenSecret = localTokenSecret();
    let oidcIssuer: string | undefined;
    if (process.env.RDV_OIDC !== "off") {
      // ProConnect, locally: a real OIDC provider on its own port, in place of the stage's issuer
      const { startLocalOidcProvider } = await import("./oidc-provider");
      const oidc = await startLocalOidcProvider({ port: oidcPort, host: listenHostEarly(), redirectUris: [`${publicUrl}/v1/agent/auth/oidc/callback`], hints: demoEmails() });
      stops.push(() => oidc.close());
      settings = { ...settings, proConnect: { issuer: oidc.issuer, clientId: oidc.clientId, scope: settings.proConnect?.scope ?? "openid email given_name usual_name" } };
      process.env.RDV_OIDC_CLIENT_SECRET = oidc.clientSecret;
      oidcIssuer = oidc.issuer;
    }
    configureProcess({ endpoint: db.endpoint, settings, tokenSecret });
    process.env.PUBLIC_URL = publicUrl;
    // webhooks may go to a receiver on this machine over plain HTTP (deployed stages: HTTPS, public addresses only)
    process.env.RDV_WEBHOOK_ALLOW_LOOPBACK ??= "1";
    // the key with which the site forwards the visitor's address to the API (per-client limits)
    process.env.RDV_SITE_KEY ??= randomBytes(24).toString("base64url");
    const Clock = await import("@rdv/core/clock");
    if (rdvNow) Clock.startAt(rdvNow);
    // as a deploy does: the data brought to the form this code reads before anything touches it
    const dataVersion = await migrate();
    const Department = await import("@rdv/core/department");
    const DepartmentFile = await import("@rdv/core/department-file");

    const fileToLoad = departmentFile ? resolve(departmentFile) : (await Department.isLoaded()) ? undefined : demoFile;
    if (fileToLoad) {
      const summary = await importInChild(fileToLoad);
      console.log(`Département chargé depuis ${fileToLoad} : ${JSON.stringify(summary)}`);
      if (resolve(fileToLoad) === demoFile) await setDemoPasswords(DepartmentFile.parseJson(readFileSync(fileToLoad, "utf8")));
    }
    const department = await Department.get();
    const { listenHost, startLocalApi } = await import("./http-server");
    const host = listenHost();
    const api = await startLocalApi({ port: apiPort, host, allowedOrigin: new URL(publicUrl).origin });
    stops.push(() => api.close());
    if (process.env.RDV_LOOPS !== "off") {
      const { startLoops } = await import("./loops");
      const loops = await startLoops();
      stops.push(() => loops.stop());
    }
    writeState({ pid: process.pid, endpoint: db.endpoint, table: process.env.RDV_TABLE!, tokenSecret, publicUrl, clockOffsetMs: rdvNow ? Clock.now().getTime() - Date.now() : undefined });

    if (process.env.RDV_WEB !== "off") {
      const web = startWeb(host);
      stops.push(() => stopChild(web));
      web.once("exit", (code) => {
        if (!stopping) {
          console.error(`Le site s'est arrêté (code ${code}).`);
          void stop(1);
        }
      });
    }

    console.log(
      [
        "",
        `RDV local — ${department.name} (${department.code})`,
        `  Site usagers : ${publicUrl}`,
        `  API          : http://localhost:${apiPort}/v1/health`,
        `  SMS et e-mails (outbox) : http://localhost:${apiPort}/v1/dev/outbox`,
        oidcIssuer ? `  ProConnect local (OIDC) : ${oidcIssuer}/.well-known/openid-configuration` : "",
        host === "127.0.0.1" ? "" : `  Écoute       : ${host} (RDV_LISTEN_HOST) : accessible depuis le réseau`,
        `  Base         : DynamoDB Local ${db.endpoint} (${departmentFile ? "en mémoire" : relative(repoRoot(), persistentDbPath())}, migration ${dataVersion})`,
        rdvNow ? `  Horloge      : démarrée à ${rdvNow.toISOString()}` : "",
        "Ctrl+C pour tout arrêter.",
        "",
      ]
        .filter((line) => line !== "")
        .join("\n"),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    if (error && typeof error === "object" && "fields" in error) console.error((error as { fields: unknown }).fields);
    await stop(1);
  }
}

/** The interface the local provider listens on: the API's and the site's (RDV_LISTEN_HOST). */
function listenHostEarly(): string {
  return process.env.RDV_LISTEN_HOST?.trim() || "127.0.0.1";
}

/** The demo agents' e-mails, shown on the local provider's login page. */
function demoEmails(): string[] {
  try {
    const file = JSON.parse(readFileSync(departmentFile ? resolve(departmentFile) : demoFile, "utf8")) as { agents?: Array<{ email?: string }> };
    return (file.agents ?? []).flatMap((agent) => (agent.email ? [agent.email] : []));
  } catch (error) {
    if (error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** The demo département's agents sign in with one documented password (local stack only). */
export const DEMO_PASSWORD = "rdv-demo-2026";

/**
 * Loads a département file with `npm run import`'s code in a child process, into the database
 * this process is configured for. A large file takes over a gigabyte of transient memory; in the
 * API's own process that garbage stayed in the heap and made its first minutes of requests pay
 * for collecting it (seen in the benchmark as 10–20 ms scavenges and a 300 ms pause).
 */
async function importInChild(file: string): Promise<unknown> {
  const flags = process.execArgv.filter((arg) => !arg.startsWith("--cpu-prof") && !arg.startsWith("--trace-gc"));
  const child = spawn(process.execPath, [...flags, join(repoRoot(), "packages", "local", "src", "import-cli.ts"), file, "--json"], {
    cwd: repoRoot(),
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolveExit) => child.once("exit", resolveExit));
  if (code !== 0) throw new Error(`Le fichier ${file} n'a pas pu être chargé (voir ci-dessus).`);
  return JSON.parse(out.trim().split("\n").pop() ?? "null") as unknown;
}

async function setDemoPasswords(file: unknown): Promise<void> {
  const Session = await import("@rdv/core/session");
  const agents = (file as { agents?: Array<{ id: string; email: string }> }).agents ?? [];
  for (const agent of agents) await Session.setPassword(agent.id, DEMO_PASSWORD);
  console.log(`Comptes agents de démonstration : ${agents.length} (mot de passe « ${DEMO_PASSWORD} »)`);
}

/** `next dev` by default; `RDV_WEB_MODE=start` serves an existing production build (`next build`). Listens on `host` only. */
function startWeb(host: string): ChildProcess {
  const webDir = join(repoRoot(), "packages", "web");
  const mode = process.env.RDV_WEB_MODE === "start" ? "start" : "dev";
  return spawn("npm", ["run", mode, "--", "-p", String(webPort), "-H", host], {
    cwd: webDir,
    stdio: "inherit",
    env: {
      ...process.env,
      API_URL: `http://127.0.0.1:${apiPort}`,
      NEXT_PUBLIC_API_URL: `http://localhost:${apiPort}`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    detached: true,
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolvePromise) => child.once("exit", () => resolvePromise()));
  try {
    process.kill(-child.pid, "SIGTERM"); // the whole group: npm, next and its workers
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

void main();
