/**
 * The agenda's configuration in Debian's Chromium, against the whole local stack (demo
 * département, clock pinned at 2026-12-01): the admin of MDS Lens-Liévin adds a monthly opening
 * rule and a monthly absence, moves one occurrence of the absence, edits the absence, sets a
 * motif's booking delays, and gives a video motif its link (seen by the usager and the agent);
 * axe scans of the forms with their monthly and "move" fields open, and of the pages with the link.
 *
 * Everything is dated from June 2027, past the demo motifs' 90-day window, so the other browser
 * tests (which book in December 2026) see the same slots.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiUrl, launchBrowser, seriousViolations, webUrl } from "./support";

let browser: Browser;
let page: Page;

async function goto(path: string): Promise<void> {
  await page.goto(`${webUrl()}${path}`);
  await page.waitForLoadState("networkidle"); // the forms act once their scripts are in
}

/** DSFR radios and checkboxes hide their input under the label: clicking the label is what a user does. */
async function choose(scope: ReturnType<Page["locator"]>, label: string): Promise<void> {
  await scope.locator("label", { hasText: label }).click();
}

/** A table row's cells, spaces collapsed. */
async function rowCells(row: ReturnType<Page["locator"]>): Promise<string[]> {
  return row.locator("th, td").evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).innerText.replace(/\s+/g, " ").trim()));
}

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
  page = await context.newPage();
  await page.goto(`${webUrl()}/agent/configuration`);
  await page.getByLabel("Adresse e-mail professionnelle").fill("karine.duhamel@demo.rdv.local");
  await page.getByLabel("Mot de passe").fill("rdv-demo-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(/\/agent\/configuration/);
  await page.waitForLoadState("networkidle");
});

afterAll(async () => {
  await browser?.close();
});

