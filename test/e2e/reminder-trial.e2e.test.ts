/**
 * The reminder wording trial's section of the statistics page in Debian's Chromium, against the
 * whole local stack (the demo stage with a two-text trial, test/e2e/stage.json): the texts, their
 * figures (none reminded yet at the pinned clock), the plain-French verdict, and an axe scan.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, seriousViolations, webUrl } from "./support";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
  page = await context.newPage();
  await page.goto(`${webUrl()}/agent/statistiques`);
  await page.getByLabel("Adresse e-mail professionnelle").fill("nathalie.lemaire@demo.rdv.local");
  await page.getByLabel("Mot de passe").fill("rdv-demo-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(/\/agent\/statistiques/);
  await page.waitForLoadState("networkidle");
});

afterAll(async () => {
  await browser?.close();
});

describe("reminder wording trial on the statistics page", () => {
  it("shows each text with its figures and says the difference is not yet meaningful", async () => {
    const section = page.getByRole("region", { name: "Essai de textes de rappel" });
    expect(await section.getByRole("table").locator("caption").textContent()).toBe("Résultats par texte de rappel (essai « rappel-demo »)");
    const rows = await section.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("th, td")].map((cell) => (cell as HTMLElement).innerText.replace(/\s+/g, " ").trim())));
    expect(rows).toEqual([
      ["« rappel » Rappel : {rdv} {date_courte}, {lieu}. {lien}", "0", "—", "—"],
      ["« imprevu » {rdv} {date_courte}, {lieu}. Un imprévu ? {lien}", "0", "—", "—"],
    ]);
    expect(await section.getByTestId("essai-rappel-conclusion").locator("li").allInnerTexts()).toEqual([
      "Pas encore assez de rendez-vous pour comparer le taux de lapins : il en faut au moins 30 par texte (« rappel » : 0, « imprevu » : 0).",
      "Pas encore assez de rendez-vous pour comparer le taux d'annulation : il en faut au moins 30 par texte (« rappel » : 0, « imprevu » : 0).",
    ]);
  });

  it("has no serious accessibility violation (axe)", async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });
});
