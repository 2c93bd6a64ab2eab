/**
 * API keys and the developers' page in Debian's Chromium, against the whole local stack (demo
 * département). Thomas Fournier, admin of MDS Boulogne-sur-Mer (no other browser test manages
 * its configuration), creates a key, copies it, a business tool uses it, he sees its last use and
 * revokes it. The /developpeurs page renders the OpenAPI document with Swagger UI.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiUrl, launchBrowser, seriousViolations, webUrl } from "./support";

const PASSWORD = "rdv-demo-2026";
const ADMIN = "thomas.fournier@demo.rdv.local";

let browser: Browser;
let context: BrowserContext;
let page: Page;

async function goto(target: Page, path: string): Promise<void> {
  await target.goto(`${webUrl()}${path}`);
  await target.waitForLoadState("networkidle");
}

const places = (key: string) => fetch(`${apiUrl()}/v1/api/places`, { headers: { authorization: `Bearer ${key}` } });

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: webUrl() });
  page = await context.newPage();
  await goto(page, "/agent/connexion");
  await page.getByLabel("Adresse e-mail professionnelle").fill(ADMIN);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${webUrl()}/agent`);
});

afterAll(async () => {
  await browser?.close();
});

describe("API keys (back office)", () => {
  it("an admin creates a key shown once with a copy button, sees its last use, and revokes it at once; accessible", async () => {
    await goto(page, "/agent/configuration");
    await page.getByRole("navigation", { name: "Sections de la configuration" }).getByRole("link", { name: "Clés d’API" }).click();
    await page.waitForURL(`${webUrl()}/agent/configuration/cles-api`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Clés d’API");
    expect(await page.getByText("Aucune clé pour l’instant.").count()).toBe(1);

    // a name is required: the field says so
    await page.getByRole("button", { name: "Créer la clé" }).click();
    await expect.poll(() => page.getByText("ne doit pas être vide").count()).toBeGreaterThan(0);

    await page.getByLabel("Nom de la clé").fill("Logiciel RSA");
    await page.getByRole("radio", { name: /^Lecture et écriture/ }).check({ force: true });
    await page.getByRole("button", { name: "Créer la clé" }).click();
    const shown = page.getByLabel("Clé d’API", { exact: true });
    await expect.poll(() => shown.count()).toBe(1);
    const key = await shown.inputValue();
    expect(key).toMatch(/^rdv_k[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: "Copier la clé" }).click();
    await expect.poll(() => page.getByText("Clé copiée.").count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    expect(await seriousViolations(page)).toEqual([]);

    // a business tool uses it: Boulogne's places, and the list shows the use
    const response = await places(key);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { places: Array<{ id: string }> };
    expect(body.places.length).toBeGreaterThan(0);
    expect(body.places.every((p) => p.id.startsWith("boulogne"))).toBe(true);

    await goto(page, "/agent/configuration/cles-api");
    const row = page.getByRole("row", { name: /Logiciel RSA/ });
    expect(await row.getByRole("cell").allTextContents()).toEqual([
      "Logiciel RSA",
      "Lecture et écriture",
      expect.stringMatching(/ par Thomas Fournier$/),
      expect.not.stringMatching(/^Jamais$/),
      expect.stringContaining("Révoquer"),
    ]);
    expect(await page.getByLabel("Clé d’API", { exact: true }).count()).toBe(0); // shown once only
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole("button", { name: "Révoquer : Logiciel RSA" }).click();
    await page.getByRole("button", { name: "Confirmer la suppression : Logiciel RSA" }).click();
    await expect.poll(() => page.getByText("Aucune clé pour l’instant.").count()).toBe(1);
    expect((await places(key)).status).toBe(401);
  });
});

describe("developers' page", () => {
  it("renders the OpenAPI document (every integration operation) with a link to the JSON; the page's own content is accessible", async () => {
    const visitor = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    await goto(visitor, "/developpeurs");
    await expect.poll(() => visitor.getByRole("heading", { level: 1 }).allTextContents()).toEqual(["Développeurs : l’API"]);
    await expect.poll(() => visitor.locator(".opblock-summary-path").count(), { timeout: 30_000 }).toBeGreaterThan(20);
    const paths = await visitor.locator(".opblock-summary-path").allTextContents();
    expect(await visitor.getByRole("heading", { level: 1 }).allTextContents()).toEqual(["Développeurs : l’API"]);
    for (const path of ["/v1/api/appointments", "/v1/api/appointments/{id}/cancel", "/v1/api/service-users/{externalId}", "/v1/public/slots"]) {
      expect(paths.map((p) => p.replace(/\u200b/g, ""))).toContain(path);
    }
    const json = await visitor.request.get(`${webUrl()}/v1/openapi.json`);
    expect(json.status()).toBe(200);
    expect(((await json.json()) as { openapi: string }).openapi).toBe("3.1.0");
    // Swagger UI's own markup has known axe violations (contrast, nested interactive controls): the check covers the rest of the page
    const results = await new AxeBuilder({ page: visitor }).exclude(".rdv-api-reference").analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    await visitor.context().close();
  });
});