describe("agenda configuration: monthly series, one occurrence, booking delays", () => {
  const violations: { name: string; violations: string[] }[] = [];
  const scan = async (name: string) => violations.push({ name, violations: await seriousViolations(page) });

  it("adds an opening rule on the last Friday of every month", async () => {
    const form = page.locator("#form-plage");
    await form.getByLabel("Agent", { exact: true }).selectOption({ label: "Sandrine Leroy" });
    await form.getByLabel("Lieu", { exact: true }).selectOption({ label: "MDS Lens-Liévin – site de Lens" });
    await choose(form, "Entretien téléphonique (Service social)");
    await choose(form, "Chaque mois ou tous les N mois");
    await form.getByLabel(/^Quel jour du mois/).selectOption({ label: "dernier" });
    await form.getByLabel("Jour de la semaine", { exact: true }).selectOption({ label: "vendredi" });
    await form.getByLabel(/^Tous les combien de mois/).fill("1");
    await form.getByLabel("À partir du", { exact: true }).fill("2027-06-01");
    await form.getByLabel("De", { exact: true }).fill("14:00");
    await form.getByLabel("À", { exact: true }).fill("16:00");
    await scan("configuration, monthly rule form");
    await form.getByRole("button", { name: "Ajouter la plage" }).click();
    await page.getByText("Plage d’ouverture ajoutée.").waitFor();

    const row = page.locator("#plages ~ div tbody tr", { hasText: "Le dernier vendredi du mois" });
    await row.waitFor();
    expect(await rowCells(row)).toEqual([
      "Sandrine Leroy",
      "MDS Lens-Liévin – site de Lens",
      "14:00–16:00",
      "Le dernier vendredi du mois, chaque mois — du mardi 1 juin 2027, sans fin",
      "Entretien téléphonique",
      "—",
      expect.stringMatching(/^Modifier Supprimer/),
    ]);
  });

  it("adds an absence on the 2nd Tuesday of every month, moves one occurrence, then edits it", async () => {
    const form = page.locator("#form-absence");
    await form.getByLabel("Agent", { exact: true }).selectOption({ label: "Sandrine Leroy" });
    await form.getByLabel(/^Motif de l’absence/).fill("Réunion de secteur");
    await choose(form, "Chaque mois ou tous les N mois");
    await form.getByLabel("Début de la première absence", { exact: true }).fill("2027-06-08T09:00");
    await form.getByLabel("Fin de la première absence", { exact: true }).fill("2027-06-08T10:00");
    await form.getByLabel(/^Quel jour du mois/).selectOption({ label: "deuxième" });
    await form.getByLabel("Jour de la semaine", { exact: true }).selectOption({ label: "mardi" });
    await form.getByLabel("Jusqu’au (facultatif)", { exact: true }).fill("2027-12-31");
    await form.getByRole("button", { name: "Ajouter l’absence" }).click();
    await page.getByText("Absence ajoutée.").waitFor();
    const row = () => page.locator("#absences ~ div tbody tr", { hasText: "Réunion de secteur" });
    await row().waitFor();
    expect((await rowCells(row())).slice(0, 6)).toEqual([
      "Sandrine Leroy",
      "Réunion de secteur",
      "mardi 8 juin 2027 à 09:00",
      "mardi 8 juin 2027 à 10:00",
      "Le deuxième mardi du mois, chaque mois — du mardi 8 juin 2027 au vendredi 31 décembre 2027",
      "—",
    ]);

    // the meeting of 13 July moves to Thursday 15 July, 14:00–15:00
    const occurrence = page.locator("#form-occurrence-absence");
    await occurrence.getByLabel("Absence qui se répète", { exact: true }).selectOption({ label: await occurrence.locator("option", { hasText: "Réunion de secteur" }).innerText() });
    await occurrence.getByLabel("Jour de l’occurrence", { exact: true }).fill("2027-07-13");
    await choose(occurrence, "La déplacer");
    await occurrence.getByLabel("Nouveau jour", { exact: true }).fill("2027-07-15");
    await occurrence.getByLabel("De", { exact: true }).fill("14:00");
    await occurrence.getByLabel("À", { exact: true }).fill("15:00");
    await scan("configuration, moving an absence's occurrence");
    await occurrence.getByRole("button", { name: "Déplacer cette occurrence" }).click();
    await page.getByText("Occurrence déplacée.").waitFor();
    await page.waitForFunction(() => document.body.innerText.includes("déplacée au jeudi 15 juillet 2027"));
    expect((await rowCells(row()))[5]).toBe("mardi 13 juillet 2027 déplacée au jeudi 15 juillet 2027 (14:00–15:00)");

    // a day that is not an occurrence is refused, with the field named
    await occurrence.getByLabel("Absence qui se répète", { exact: true }).selectOption({ label: await occurrence.locator("option", { hasText: "Réunion de secteur" }).innerText() });
    await occurrence.getByLabel("Jour de l’occurrence", { exact: true }).fill("2027-07-14");
    await choose(occurrence, "L’annuler");
    await occurrence.getByRole("button", { name: "Annuler cette occurrence" }).click();
    await occurrence.getByText("L'absence n'a pas lieu ce jour-là").waitFor();

    // edited: the title changes, the series and its moved occurrence stay
    await row().getByRole("link", { name: /^Modifier l’absence de Sandrine Leroy/ }).click();
    await page.waitForURL(/absence=/);
    await page.waitForLoadState("networkidle");
    const edit = page.locator("#form-absence");
    expect(await edit.getByRole("heading").first().innerText()).toBe("Modifier l’absence");
    await edit.getByLabel(/^Motif de l’absence/).fill("Réunion de secteur (Lens)");
    await edit.getByRole("button", { name: "Enregistrer l’absence" }).click();
    await page.getByText("Absence modifiée.").waitFor();
    await page.waitForFunction(() => document.body.innerText.includes("Réunion de secteur (Lens)"));
    const cells = await rowCells(row());
    expect([cells[1], cells[4], cells[5]]).toEqual([
      "Réunion de secteur (Lens)",
      "Le deuxième mardi du mois, chaque mois — du mardi 8 juin 2027 au vendredi 31 décembre 2027",
      "mardi 13 juillet 2027 déplacée au jeudi 15 juillet 2027 (14:00–15:00)",
    ]);
  });

  it("sets a motif's minimum and maximum booking delays in its form", async () => {
    await goto("/agent/configuration?motif=lens-social-telephone#form-motif");
    const form = page.locator("#form-motif");
    await form.getByLabel(/^Délai minimum de réservation en ligne/).fill("120");
    await form.getByLabel(/^Délai maximum de réservation en ligne/).fill("45");
    await form.getByRole("button", { name: "Enregistrer le motif" }).click();
    await page.getByText("Motif modifié.").waitFor();
    await goto("/agent/configuration?motif=lens-social-telephone"); // a new load (the same address with its fragment would not reload)
    expect(await page.locator("#form-motif").getByLabel(/^Délai minimum de réservation en ligne/).inputValue()).toBe("120");
    expect(await page.locator("#form-motif").getByLabel(/^Délai maximum de réservation en ligne/).inputValue()).toBe("45");
    // put back, so that later tests see the demo's window
    await page.locator("#form-motif").getByLabel(/^Délai minimum de réservation en ligne/).fill("30");
    await page.locator("#form-motif").getByLabel(/^Délai maximum de réservation en ligne/).fill("30");
    await page.locator("#form-motif").getByRole("button", { name: "Enregistrer le motif" }).click();
    await page.getByText("Motif modifié.").waitFor();
  });

  it("gives a video motif's link to the usager (manage page, SMS) and shows it to the agent", async () => {
    const ROOM = "https://visio.fr/lens-e2e";
    await goto("/agent/configuration");
    const form = page.locator("#form-motif");
    await form.getByLabel("Nom du motif", { exact: true }).fill("Entretien en visio e2e");
    await form.getByLabel("Service", { exact: true }).selectOption({ label: "Service social" });
    await form.getByLabel("Type de rendez-vous", { exact: true }).selectOption({ label: "En visioconférence" });
    await form.getByText("Les agents uniquement").click(); // the usager pages of the other tests stay as they are
    await form.getByLabel(/^Lien de la visio/).fill("http://visio.fr/lens-e2e");
    await form.getByRole("button", { name: "Ajouter le motif" }).click();
    await form.getByText("Adresse https://… attendue").waitFor();
    await form.getByLabel(/^Lien de la visio/).fill(ROOM);
    await form.getByRole("button", { name: "Ajouter le motif" }).click();
    await page.getByText("Motif ajouté.").waitFor();

    // booked by the admin for an usager, on a Monday of June 2027 (outside the opening rules, after the warning)
    const booked = await page.evaluate(async () => {
      const csrf = decodeURIComponent(document.cookie.split(/;\s*/).find((c) => c.startsWith("rdv_csrf="))?.slice("rdv_csrf=".length) ?? "");
      const configuration = (await (await fetch("/v1/agent/configuration?organisation=mds-lens-lievin")).json()) as { motifs: Array<{ id: string; name: string }> };
      const motifId = configuration.motifs.find((m) => m.name === "Entretien en visio e2e")!.id;
      const response = await fetch("/v1/agent/appointments", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": csrf, "idempotency-key": "e2e-visio-booking-1" },
        body: JSON.stringify({ motifId, placeId: "lens-centre", startsAt: "2027-06-14T10:00:00+02:00", agentIds: ["sandrine-leroy"], acknowledgeWarnings: true, serviceUser: { firstName: "Lou", lastName: "Visio", phone: "06 12 34 00 11" } }),
      });
      return { status: response.status, body: (await response.json()) as { id: string; manageToken: string } };
    });
    expect(booked.status).toBe(201);

    const outbox = (await (await fetch(`${apiUrl()}/v1/dev/outbox?limit=20`)).json()) as { messages: Array<{ channel: string; text: string; appointmentId?: string }> };
    const sms = outbox.messages.find((m) => m.appointmentId === booked.body.id && m.channel === "sms");
    expect(sms?.text).toMatch(/^\[TEST\] RDV Service social confirmé le .*, en visio : https:\/\/visio\.fr\/lens-e2e\. /);

    const usager = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    const manage = await usager.newPage();
    await manage.goto(`${webUrl()}/rdv/${booked.body.manageToken}`);
    await manage.waitForLoadState("networkidle");
    const link = manage.getByRole("link", { name: ROOM });
    expect(await link.getAttribute("href")).toBe(ROOM);
    expect(await manage.locator("dt", { hasText: "Lien de la visio" }).count()).toBe(1);
    violations.push({ name: "manage page of a video appointment", violations: await seriousViolations(manage) });
    await usager.close();

    await goto(`/agent/rendez-vous/${booked.body.id}`);
    expect(await page.getByRole("link", { name: ROOM }).getAttribute("href")).toBe(ROOM);
    await scan("agent's page of a video appointment");
  });

  it("has no serious or critical accessibility violation on the forms (axe)", async () => {
    await goto("/agent/configuration");
    await scan("configuration");
    expect(violations.filter((v) => v.violations.length > 0)).toEqual([]);
    expect(violations).toHaveLength(5);
  });
});
