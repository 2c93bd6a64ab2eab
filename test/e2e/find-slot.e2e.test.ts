/**
 * « Trouver un créneau » in Debian's Chromium, against the whole local stack (demo département,
 * clock pinned at Tuesday 2026-12-01 09:00 in Paris). Isabelle Lambert, at the reception of MDS
 * Lens-Liévin, looks for a first appointment with a social worker: every agent at every place,
 * next availability first; she narrows to Karine Duhamel, takes her first slot and books it for
 * a new usager on the same screen. Lens-Liévin's social service: no other browser test books
 * there, so their expectations are untouched.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, seriousViolations, webUrl } from "./support";

const PASSWORD = "rdv-demo-2026";
const AGENT = "isabelle.lambert@demo.rdv.local";
const LENS = "MDS Lens-Liévin – site de Lens";
const LIEVIN = "MDS Lens-Liévin – site de Liévin";

let browser: Browser;
let context: BrowserContext;
let page: Page;

async function goto(target: Page, path: string): Promise<void> {
  await target.goto(`${webUrl()}${path}`);
  await target.waitForLoadState("networkidle");
}

const resultHeadings = () => page.locator("#etape-disponibilites ~ div h3").allTextContents();

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
  page = await context.newPage();
  await goto(page, "/agent/connexion");
  await page.getByLabel("Adresse e-mail professionnelle").fill(AGENT);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${webUrl()}/agent`);
});

afterAll(async () => {
  await browser?.close();
});

describe("Trouver un créneau", () => {
  it("is in the agents' navigation and lists every agent at every place, next availability first; accessible", async () => {
    await page.getByRole("navigation", { name: "Espace agent" }).getByRole("link", { name: "Trouver un créneau" }).click();
    await page.waitForURL(`${webUrl()}/agent/trouver-un-creneau`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Trouver un créneau");
    await page.waitForLoadState("networkidle");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("Motif ou service", { exact: true }).selectOption("motif:lens-social-premier-rdv");
    await page.getByRole("button", { name: "Chercher les créneaux" }).click();
    // Sandrine this morning at Liévin; Karine on Wednesday afternoon at Lens; Sandrine on Friday
    // morning at Lens (every other week); Karine on Saturday 12 at Liévin (a single day)
    await expect.poll(resultHeadings).toEqual([`Sandrine Leroy — ${LIEVIN}`, `Karine Duhamel — ${LENS}`, `Sandrine Leroy — ${LENS}`, `Karine Duhamel — ${LIEVIN}`]);
    const karineLievin = page.getByRole("button", { name: `Samedi 12 décembre 2026 à 10:15, Karine Duhamel — ${LIEVIN}` });
    expect(await karineLievin.count()).toBe(1); // 09:00 does not fit before her 09:30 appointment
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("narrows to an agent, then books the chosen slot for a new usager on the same screen", async () => {
    await page.getByLabel("Agent", { exact: true }).selectOption({ label: "Karine Duhamel" });
    await page.getByRole("button", { name: "Chercher les créneaux" }).click();
    await expect.poll(resultHeadings).toEqual([`Karine Duhamel — ${LENS}`, `Karine Duhamel — ${LIEVIN}`]);
    const first = page.getByRole("button", { name: `Mercredi 2 décembre 2026 à 13:30, Karine Duhamel — ${LENS}` });
    await first.click();
    expect(await first.getAttribute("aria-pressed")).toBe("true");

    await page.getByRole("button", { name: "Créer un nouvel usager" }).click();
    const form = page.getByRole("form", { name: "Nouvel usager" });
    await form.getByLabel("Prénom").fill("Inès");
    await form.getByLabel("Nom", { exact: true }).fill("Trouvecréneau");
    await form.getByLabel("Téléphone portable (facultatif)").fill("06 44 55 66 77");
    await form.getByRole("button", { name: "Créer l’usager" }).click();
    await page.getByText("Inès Trouvecréneau", { exact: true }).waitFor();
    expect(await page.locator("#etape-confirmation ~ p").first().textContent()).toBe(
      `Inès Trouvecréneau — Premier rendez-vous avec un travailleur social — ${LENS} — Mercredi 2 décembre 2026 à 13:30 — avec Karine Duhamel`,
    );
    await page.getByRole("button", { name: "Réserver le rendez-vous" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Rendez-vous réservé" }).textContent()).toContain("Rendez-vous pris pour Inès Trouvecréneau le mercredi 2 décembre 2026 à 13:30");
    // the list is read again: her next slot at Lens is the one after
    await expect.poll(() => page.locator("#etape-disponibilites ~ div li button").first().textContent()).toBe("Mercredi 2 décembre 2026 à 14:15");
    expect(await seriousViolations(page)).toEqual([]);
  });
});
