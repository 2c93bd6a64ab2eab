/**
 * « Mon compte » in Debian's Chromium, against the whole local stack (demo département): Mélanie
 * Vasseur chooses never to be e-mailed about online changes, then makes the secret address of her calendar, copies it, her calendar software reads it
 * (text/calendar, her appointments, usagers by initials only), then she revokes it and the
 * address answers 404.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, seriousViolations, webUrl } from "./support";

const PASSWORD = "rdv-demo-2026";
const AGENT = "melanie.vasseur@demo.rdv.local";

let browser: Browser;
let context: BrowserContext;
let page: Page;

/** the live message of one section of the page (« prevenir », « calendrier ») */
const statusOf = (section: string) => page.locator(`section[aria-labelledby="${section}"]`).getByRole("status");

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: webUrl() });
  page = await context.newPage();
  await page.goto(`${webUrl()}/agent/connexion`);
  await page.getByLabel("Adresse e-mail professionnelle").fill(AGENT);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${webUrl()}/agent`);
});

afterAll(async () => {
  await browser?.close();
});

describe("Mon compte", () => {
  it("keeps the agent's choice of e-mails about online changes (within 2 days by default)", async () => {
    await page.getByRole("navigation", { name: "Espace agent" }).getByRole("link", { name: "Mon compte" }).click();
    await page.waitForURL(`${webUrl()}/agent/mon-compte`);
    await page.waitForLoadState("networkidle");
    expect(await page.getByLabel("Seulement pour les rendez-vous des 2 prochains jours").isChecked()).toBe(true);
    await page.locator("label", { hasText: "Jamais" }).click(); // the DSFR draws the radio on its label
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => statusOf("prevenir").textContent()).toBe("Préférence enregistrée.");
    await page.reload();
    await page.waitForLoadState("networkidle");
    expect(await page.getByLabel("Jamais").isChecked()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });


  it("makes a secret address that calendar software reads, copies it, revokes it; accessible", async () => {
    await page.goto(`${webUrl()}/agent/mon-compte`);
    await page.waitForLoadState("networkidle");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Mon compte");
    expect(await page.getByText("Aucune adresse active.").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Créer l’adresse" }).click();
    const address = page.getByLabel("Adresse de votre calendrier (affichée une seule fois)");
    await address.waitFor();
    const url = await address.inputValue();
    expect(url).toMatch(/\/v1\/public\/calendar-feeds\/[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: "Copier l’adresse" }).click();
    await expect.poll(() => statusOf("calendrier").textContent()).toBe("Adresse copiée.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    expect(await seriousViolations(page)).toEqual([]);

    // what calendar software does: no session, the address alone (through the site, as the link says)
    const feedPath = url.slice(url.indexOf("/v1/"));
    const feed = await fetch(`${webUrl()}${feedPath}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const ics = await feed.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain("X-WR-CALNAME:Mes rendez-vous (RDV)");

    await page.getByRole("button", { name: "Révoquer l’adresse" }).click();
    await expect.poll(() => statusOf("calendrier").textContent()).toBe("Adresse révoquée : votre calendrier ne la lira plus.");
    expect(await page.getByText("Aucune adresse active.").count()).toBe(1);
    expect((await fetch(`${webUrl()}${feedPath}`)).status).toBe(404);
  });
});
