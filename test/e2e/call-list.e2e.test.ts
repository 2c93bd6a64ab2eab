/**
 * The call list ("À appeler") and SMS delivery reports in Debian's Chromium, against the whole
 * local stack (demo département, clock pinned at 2026-12-01 08:00). Céline Carpentier (social
 * service, MDS Boulogne-sur-Mer) books two usagers for Wednesday afternoon (13:30, 15:00) through the API: one
 * whose number ends in 99 (a local test number: its SMS is reported as not received) and one
 * with no phone. Both are on her call list; she calls, records the outcomes, and the
 * appointment's page shows the failed SMS with the carrier's words. Boulogne's social service:
 * no other browser test books there, so their expectations are untouched.
 */
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, seriousViolations, webUrl } from "./support";

const PASSWORD = "rdv-demo-2026";
const AGENT = "celine.carpentier@demo.rdv.local";

let browser: Browser;
let context: BrowserContext;
let page: Page;
const ids: Record<string, string> = {};

async function goto(target: Page, path: string): Promise<void> {
  await target.goto(`${webUrl()}${path}`);
  await target.waitForLoadState("networkidle");
}

/** Books through the agent API with the signed-in session (its CSRF token from the readable cookie). */
async function bookAsAgent(startsAt: string, serviceUser: Record<string, string>): Promise<string> {
  const csrf = (await context.cookies()).find((c) => c.name === "rdv_csrf")!.value;
  const response = await page.request.post(`${webUrl()}/v1/agent/appointments`, {
    headers: { "x-csrf-token": csrf, "idempotency-key": randomUUID() },
    data: { motifId: "boulogne-social-premier-rdv", placeId: "boulogne-centre", startsAt, serviceUser },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
  page = await context.newPage();
  await goto(page, "/agent/connexion");
  await page.getByLabel("Adresse e-mail professionnelle").fill(AGENT);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${webUrl()}/agent`);
  ids.failed = await bookAsAgent("2026-12-02T13:30:00+01:00", { firstName: "Léon", lastName: "Numérotest", phone: "06 11 22 33 99" });
  ids.noPhone = await bookAsAgent("2026-12-02T15:00:00+01:00", { firstName: "Rose", lastName: "Sansnuméro" });
});

afterAll(async () => {
  await browser?.close();
});

describe("call list", () => {
  it("is in the agents' navigation and lists who to call, why, with a number to tap; accessible", async () => {
    await goto(page, "/agent");
    await page.getByRole("navigation", { name: "Espace agent" }).getByRole("link", { name: "À appeler" }).click();
    await page.waitForURL(`${webUrl()}/agent/a-appeler`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("À appeler");
    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBe(2);
    const failed = page.locator(`tr[data-appointment="${ids.failed}"]`);
    expect(await failed.innerText()).toMatch(/Mercredi 2 décembre 2026 à 13:30[\s\S]*Léon Numérotest[\s\S]*06 11 22 33 99[\s\S]*SMS non reçu/);
    expect(await failed.getByRole("link", { name: "06 11 22 33 99" }).getAttribute("href")).toBe("tel:+33611223399");
    const noPhone = page.locator(`tr[data-appointment="${ids.noPhone}"]`);
    expect(await noPhone.innerText()).toMatch(/Rose Sansnuméro[\s\S]*Pas de numéro[\s\S]*Pas de portable : aucun SMS/);
    await page.waitForLoadState("networkidle");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("records each call's outcome, shown at once and after a reload; 'Annulé' cancels the appointment", async () => {
    await goto(page, "/agent/a-appeler");
    const failed = page.locator(`tr[data-appointment="${ids.failed}"]`);
    await failed.getByRole("button", { name: /^Injoignable : Léon Numérotest/ }).click();
    await expect.poll(() => page.locator("main").getByRole("status").first().textContent()).toContain("Léon Numérotest, mercredi 2 décembre 2026 à 13:30 : Injoignable.");
    await failed.getByRole("button", { name: /^Confirmé : Léon Numérotest/ }).click();
    await expect.poll(() => failed.innerText()).toMatch(/Confirmé \(Céline Carpentier, /);

    const noPhone = page.locator(`tr[data-appointment="${ids.noPhone}"]`);
    page.once("dialog", (dialog) => void dialog.accept());
    await noPhone.getByRole("button", { name: /^Annulé : Rose Sansnuméro/ }).click();
    await expect.poll(() => noPhone.innerText()).toMatch(/Annulé \(Céline Carpentier, /);
    expect(await noPhone.getByRole("button").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await goto(page, "/agent/a-appeler");
    expect(await page.locator(`tr[data-appointment="${ids.failed}"]`).innerText()).toMatch(/Confirmé \(Céline Carpentier, /);
    expect(await page.locator(`tr[data-appointment="${ids.noPhone}"]`).innerText()).toMatch(/Annulé \(Céline Carpentier, /);
    await goto(page, `/agent/rendez-vous/${ids.noPhone}`);
    expect(await page.locator("main").innerText()).toContain("Annulé par le service");
  });

  it("shows on the appointment's page that the SMS was not received, with the carrier's words", async () => {
    await goto(page, `/agent/rendez-vous/${ids.failed}`);
    const sms = page.getByRole("table", { name: "SMS (et e-mails) du rendez-vous et leur envoi" });
    expect(await sms.locator("tbody tr").first().innerText()).toMatch(/Confirmation\s+Non reçu \(Phone is currently unreachable\/unavailable\)/);
  });
});
