/**
 * ProConnect sign-in in Debian's Chromium, against the local stack's real OIDC provider (which
 * stands in for ProConnect offline): the sign-in page's ProConnect button, the provider's login
 * page, the callback, and the pages that explain a refusal. Each case gets a fresh browser
 * context, so no provider session carries over from one person to the next.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../packages/local/src/dynamodb-local";
import { launchBrowser, seriousViolations, webUrl } from "./support";

const root = fileURLToPath(new URL("../..", import.meta.url));
const AGENT = "camille.dubois@demo.rdv.local";

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "fr-FR" });
  contexts.push(context);
  return context.newPage();
}

/** From RDV's sign-in page through the provider's login page, with axe on both. */
async function signInWithProConnect(page: Page, email: string, options: { verified?: boolean; path?: string } = {}): Promise<void> {
  await page.goto(`${webUrl()}${options.path ?? "/agent/connexion"}`);
  await page.waitForLoadState("networkidle");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("link", { name: "S’identifier avec ProConnect" }).click();
  await page.getByRole("heading", { name: "Fournisseur d'identité local" }).waitFor();
  expect(new URL(page.url()).pathname).toMatch(/^\/interaction\//);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel("Adresse e-mail", { exact: true }).fill(email);
  if (options.verified === false) await page.getByLabel("Adresse e-mail vérifiée par le fournisseur").uncheck();
  await page.getByRole("button", { name: "Se connecter" }).click();
}

describe("ProConnect sign-in (local OIDC provider)", () => {
  it("offers ProConnect beside the password, and brings a known agent back to the page they asked for, signed in", async () => {
    const page = await freshPage();
    await page.goto(`${webUrl()}/agent/statistiques`);
    await page.waitForURL(/\/agent\/connexion\?suite=%2Fagent%2Fstatistiques$/);
    expect(await page.getByRole("link", { name: "S’identifier avec ProConnect" }).getAttribute("href")).toBe("/v1/agent/auth/oidc/start?suite=%2Fagent%2Fstatistiques");
    await expect.poll(() => page.getByLabel("Mot de passe").count()).toBe(1);

    await signInWithProConnect(page, AGENT, { path: "/agent/connexion?suite=%2Fagent%2Fstatistiques" });
    await page.waitForURL(`${webUrl()}/agent/statistiques`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Statistiques");
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "rdv_session")).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax" });
    expect(cookies.find((c) => c.name === "rdv_oidc")).toBeUndefined();
  });

  it("explains, without opening a session, that an unknown person has no account", async () => {
    const page = await freshPage();
    await signInWithProConnect(page, "personne.inconnue@demo.rdv.local");
    await page.waitForURL(`${webUrl()}/agent/connexion/proconnect?erreur=auth.oidc_unknown_account`);
    expect(await page.getByRole("alert").getByRole("heading").textContent()).toBe("Aucun compte RDV pour cette identité");
    expect(await seriousViolations(page)).toEqual([]);
    expect((await page.context().cookies()).find((c) => c.name === "rdv_session")).toBeUndefined();
  });

  it("refuses an e-mail the provider does not vouch for", async () => {
    const page = await freshPage();
    await signInWithProConnect(page, "julien.caron@demo.rdv.local", { verified: false });
    await page.waitForURL(`${webUrl()}/agent/connexion/proconnect?erreur=auth.oidc_email_unverified`);
    expect(await page.getByRole("alert").getByRole("heading").textContent()).toBe("Adresse e-mail non vérifiée");
    expect((await page.context().cookies()).find((c) => c.name === "rdv_session")).toBeUndefined();
  });

  it("refuses a callback this browser did not start (a forged or replayed answer)", async () => {
    const page = await freshPage();
    await page.goto(`${webUrl()}/v1/agent/auth/oidc/callback?code=code-vole&state=etat-inconnu`);
    await page.waitForURL(`${webUrl()}/agent/connexion/proconnect?erreur=auth.oidc_failed`);
    expect(await page.getByRole("alert").getByRole("heading").textContent()).toBe("La connexion n’a pas abouti");
    await page.getByRole("link", { name: "Retourner à la page de connexion" }).click();
    await page.waitForURL(`${webUrl()}/agent/connexion`);
    expect((await page.context().cookies()).find((c) => c.name === "rdv_session")).toBeUndefined();
  });
});

/**
 * A stage with passwords turned off (`passwordSignIn: false`): a second local stack, on the same
 * site build, started for these cases only.
 */
describe("a stage where agents sign in with ProConnect only", () => {
  let stack: ChildProcess | undefined;
  let site = "";
  let output = "";
  const dir = mkdtempSync(join(tmpdir(), "rdv-e2e-proconnect-only-"));

  beforeAll(async () => {
    const stageFile = join(dir, "stage.json");
    const demo = JSON.parse(readFileSync(join(root, "config", "stages", "demo.json"), "utf8")) as Record<string, unknown>;
    // the issuer is replaced by the local provider's; the setting says ProConnect is the way in
    writeFileSync(stageFile, JSON.stringify({ ...demo, proConnect: { issuer: "https://proconnect.invalid", clientId: "rdv-local" }, passwordSignIn: false }));
    const [apiPort, webPort, oidcPort] = [await freePort(), await freePort(), await freePort()];
    site = `http://localhost:${webPort}`;
    stack = spawn(process.execPath, ["--import", "tsx", "packages/local/src/dev.ts"], {
      cwd: root,
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        RDV_DEPARTMENT_FILE: "config/departments/demo.json",
        RDV_STAGE_FILE: stageFile,
        RDV_NOW: "2026-12-01T08:00:00+01:00",
        API_PORT: String(apiPort),
        WEB_PORT: String(webPort),
        OIDC_PORT: String(oidcPort),
        PUBLIC_URL: site,
        RDV_WEB_MODE: "start",
        RDV_LOOPS: "off",
        RDV_DYNAMODB_ENDPOINT: "",
        RDV_TABLE: "",
        RDV_STATE_FILE: join(dir, "state.json"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    stack.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    stack.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (stack.exitCode !== null) throw new Error(`the ProConnect-only stack exited:\n${output}`);
      const up = await fetch(`${site}/agent/connexion`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false);
      if (up) break;
      if (Date.now() > deadline) throw new Error(`the ProConnect-only stack did not answer:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  afterAll(async () => {
    if (stack && stack.exitCode === null) {
      const exited = new Promise((resolve) => stack!.once("exit", resolve));
      stack.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows only the ProConnect button, refuses a password with a clear message, and signs in through ProConnect", async () => {
    const page = await freshPage();
    await page.goto(`${site}/agent/connexion`);
    await page.waitForLoadState("networkidle");
    expect(await page.getByRole("link", { name: "S’identifier avec ProConnect" }).count()).toBe(1);
    expect(await page.getByLabel("Mot de passe").count()).toBe(0);
    expect(await page.locator("main").textContent()).toContain("avec l’adresse e-mail de votre compte ProConnect");
    expect(await seriousViolations(page)).toEqual([]);

    const refused = await fetch(`${site}/v1/agent/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: AGENT, password: "rdv-demo-2026" }),
    });
    expect([refused.status, await refused.json()]).toEqual([
      403,
      { error: { code: "auth.password_disabled", message: "La connexion par mot de passe n'est pas ouverte sur ce service : connectez-vous avec ProConnect." } },
    ]);

    await page.getByRole("link", { name: "S’identifier avec ProConnect" }).click();
    await page.getByRole("heading", { name: "Fournisseur d'identité local" }).waitFor();
    await page.getByLabel("Adresse e-mail", { exact: true }).fill(AGENT);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${site}/agent`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Agenda");
  });
});
