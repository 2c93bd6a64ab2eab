import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookThroughApi, demo, fillIdentity, launchBrowser, slotName, slotsPath, webUrl } from "./support";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("usager booking site", () => {
  it("books a slot from the home page, sees it leave the grid, then reschedules and cancels it from the manage link", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();

    // commune: the results follow the typing and link on
    await page.goto(webUrl());
    await page.getByLabel("Votre commune").fill("Arras");
    await page.getByRole("link", { name: demo.commune.label }).click();

    // service and motif
    await page.waitForURL(`**/rendez-vous/${demo.commune.code}`);
    await expect.poll(() => page.title()).toContain("Choisir le motif");
    await page.getByRole("link", { name: demo.motif.name }).click();

    // place, with its next available slot and phone
    await page.waitForURL(`**/rendez-vous/${demo.commune.code}/${demo.motif.id}`);
    const placeCard = page.locator(".fr-card", { hasText: demo.place.name });
    await expect.poll(() => placeCard.textContent()).toContain("Prochain créneau : mardi 1 décembre 2026 à 13:30");
    await expect.poll(() => placeCard.textContent()).toContain(demo.place.phone);
    await placeCard.getByRole("link", { name: /Voir les créneaux/ }).click();

    // the week of the next slot, Monday to Sunday
    await page.waitForURL(`**${slotsPath()}`);
    await expect.poll(() => page.getByRole("heading", { level: 2 }).first().textContent()).toBe("Semaine du 30 novembre au 6 décembre 2026");
    const chosen = slotName("Jeudi 3 décembre", "10:30");
    await page.getByRole("link", { name: chosen }).click();

    // identity: an API field error is shown next to its input, and what was typed stays
    await page.waitForURL("**/coordonnees?creneau=*");
    await fillIdentity(page, { firstName: "Camille", lastName: "Martin", phone: "03 21 00 00 00" });
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    const phoneGroup = page.locator(".fr-input-group", { has: page.locator("#phone") });
    await expect.poll(() => phoneGroup.getAttribute("class")).toContain("fr-input-group--error");
    await expect.poll(() => phoneGroup.textContent()).toContain("Un numéro de mobile est nécessaire");
    expect(await page.locator("#firstName").inputValue()).toBe("Camille");
    await page.getByLabel("Téléphone portable").fill("06 12 34 56 78");
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();

    // confirmation: date, time, place, address, instructions, manage link, calendar file
    await page.waitForURL("**/rdv/*/confirmation**");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Votre rendez-vous est confirmé");
    const main = (await page.locator("main").textContent()) ?? "";
    for (const expected of ["Jeudi 3 décembre 2026", "10:30", demo.place.name, "18 rue des Trois Visages, 62000 Arras", "Munissez-vous du carnet de santé"]) {
      expect(main).toContain(expected);
    }
    const icsHref = await page.getByRole("link", { name: /Ajouter à mon agenda/ }).getAttribute("href");
    const ics = await page.request.get(new URL(icsHref!, webUrl()).toString());
    expect(ics.headers()["content-type"]).toContain("text/calendar");
    const icsText = await ics.text();
    expect(icsText).toContain("BEGIN:VEVENT");
    expect(icsText).toContain("DTSTART:20261203T093000Z");
    expect(icsText).toContain("DTEND:20261203T100000Z");
    const manageHref = await page.getByRole("link", { name: "Gérer mon rendez-vous" }).getAttribute("href");
    expect(manageHref).toMatch(/^\/rdv\/[A-Za-z0-9_-]{16,}/);

    // the booked slot is gone from the grid
    await page.goto(`${webUrl()}${slotsPath("2026-11-30")}`);
    expect(await page.getByRole("link", { name: slotName("Jeudi 3 décembre", "09:00") }).count()).toBe(1);
    expect(await page.getByRole("link", { name: chosen }).count()).toBe(0);

    // manage link → reschedule to the next week
    await page.goto(`${webUrl()}${manageHref}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Mon rendez-vous");
    await page.getByRole("link", { name: "Changer la date ou l’heure" }).click();
    await page.waitForURL("**/deplacer**");
    await page.getByRole("link", { name: "Semaine suivante" }).click();
    await page.waitForURL("**semaine=2026-12-07**");
    await page.getByRole("link", { name: slotName("Lundi 7 décembre", "09:30") }).click();
    await page.waitForURL("**/deplacer/confirmer**");
    await page.getByRole("button", { name: "Confirmer le nouvel horaire" }).click();
    await page.waitForURL("**message=deplace**");
    let manage = (await page.locator("main").textContent()) ?? "";
    expect(manage).toContain("Votre rendez-vous a bien été déplacé");
    expect(manage).toContain("Lundi 7 décembre 2026");
    expect(manage).toContain("09:30");

    // … then cancel, after a confirmation step
    await page.getByRole("link", { name: "Annuler le rendez-vous" }).click();
    await page.waitForURL("**/annuler**");
    await page.getByRole("button", { name: "Oui, annuler le rendez-vous" }).click();
    await page.waitForURL("**message=annule**");
    manage = (await page.locator("main").textContent()) ?? "";
    expect(manage).toContain("Votre rendez-vous est annulé");
    expect(manage).toContain("Annulé");
    expect(await page.getByRole("link", { name: "Annuler le rendez-vous" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Changer la date ou l’heure" }).count()).toBe(0);

    await context.close();
  });

  it("tells the usager when the chosen slot was just taken, and offers the nearest free ones", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();

    await page.goto(`${webUrl()}${slotsPath()}`);
    await page.getByRole("link", { name: slotName("Mercredi 2 décembre", "15:00") }).click();
    await page.waitForURL("**/coordonnees?creneau=*");
    await fillIdentity(page, { firstName: "Nadia", lastName: "Leroux", phone: "06 98 76 54 32" });

    // someone else books that very slot between choosing and confirming
    const other = await bookThroughApi("2026-12-02T15:00:00+01:00");
    expect(other.status).toBe(201);

    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    const alert = page.locator("main").getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("Ce créneau vient d’être réservé");
    const alternatives = page.getByRole("group", { name: "Autres horaires proches" }).getByRole("radio");
    expect(await alternatives.count()).toBeGreaterThan(0);
    const labels = await page.getByRole("group", { name: "Autres horaires proches" }).locator("label").allTextContents();
    expect(labels[0]).toContain("Mercredi 2 décembre 2026"); // the same day first
    expect(labels.join(" ")).not.toContain("2 décembre 2026 à 15:00");
    expect(await page.locator("#firstName").inputValue()).toBe("Nadia");

    // confirming again books the alternative chosen, without retyping anything
    await alternatives.first().check();
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await page.waitForURL("**/rdv/*/confirmation**");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Votre rendez-vous est confirmé");
    expect(await page.locator("main").textContent()).toContain("Mercredi 2 décembre 2026");

    await context.close();
  });

  it("works without JavaScript: plain links and forms down to the confirmation", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();

    await page.goto(webUrl());
    await page.getByLabel("Votre commune").fill("62000");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.getByRole("link", { name: demo.commune.label }).click();
    await page.getByRole("link", { name: demo.motif.name }).click();
    await page.locator(".fr-card", { hasText: demo.place.name }).getByRole("link", { name: /Voir les créneaux/ }).click();
    await page.getByRole("link", { name: slotName("Mardi 1 décembre", "16:30") }).click();
    await fillIdentity(page, { firstName: "Louis", lastName: "Petit", phone: "06 23 45 67 89" });
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await page.waitForURL("**/rdv/*/confirmation**");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Votre rendez-vous est confirmé");
    expect(await page.locator("main").textContent()).toContain("Mardi 1 décembre 2026");

    await context.close();
  });
});
