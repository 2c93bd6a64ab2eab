import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiUrl, demo, fillIdentity, freeSlots, launchBrowser, seriousViolations, slotsPath, webUrl } from "./support";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function bookAs(startsAt: string, phone: string): Promise<{ id: string; manageToken: string }> {
  const response = await fetch(`${apiUrl()}/v1/public/appointments`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
    body: JSON.stringify({ motifId: demo.motif.id, placeId: demo.place.id, startsAt, serviceUser: { firstName: "Jeanne", lastName: "Annule", phone } }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; manageToken: string };
}

async function outboxTo(e164: string): Promise<{ text: string }[]> {
  const response = await fetch(`${apiUrl()}/v1/dev/outbox?limit=200`);
  return ((await response.json()) as { messages: { to: string; text: string }[] }).messages.filter((m) => m.to === e164);
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

const h1 = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

describe("waitlist: told by SMS when a slot frees up, and taking it from the link", () => {
  it("signs up from the slots page; a cancellation reaches the phone through the local loops within a minute; the slot is taken from the link, once", async () => {
    const [slot] = await freeSlots("2026-12-21", "2026-12-23");
    expect(slot).toBeDefined();
    const other = await bookAs(slot!.startsAt, "06 44 55 66 01");

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${webUrl()}${slotsPath()}`);
    await page.getByRole("link", { name: "Prévenez-moi si un créneau plus tôt se libère" }).click();
    await page.waitForURL("**/liste-attente");
    expect(await h1(page)).toBe("Être prévenu si un créneau se libère");
    await expectAccessible(page);

    // a landline is refused with the field named, what was typed stays
    await fillIdentity(page, { firstName: "Lina", lastName: "Patiente", phone: "03 21 00 00 00" });
    await page.getByRole("button", { name: "Me prévenir par SMS" }).click();
    const phoneGroup = page.locator(".fr-input-group", { has: page.locator("#phone") });
    await expect.poll(() => phoneGroup.textContent()).toContain("un numéro de mobile est nécessaire");
    expect(await page.locator("#firstName").inputValue()).toBe("Lina");
    await expectAccessible(page);
    await page.getByLabel("Téléphone portable").fill("06 44 55 66 02");
    await page.getByRole("button", { name: "Me prévenir par SMS" }).click();
    await page.waitForURL("**/liste-attente/*?message=inscrit");
    expect((await page.locator("main").textContent()) ?? "").toContain("C’est noté");
    expect((await page.locator("main").textContent()) ?? "").toContain("Vous êtes sur la liste d’attente");
    await expectAccessible(page);

    // the other usager cancels: the reconciler loop (every 15 s) offers the slot by SMS
    const cancelled = await fetch(`${apiUrl()}/v1/public/appointments/${other.manageToken}/cancel`, { method: "POST" });
    expect(cancelled.status).toBe(200);
    await expect.poll(async () => (await outboxTo("+33644556602")).length, { timeout: 60_000, interval: 1_000 }).toBe(1);
    const [sms] = await outboxTo("+33644556602");
    const link = /(http\S+\/creneau-libere\/[A-Za-z0-9_-]{24})/.exec(sms!.text)?.[1];
    expect(sms!.text).toMatch(/^\[TEST\] (Un créneau s'est libéré|Créneau libéré) : RDV PMI /);
    expect(link?.startsWith(webUrl())).toBe(true);

    // the offer page: the slot, and « Je prends ce créneau »
    await page.goto(link!);
    expect(await h1(page)).toBe("Un créneau s’est libéré");
    expect((await page.locator("main").textContent()) ?? "").toContain(demo.place.name);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Je prends ce créneau" }).click();
    await page.waitForURL("**/rdv/*/confirmation**");
    expect(await h1(page)).toBe("Votre rendez-vous est confirmé");
    const manageHref = await page.getByRole("link", { name: "Gérer mon rendez-vous" }).getAttribute("href");

    // taken: the same link now says so
    await page.goto(link!);
    expect(await h1(page)).toBe("Ce créneau n’est plus disponible");
    expect(await page.getByRole("button", { name: "Je prends ce créneau" }).count()).toBe(0);
    await expectAccessible(page);

    // from the manage page: told if an earlier slot frees up, then no longer
    await page.goto(`${webUrl()}${manageHref}`);
    await page.getByRole("button", { name: "Prévenez-moi si un créneau plus tôt se libère" }).click();
    await page.waitForURL("**message=liste-attente**");
    expect((await page.locator("main").textContent()) ?? "").toContain("Vous êtes sur la liste d’attente");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Ne plus être prévenu" }).click();
    await page.waitForURL("**message=liste-attente-quittee**");
    expect(await page.getByRole("button", { name: "Prévenez-moi si un créneau plus tôt se libère" }).count()).toBe(1);
    await context.close();
  }, 180_000);

  it("leaves the list from the entry's link", async () => {
    const response = await fetch(`${apiUrl()}/v1/public/waitlist`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ motifId: demo.motif.id, commune: demo.commune.code, serviceUser: { firstName: "Marc", lastName: "Part", phone: "06 44 55 66 03" } }),
    });
    expect(response.status).toBe(201);
    const { manageToken } = (await response.json()) as { manageToken: string };
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${webUrl()}/liste-attente/${manageToken}`);
    expect((await page.locator("main").textContent()) ?? "").toContain("Tous les lieux proches de chez vous");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Quitter la liste d’attente" }).click();
    await page.waitForURL("**message=quitte**");
    expect((await page.locator("main").textContent()) ?? "").toContain("Vous n’êtes plus sur la liste d’attente");
    await expectAccessible(page);
    await page.goto(`${webUrl()}/creneau-libere/${"A".repeat(24)}`);
    expect(await h1(page)).toBe("Ce lien ne fonctionne pas");
    await context.close();
  });
});
