/**
 * Booking invitations in Debian's Chromium, against the whole local stack (demo département,
 * clock at 2026-12-01 08:00): the secretary of MDS Arras invites a new usager from the
 * « Invitations » page; the usager opens the SMS's link, picks a place and a slot and confirms
 * without typing anything about themselves; the link then says it has served, and the agents'
 * list shows the appointment taken. Every page is scanned with axe.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiUrl, demo, launchBrowser, seriousViolations, webUrl } from "./support";

const PASSWORD = "rdv-demo-2026";
const SECRETARY = "nathalie.lemaire@demo.rdv.local";
const usager = { firstName: "Léa", lastName: "Invitation", phone: "06 77 88 99 01", e164: "+33677889901" };

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

const h1 = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

async function outboxTo(to: string): Promise<{ text: string }[]> {
  const response = await fetch(`${apiUrl()}/v1/dev/outbox?limit=200`);
  return ((await response.json()) as { messages: { to: string; text: string }[] }).messages.filter((m) => m.to === to);
}

describe("booking invitations: sent by an agent, booked from the link by the usager", () => {
  it("the secretary invites an usager; the usager books from the SMS link with no identity step; both sides see it booked", async () => {
    const agentContext = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    const agent = await agentContext.newPage();
    await agent.goto(`${webUrl()}/agent/invitations`);
    await agent.getByLabel("Adresse e-mail professionnelle").fill(SECRETARY);
    await agent.getByLabel("Mot de passe").fill(PASSWORD);
    await agent.getByRole("button", { name: "Se connecter" }).click();
    await agent.waitForURL("**/agent/invitations");
    await agent.waitForLoadState("networkidle");
    expect(await h1(agent)).toBe("Invitations à prendre rendez-vous");
    await expectAccessible(agent);

    await agent.getByRole("button", { name: "Créer un nouvel usager" }).click();
    const form = agent.getByRole("form", { name: "Nouvel usager" });
    await form.getByLabel("Prénom").fill(usager.firstName);
    await form.getByLabel("Nom", { exact: true }).fill(usager.lastName);
    await form.getByLabel("Téléphone portable (facultatif)").fill(usager.phone);
    await form.getByRole("button", { name: "Créer l’usager" }).click();
    await agent.getByText(`${usager.firstName} ${usager.lastName}`, { exact: true }).waitFor();
    // nothing ticked: the API names the field
    await agent.getByRole("button", { name: "Envoyer l’invitation" }).click();
    await expect.poll(() => agent.locator("main").textContent()).toContain("Au moins un motif");
    await expectAccessible(agent);
    await agent.locator("label", { hasText: demo.motif.name }).first().click();
    await agent.getByRole("button", { name: "Envoyer l’invitation" }).click();
    await expect.poll(() => agent.getByRole("status").first().textContent()).toContain(`Invitation envoyée à ${usager.firstName} ${usager.lastName}.`);
    const row = agent.locator("tbody tr", { hasText: `${usager.lastName} ${usager.firstName}` });
    await expect.poll(() => row.textContent()).toContain("Envoyée");
    await expectAccessible(agent);

    const [sms] = await outboxTo(usager.e164);
    expect(sms!.text).toMatch(/^\[TEST\] Nous vous invitons à prendre RDV PMI\. Choisissez votre créneau avant le 31\/12 : http\S+\/invitation\/[A-Za-z0-9_-]{24}$/);
    const link = /(http\S+\/invitation\/[A-Za-z0-9_-]{24})/.exec(sms!.text)![1]!;

    const usagerContext = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    const page = await usagerContext.newPage();
    await page.goto(link);
    expect(await h1(page)).toBe(`Bonjour ${usager.firstName}, choisissez votre rendez-vous`);
    await expectAccessible(page);
    await page.getByRole("link", { name: demo.place.name }).click();
    await page.waitForURL("**lieu=**");
    await expectAccessible(page);
    await page.locator('a[href*="creneau="]').first().click();
    await page.waitForURL("**creneau=**");
    expect((await page.locator("main").textContent()) ?? "").toContain("Confirmez votre rendez-vous");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await page.waitForURL("**/rdv/*/confirmation**");
    expect(await h1(page)).toBe("Votre rendez-vous est confirmé");

    // the link has served, and says so politely
    await page.goto(link);
    expect(await h1(page)).toBe("Vous avez déjà pris rendez-vous");
    await expectAccessible(page);
    await page.goto(`${webUrl()}/invitation/${"A".repeat(24)}`);
    expect(await h1(page)).toBe("Ce lien ne fonctionne pas");

    await agent.reload();
    await expect.poll(() => agent.locator("tbody tr", { hasText: `${usager.lastName} ${usager.firstName}` }).textContent()).toContain("Rendez-vous pris");
    await usagerContext.close();
    await agentContext.close();
  }, 180_000);
});
