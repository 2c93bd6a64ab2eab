/**
 * A département's first admin, in Debian's Chromium against the whole local stack: a file that
 * adds an admin is imported with `npm run import -- FILE --invite` (as an operator would, into
 * the running stack), which sets no password; the invitation e-mail reaches the outbox; its link
 * lets her choose a password, which signs her in, and she signs in with it again later. The
 * import also shows that loading the demo file again keeps the demo agents' passwords.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiUrl, launchBrowser, webUrl } from "./support";

const root = fileURLToPath(new URL("../..", import.meta.url));
const ADMIN = { id: "claire-nouvel", email: "claire.nouvel@demo.rdv.local", firstName: "Claire", lastName: "Nouvel" };
const PASSWORD = "une phrase de passe pour Claire";

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), "rdv-e2e-invitation-"));
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm run import -- …args` against the browser tests' stack; resolves with its exit code and output. */
function importCommand(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "packages/local/src/import-cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, RDV_STATE_FILE: inject("e2eStateFile"), RDV_DYNAMODB_ENDPOINT: "", RDV_TABLE: "", PUBLIC_URL: "" }, // the stack's own address, from its state file
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

async function goto(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState("networkidle"); // the forms act once their scripts are in
}

describe("first admin of a département", () => {
  let link = "";

  it("is invited by the import, which gives nobody a password: the e-mail reaches the outbox", async () => {
    const demo = JSON.parse(readFileSync(join(root, "config", "departments", "demo.json"), "utf8")) as { agents: unknown[] };
    demo.agents.push({ ...ADMIN, organisationIds: ["mds-arras"], serviceIds: ["social"], role: "admin" });
    const file = join(dir, "departement.json");
    writeFileSync(file, JSON.stringify(demo));

    const { code, output } = await importCommand([file, "--invite"]);
    expect(code, output).toBe(0);
    expect(output).toContain("Import de");
    expect(output).toContain("dans la stack locale en cours :");
    // the demo admins chose their password (dev.ts sets the demo's): only the new one is invited
    expect(output).toMatch(/ {2}envoyée à claire\.nouvel@demo\.rdv\.local \(jusqu'au \d{4}-\d{2}-\d{2}\)\n {2}déjà un mot de passe : 3 ; invitation en cours : 0\n/);

    const outbox = (await (await fetch(`${apiUrl()}/v1/dev/outbox?limit=50`)).json()) as { messages: Array<{ channel: string; to: string; subject?: string; text: string }> };
    const mails = outbox.messages.filter((m) => m.channel === "email" && m.to === ADMIN.email);
    expect(mails.map((m) => m.subject)).toEqual(["Votre compte RDV, l'agenda des services du département"]);
    link = /https?:\/\/\S+\/agent\/invitation\/[A-Za-z0-9_-]{43}/.exec(mails[0]!.text)?.[0] ?? "";
    // the link points at the running site (its address comes from the stack, not from the command's environment)
    expect(link.startsWith(`${webUrl()}/agent/invitation/`), mails[0]!.text).toBe(true);
  });

  it("chooses her password from the link, is signed in, and signs in with it later; the link is then spent", async () => {
    const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    const page = await context.newPage();
    await goto(page, link);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Bienvenue dans l’espace agent");
    expect(await page.locator("main").textContent()).toContain("Vous êtes invité à rejoindre MDS Arras");
    await page.getByLabel("Nouveau mot de passe").fill(PASSWORD);
    await page.getByLabel("Confirmez le mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Enregistrer mon mot de passe et me connecter" }).click();
    await page.waitForURL(`${webUrl()}/agent`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Agenda");
    await context.close();

    const later = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    const again = await later.newPage();
    await goto(again, `${webUrl()}/agent/connexion`);
    await again.getByLabel("Adresse e-mail professionnelle").fill(ADMIN.email);
    await again.getByLabel("Mot de passe").fill(PASSWORD);
    await again.getByRole("button", { name: "Se connecter" }).click();
    await again.waitForURL(`${webUrl()}/agent`);
    expect(await again.getByRole("heading", { level: 1 }).textContent()).toBe("Agenda");

    await goto(again, link);
    expect(await again.getByRole("heading", { level: 2 }).first().textContent()).toBe("Lien d’invitation expiré ou déjà utilisé");
    await later.close();
  });
});
