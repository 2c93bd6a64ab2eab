/**
 * ProConnect sign-in in Debian's Chromium, against the local stack's real OIDC provider (which
 * stands in for ProConnect offline): the sign-in page's ProConnect button, the provider's login
 * page, the callback, and the pages that explain a refusal. Each case gets a fresh browser
 * context, so no provider session carries over from one person to the next.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, seriousViolations, webUrl } from "./support";

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
