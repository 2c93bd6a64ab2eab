/**
 * Agent accounts in Debian's Chromium, against the whole local stack (demo département, clock
 * pinned at 2026-12-01 08:00): the admins' « Équipe » page (role and services, deactivating an
 * agent ends her session at once, reactivating), « Mot de passe oublié ? » and the reset link's
 * page, and « Arrivé » on today's appointments of the agenda. Each page is scanned with axe.
 *
 * Agents no other browser test uses: Thomas Fournier (admin of MDS Boulogne) and Émilie
 * Boulanger (agent, PMI there), Karine Duhamel (admin of MDS Lens-Liévin) for the reset; Sophie
 * Lefebvre (admin of MDS Arras) has an appointment today at 14:00. Each test leaves things as
 * it found them (the stack is shared by the browser tests that run after).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiUrl, launchBrowser, seriousViolations, webUrl } from "./support";

const PASSWORD = "rdv-demo-2026";

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
  contexts.push(context);
  return context.newPage();
}

async function goto(target: Page, path: string): Promise<void> {
  await target.goto(path.startsWith("http") ? path : `${webUrl()}${path}`);
  await target.waitForLoadState("networkidle"); // the forms act once their scripts are in
}

async function signedIn(email: string, password = PASSWORD): Promise<Page> {
  const page = await newPage();
  await goto(page, "/agent/connexion");
  await page.getByLabel("Adresse e-mail professionnelle").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${webUrl()}/agent`);
  return page;
}

const memberRow = (page: Page, name: string) => page.locator("tbody tr", { hasText: name });

describe("« Équipe » (organisation admins)", () => {
  it("lists the team; changing services, deactivating (her session ends at once) and reactivating an agent", async () => {
    const emilie = await signedIn("emilie.boulanger@demo.rdv.local");
    const admin = await signedIn("thomas.fournier@demo.rdv.local");
    await admin.getByRole("link", { name: "Équipe" }).click();
    await admin.waitForURL(`${webUrl()}/agent/equipe`);
    await admin.waitForLoadState("networkidle");
    expect(await admin.getByRole("heading", { level: 1 }).textContent()).toBe("Équipe");
    expect(await admin.locator("caption").first().textContent()).toBe("Agents de l’organisation (3)");
    const row = memberRow(admin, "Émilie Boulanger");
    expect(await row.locator("td").allInnerTexts()).toEqual([
      expect.stringContaining("emilie.boulanger@demo.rdv.local"),
      "Agent",
      "Protection maternelle et infantile",
      "ACTIF",
      expect.stringMatching(/^01\/12\/2026 \d\d:\d\d$/),
      expect.any(String),
    ]);
    expect(await seriousViolations(admin)).toEqual([]);

    // services: PMI and service social
    await admin.getByRole("button", { name: "Modifier le rôle de Émilie Boulanger" }).click();
    const form = admin.locator("form", { hasText: "Rôle et services de Émilie Boulanger" });
    await form.locator("label", { hasText: "Service social" }).click();
    expect(await seriousViolations(admin)).toEqual([]);
    await form.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => admin.getByRole("status").first().textContent()).toBe("Rôle et services de Émilie Boulanger enregistrés.");
    await expect.poll(() => row.locator("td").nth(2).textContent()).toBe("Protection maternelle et infantile, Service social");

    await admin.getByRole("button", { name: "Désactiver Émilie Boulanger" }).click();
    await expect.poll(() => row.locator("td").nth(3).textContent()).toBe("Désactivé");
    // her open page: the next request finds her session over
    await emilie.reload();
    await emilie.waitForURL(/\/agent\/connexion/);
    await emilie.getByLabel("Adresse e-mail professionnelle").fill("emilie.boulanger@demo.rdv.local");
    await emilie.getByLabel("Mot de passe").fill(PASSWORD);
    await emilie.getByRole("button", { name: "Se connecter" }).click();
    await expect.poll(() => emilie.locator(".fr-alert").textContent()).toContain("Votre compte est désactivé");

    // the admin cannot deactivate themselves: no such button on their own row
    expect(await memberRow(admin, "Thomas Fournier").getByRole("button", { name: /Désactiver/ }).count()).toBe(0);

    await admin.getByRole("button", { name: "Réactiver Émilie Boulanger" }).click();
    await expect.poll(() => row.locator("td").nth(3).textContent()).toBe("Actif");
    await admin.getByRole("button", { name: "Modifier le rôle de Émilie Boulanger" }).click();
    await form.locator("label", { hasText: "Service social" }).click();
    await form.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => row.locator("td").nth(2).textContent()).toBe("Protection maternelle et infantile");
    await emilie.getByRole("button", { name: "Se connecter" }).click();
    await emilie.waitForURL(`${webUrl()}/agent`);
  });

  it("is not offered to agents who are not admins", async () => {
    const page = await signedIn("emilie.boulanger@demo.rdv.local");
    expect(await page.getByRole("link", { name: "Équipe" }).count()).toBe(0);
    await goto(page, "/agent/equipe");
    expect(await page.locator("main").textContent()).toContain("Cette page est réservée aux administrateurs de l’organisation.");
  });
});

describe("« Mot de passe oublié ? »", () => {
  it("sends a link from the sign-in page; the link sets the new password and signs in, once", async () => {
    const page = await newPage();
    await goto(page, "/agent/connexion");
    await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
    await page.waitForURL(`${webUrl()}/agent/mot-de-passe-oublie`);
    await page.waitForLoadState("networkidle");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Adresse e-mail professionnelle").fill("karine.duhamel@demo.rdv.local");
    await page.getByRole("button", { name: "Recevoir un lien" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Si un compte existe à l’adresse karine.duhamel@demo.rdv.local, un e-mail vient d’y être envoyé");
    expect(await seriousViolations(page)).toEqual([]);

    const outbox = (await (await fetch(`${apiUrl()}/v1/dev/outbox?limit=50`)).json()) as { messages: Array<{ channel: string; to: string; subject?: string; text: string }> };
    const mail = outbox.messages.find((m) => m.channel === "email" && m.to === "karine.duhamel@demo.rdv.local");
    expect(mail?.subject).toBe("Réinitialisation de votre mot de passe RDV");
    const link = /https?:\/\/\S+\/agent\/mot-de-passe\/[A-Za-z0-9_-]{43}/.exec(mail!.text)![0];
    expect(link.startsWith(`${webUrl()}/agent/mot-de-passe/`)).toBe(true);

    await goto(page, link);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Choisir un nouveau mot de passe");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Nouveau mot de passe").fill("court");
    await page.getByLabel("Confirmez le mot de passe").fill("court");
    await page.getByRole("button", { name: "Enregistrer et me connecter" }).click();
    await expect.poll(() => page.getByText("12 caractères au moins", { exact: true }).count()).toBe(1);
    // the demo's password again, so that the stack stays as the other tests expect it
    await page.getByLabel("Nouveau mot de passe").fill(PASSWORD);
    await page.getByLabel("Confirmez le mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Enregistrer et me connecter" }).click();
    await page.waitForURL(`${webUrl()}/agent`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Agenda");

    await goto(page, link);
    expect(await page.getByRole("heading", { level: 2 }).first().textContent()).toBe("Lien expiré ou déjà utilisé");
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe("« Arrivé » at the desk", () => {
  it("marks today's appointment arrived from the agenda, shows the time, and undoes it", async () => {
    const page = await signedIn("sophie.lefebvre@demo.rdv.local");
    await goto(page, "/agent?date=2026-12-01&vue=jour");
    // the list under the calendar (FullCalendar draws its grid with tables too)
    const row = page.locator("section[aria-labelledby='liste-rdv'] tbody tr", { hasText: "Petit Martine" });
    await expect.poll(() => row.count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole("button", { name: "Arrivé : Petit Martine à 14:00" }).click();
    await expect.poll(() => row.locator("td").last().textContent()).toMatch(/^Arrivé à \d{1,2} h \d\dAnnuler l’arrivée$/);
    await expect.poll(() => page.locator(".fc-event", { hasText: "Petit Martine" }).first().textContent()).toMatch(/Arrivé à \d{1,2} h \d\d/);
    expect(await seriousViolations(page)).toEqual([]);

    await goto(page, "/agent/rendez-vous/rdv-2026-003");
    expect(await page.locator("main").textContent()).toMatch(/Arrivé à \d{1,2} h \d\d/);
    expect(await page.locator("main").textContent()).toContain("Arrivée à l’accueil");

    await goto(page, "/agent?date=2026-12-01&vue=jour");
    await row.getByRole("button", { name: "Annuler l’arrivée de Petit Martine à 14:00" }).click();
    await expect.poll(() => row.locator("td").last().textContent()).toBe("Arrivé");
  });
});
