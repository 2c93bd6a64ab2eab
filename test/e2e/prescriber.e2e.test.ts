/**
 * A prescripteur books for a person they support, in Debian's Chromium against the whole local
 * stack: from the identity step, « Je prends rendez-vous pour une personne que j’accompagne »,
 * their own details then the person's; the person gets the SMS, the partner an e-mail without
 * the person's phone; the agent's appointment page says who booked. Every page is scanned with axe.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiUrl, demo, freeSlots, launchBrowser, seriousViolations, webUrl } from "./support";

const SECRETARY = "nathalie.lemaire@demo.rdv.local";
const PASSWORD = "rdv-demo-2026";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

async function outboxTo(to: string): Promise<{ text: string; subject?: string }[]> {
  const response = await fetch(`${apiUrl()}/v1/dev/outbox?limit=200`);
  return ((await response.json()) as { messages: { to: string; text: string; subject?: string }[] }).messages.filter((m) => m.to === to);
}

describe("prescripteurs: a partner books for a person they support", () => {
  it("books from the public site with the partner's details; the partner is e-mailed; the agent sees who booked", async () => {
    const [slot] = await freeSlots("2026-12-28", "2026-12-31");
    expect(slot).toBeDefined();
    const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    const page = await context.newPage();
    await page.goto(`${webUrl()}/rendez-vous/${demo.commune.code}/${demo.motif.id}/${demo.place.id}/coordonnees?creneau=${encodeURIComponent(slot!.startsAt)}`);
    await page.getByRole("link", { name: "Je prends rendez-vous pour une personne que j’accompagne" }).click();
    await page.waitForURL("**pour=accompagne**");
    await page.waitForLoadState("networkidle");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Coordonnées de la personne accompagnée");
    await expectAccessible(page);

    await page.getByLabel("Vos prénom et nom").fill("Sophie Marchand");
    await page.getByLabel("Votre structure").fill("CCAS d'Arras");
    // neither phone nor e-mail: the field is named, what was typed stays
    await page.getByLabel("Prénom", { exact: true }).fill("Karim");
    await page.getByLabel("Nom", { exact: true }).fill("Accompagné");
    await page.getByLabel("Téléphone portable").fill("06 55 44 33 21");
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await expect.poll(() => page.locator("main").textContent()).toContain("Votre adresse e-mail : Un téléphone ou une adresse e-mail est nécessaire");
    expect(await page.getByLabel("Vos prénom et nom").inputValue()).toBe("Sophie Marchand");
    await expectAccessible(page);
    await page.getByLabel("Votre adresse e-mail (facultatif)").fill("sophie.marchand@ccas-arras.example.fr");
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await page.waitForURL("**/rdv/*/confirmation**");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Votre rendez-vous est confirmé");

    await expect.poll(async () => (await outboxTo("+33655443321")).length, { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await outboxTo("sophie.marchand@ccas-arras.example.fr")).length, { timeout: 15_000 }).toBe(1);
    const [email] = await outboxTo("sophie.marchand@ccas-arras.example.fr");
    expect(email!.subject).toBe("[TEST] Rendez-vous confirmé pour la personne que vous accompagnez");
    expect(email!.text).toContain("que vous avez pris pour Karim Accompagné est confirmé");
    expect(email!.text).not.toContain("06 55");

    // the secretary of MDS Arras opens the appointment: who booked is named
    await page.goto(`${webUrl()}/agent/connexion`);
    await page.getByLabel("Adresse e-mail professionnelle").fill(SECRETARY);
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/agent") && !url.pathname.startsWith("/agent/connexion"));
    const day = slot!.startsAt.slice(0, 10);
    const agenda = await page.request.get(`${webUrl()}/v1/agent/agenda?organisation=mds-arras&from=${day}&to=${day}`);
    expect(agenda.status()).toBe(200);
    const found = ((await agenda.json()) as { appointments: Array<{ id: string; startsAt: string; label?: string }> }).appointments.find(
      (a) => a.startsAt === slot!.startsAt && (a.label ?? "").includes("Accompagné"),
    );
    expect(found).toBeDefined();
    await page.goto(`${webUrl()}/agent/rendez-vous/${found!.id}`);
    expect((await page.locator("main").textContent()) ?? "").toContain("Pris en ligne par Sophie Marchand (CCAS d'Arras, sophie.marchand@ccas-arras.example.fr), qui accompagne l’usager");
    await expectAccessible(page);
    await context.close();
  }, 180_000);
});
