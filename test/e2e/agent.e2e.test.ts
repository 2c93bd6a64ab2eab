/**
 * The agent back office in Debian's Chromium, against the whole local stack (demo département,
 * clock pinned at 2026-12-01 08:00): sign-in, the week agenda, an appointment's page, booking for
 * a new usager, marking a past appointment no-show and the statistics that count it, merging two
 * records of one usager, and an axe scan of every agent page.
 *
 * The secretary of MDS Arras (Nathalie Lemaire) sees every service there. The demo's past
 * appointments (16 November, Arras PMI, seen; 18 November, Boulogne social, no-show) are already
 * marked, so the "to mark" list starts empty: the test books a past appointment itself (an agent
 * may, after a warning) and marks it.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, seriousViolations, webUrl } from "./support";

const PASSWORD = "rdv-demo-2026";
const SECRETARY = "nathalie.lemaire@demo.rdv.local";
const usager = { firstName: "Noé", lastName: "Vertbois", phone: "06 12 34 56 78", label: "Vertbois Noé" };
const motif = "Premier rendez-vous avec un travailleur social (45 min, sur place)";
const place = "Maison Départementale des Solidarités d'Arras";

let browser: Browser;
/** the secretary's signed-in session, shared by the tests in order */
let context: BrowserContext;
let page: Page;

async function goto(target: Page, path: string): Promise<void> {
  await target.goto(`${webUrl()}${path}`);
  await target.waitForLoadState("networkidle"); // the forms act once their scripts are in
}

async function signIn(target: Page, email: string): Promise<void> {
  await target.getByLabel("Adresse e-mail professionnelle").fill(email);
  await target.getByLabel("Mot de passe").fill(PASSWORD);
  await target.getByRole("button", { name: "Se connecter" }).click();
}

/** DSFR checkboxes hide their input under the label: clicking the label is what a user does. */
async function tick(scope: Page | ReturnType<Page["locator"]>, label: string): Promise<void> {
  await scope.locator("label", { hasText: label }).click();
}

/** The cells of the statistics row of a month and service. */
async function statsRow(month: string, service: string): Promise<string[]> {
  await goto(page, "/agent/statistiques?du=2026-11&au=2026-12");
  const row = page.locator("tbody tr", { hasText: month }).filter({ hasText: service });
  expect(await row.count()).toBe(1);
  return row.locator("th, td").allInnerTexts();
}

/**
 * Mois, Service, Rendez-vous, Honorés, Lapins, Taux de lapins, Excusés, Annulés par le service, annulés < 24 h, 1–7 jours,
 * > 7 jours avant, Créneaux libérés repris, SMS reçus, Appels, À venir ou à marquer, En ligne, Par un agent
 */
const column = { total: 2, seen: 3, noshow: 4, rate: 5, booked: 14, agent: 16 } as const;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

describe("agent back office", () => {
  it("sends visitors without a session to the sign-in page, then shows the week agenda with the demo appointments", async () => {
    await goto(page, "/agent");
    expect(page.url()).toContain("/agent/connexion?suite=%2Fagent");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Connexion à l’espace agent");

    await page.getByLabel("Adresse e-mail professionnelle").fill(SECRETARY);
    await page.getByLabel("Mot de passe").fill("pas-le-bon-mot-de-passe");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect.poll(() => page.locator("main").getByRole("alert").textContent()).toContain("Adresse e-mail ou mot de passe incorrect");

    await signIn(page, SECRETARY);
    await page.waitForURL(`${webUrl()}/agent`);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "rdv_session")).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax" });

    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Agenda");
    await page.locator(".fc-timegrid-event").first().waitFor();
    await expect.poll(() => page.getByRole("heading", { name: /^Semaine du/ }).textContent()).toBe("Semaine du lundi 30 novembre au dimanche 6 décembre 2026");
    const events = await page.locator(".fc-timegrid-event").allInnerTexts();
    expect(events.some((e) => e.includes("14:00") && e.includes("Petit Martine"))).toBe(true);
    expect(events.some((e) => e.includes("Moreau Inès"))).toBe(true);
    expect(events.some((e) => e.includes("Lecomte David"))).toBe(true);
    expect(await page.locator(".fc-bg-event.rdv-opening").count()).toBeGreaterThan(0);
    const list = await page.getByRole("table", { name: "Rendez-vous de la période" }).innerText();
    expect(list).toContain("Mardi 1 décembre à 14:00");
    expect(list).toContain("Sophie Lefebvre");

    // one agent only: Sophie Lefebvre's week holds one of the three
    await tick(page, "Sophie Lefebvre");
    await expect.poll(() => page.locator(".fc-timegrid-event").count()).toBe(1);
    await tick(page, "Sophie Lefebvre");
    await expect.poll(() => page.locator(".fc-timegrid-event").count()).toBe(3);

    // the day view, then back to the week
    await page.getByRole("button", { name: "Jour", exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { name: /décembre 2026$/ }).first().textContent()).toBe("Mardi 1 décembre 2026");
    await page.getByRole("button", { name: "Semaine", exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { name: /^Semaine du/ }).textContent()).toContain("30 novembre");
  });

  it("opens an appointment from the agenda: its usager, status, SMS and history, and its actions", async () => {
    await page.locator(".fc-timegrid-event", { hasText: "Petit Martine" }).click();
    await page.waitForURL("**/agent/rendez-vous/rdv-2026-003");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Rendez-vous — Premier rendez-vous avec un travailleur social");
    const main = (await page.locator("main").innerText()).replace(/\s+/g, " ");
    expect(main).toContain("Mardi 1 décembre 2026 à 14:00 – 14:45");
    expect(main).toContain("Martine Petit");
    expect(main).toContain("06 45 19 82 37");
    expect(main).toContain("Agents : Sophie Lefebvre");
    expect(main).toContain("SMS envoyés");
    expect(main).toContain("Historique des actions");
    expect(await page.getByRole("button", { name: "Déplacer" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Annuler le rendez-vous" }).count()).toBe(1);
    // statuses are for past appointments only
    expect(await page.getByRole("button", { name: "Lapin" }).count()).toBe(0);
    // the usager, on the phone, would take an earlier slot: on the waitlist from here
    await page.getByRole("button", { name: "Mettre sur liste d’attente" }).click();
    await expect.poll(() => page.locator("main").innerText()).toContain("L’usager est sur la liste d’attente : il recevra un SMS si un créneau plus tôt se libère.");
  });

  it("books for a new usager in under a minute; the appointment then shows in the agenda and its SMS in the outbox", async () => {
    const started = Date.now();
    await goto(page, "/agent/prendre-rdv");
    await page.getByRole("button", { name: "Créer un nouvel usager" }).click();
    const form = page.getByRole("form", { name: "Nouvel usager" });
    await form.getByLabel("Prénom").fill(usager.firstName);
    await form.getByLabel("Nom", { exact: true }).fill(usager.lastName);
    await form.getByLabel("Téléphone portable (facultatif)").fill(usager.phone);
    await form.getByRole("button", { name: "Créer l’usager" }).click();
    await page.getByText(`${usager.firstName} ${usager.lastName}`, { exact: true }).waitFor();

    await page.getByLabel("Motif", { exact: true }).selectOption({ label: motif });
    await page.getByLabel("Lieu", { exact: true }).selectOption({ label: place });
    await page.getByRole("button", { name: "Semaine suivante" }).click();
    await page.getByRole("button", { name: "Lundi 7 décembre à 13:30, avec Sophie Lefebvre" }).click();
    await page.getByRole("button", { name: "Réserver le rendez-vous" }).click();
    const confirmation = page.locator(".fr-alert--success");
    await expect.poll(() => confirmation.textContent(), { timeout: 15_000 }).toContain(`Rendez-vous pris pour ${usager.firstName} ${usager.lastName} le lundi 7 décembre 2026 à 13:30`);
    expect(Date.now() - started).toBeLessThan(60_000);
    // the slot is no longer offered
    await expect.poll(() => page.getByRole("button", { name: "Lundi 7 décembre à 13:30, avec Sophie Lefebvre" }).count()).toBe(0);

    await confirmation.getByRole("link", { name: "Voir dans l’agenda" }).click();
    await page.waitForURL("**/agent?date=2026-12-07");
    await page.locator(".fc-timegrid-event", { hasText: usager.label }).waitFor();
    const list = await page.getByRole("table", { name: "Rendez-vous de la période" }).innerText();
    expect(list).toContain(`Lundi 7 décembre à 13:30\t${usager.label}`);

    await goto(page, "/dev/outbox");
    const outbox = await page.getByRole("table").innerText();
    expect(outbox).toContain(usager.phone);
    expect(outbox).toContain("[TEST] ");
  });

  it("marks a past appointment no-show from the “to mark” list, and the statistics count it", async () => {
    await goto(page, "/agent/a-marquer");
    expect(await page.locator("main").innerText()).toContain("Tous les rendez-vous passés sont marqués");

    // an appointment that took place yesterday, recorded afterwards: outside the rules, after a warning
    await goto(page, "/agent/prendre-rdv");
    await page.getByRole("searchbox", { name: /Rechercher un usager/ }).fill("vertb");
    await page.getByRole("button", { name: "Rechercher", exact: true }).click();
    await page.getByRole("button", { name: `Choisir ${usager.firstName} ${usager.lastName}` }).click();
    await page.getByLabel("Motif", { exact: true }).selectOption({ label: motif });
    await page.getByLabel("Lieu", { exact: true }).selectOption({ label: place });
    await page.getByRole("button", { name: /^Autre horaire/ }).click();
    const other = page.getByRole("form", { name: "Autre horaire" });
    await other.getByLabel("Date").fill("2026-11-30");
    await other.getByLabel("Heure").fill("10:00");
    await tick(other, "Sophie Lefebvre");
    await other.getByRole("button", { name: "Choisir cet horaire" }).click();
    await page.getByRole("button", { name: "Réserver le rendez-vous" }).click();
    const warning = page.locator(".fr-alert--warning");
    await expect.poll(() => warning.textContent()).toContain("en dehors des plages d'ouverture");
    await page.getByRole("button", { name: "Réserver quand même" }).click();
    await expect.poll(() => page.locator(".fr-alert--success").textContent()).toContain("le lundi 30 novembre 2026 à 10:00");

    const before = await statsRow("Novembre 2026", "Service social");
    expect([before[column.total], before[column.seen], before[column.noshow], before[column.rate], before[column.booked], before[column.agent]]).toEqual(["1", "0", "0", "—", "1", "1"]);
    const pmiBefore = await statsRow("Novembre 2026", "Protection maternelle et infantile");

    await goto(page, "/agent/a-marquer");
    const row = page.locator("tbody tr", { hasText: usager.label });
    expect(await row.innerText()).toContain("Lundi 30 novembre 2026 à 10:00");
    await row.getByRole("button", { name: /^Lapin : Vertbois Noé/ }).click();
    await expect.poll(() => page.locator("main").getByRole("status").first().textContent()).toContain("Lapin (absence non excusée)");
    await goto(page, "/agent/a-marquer");
    expect(await page.locator("tbody tr", { hasText: usager.label }).count()).toBe(0);

    const after = await statsRow("Novembre 2026", "Service social");
    expect([after[column.total], after[column.seen], after[column.noshow], after[column.rate], after[column.booked]]).toEqual(["1", "0", "1", "100 %", "0"]);
    expect(await statsRow("Novembre 2026", "Protection maternelle et infantile")).toEqual(pmiBefore);
    // the charts are drawn too, and the exports are offered over the same months
    await page.locator("bar-chart").waitFor();
    await page.locator("line-chart").waitFor();
    const table = await page.request.get(`${webUrl()}${await page.getByRole("link", { name: /^Télécharger ce tableau au format CSV/ }).getAttribute("href")}`);
    expect(table.status()).toBe(200);
    expect(await table.text()).toMatch(/\n2026-11;Service social;1;0;1;100;0;0;0;0;0;/);
    const csv = await page.request.get(`${webUrl()}${await page.getByRole("link", { name: /^Télécharger au format CSV/ }).getAttribute("href")}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain("30/11/2026;10:00;10:45;Absence non excusée;Service social;Premier rendez-vous avec un travailleur social");
  });

  it("merges two records of the same usager from the search: one is left, with the contact details of both", async () => {
    const twin = { firstName: "Lina", lastName: "Doublet" };
    const create = async (fields: Record<string, string>) => {
      await goto(page, "/agent/prendre-rdv");
      await page.getByRole("button", { name: "Créer un nouvel usager" }).click();
      const form = page.getByRole("form", { name: "Nouvel usager" });
      await form.getByLabel("Prénom").fill(twin.firstName);
      await form.getByLabel("Nom", { exact: true }).fill(twin.lastName);
      for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
      await form.getByRole("button", { name: "Créer l’usager" }).click();
      await page.getByText(`${twin.firstName} ${twin.lastName}`, { exact: true }).waitFor();
    };
    await create({ "Téléphone portable (facultatif)": "06 98 76 54 32" });
    await create({ "Adresse e-mail (facultatif)": "lina.doublet@example.org" });

    await goto(page, "/agent/prendre-rdv");
    const search = async () => {
      await page.getByRole("searchbox", { name: /Rechercher un usager/ }).fill("doublet");
      await page.getByRole("button", { name: "Rechercher", exact: true }).click();
    };
    await search();
    await page.getByRole("heading", { name: "2 usagers trouvés" }).waitFor();
    await page.getByRole("button", { name: "Fusionner deux fiches en double" }).click();
    const form = page.getByRole("form", { name: "Fusionner deux fiches" });
    expect(await seriousViolations(page)).toEqual([]);

    // the same record twice is refused, with the field named
    const keep = form.getByRole("group", { name: "Fiche à garder" });
    const dup = form.getByRole("group", { name: /^Fiche en double/ });
    await keep.locator("label", { hasText: "06 98 76 54 32" }).click();
    await dup.locator("label", { hasText: "06 98 76 54 32" }).click();
    await form.getByRole("button", { name: "Fusionner les fiches" }).click();
    await expect.poll(() => form.locator(".fr-alert--error").textContent()).toContain("Fiches non fusionnées");
    expect(await dup.textContent()).toContain("Deux usagers différents sont attendus");

    await dup.locator("label", { hasText: "lina.doublet@example.org" }).click();
    await form.getByRole("button", { name: "Fusionner les fiches" }).click();
    await expect.poll(() => page.locator(".fr-alert--success").textContent()).toContain("est fusionnée dans celle de Lina Doublet");
    await search();
    await page.getByRole("heading", { name: "1 usager trouvé" }).waitFor();
    const row = await page.locator("main li", { hasText: "Choisir Lina Doublet" }).innerText();
    expect(row).toContain("06 98 76 54 32");
    expect(row).toContain("lina.doublet@example.org");
  });

  it("has no serious or critical accessibility violation on any agent page", async () => {
    const checked: { name: string; violations: string[] }[] = [];
    const scan = async (target: Page, name: string) => checked.push({ name, violations: await seriousViolations(target) });

    const anonymous = await browser.newContext({ locale: "fr-FR" });
    const visitor = await anonymous.newPage();
    await goto(visitor, "/agent/connexion");
    await scan(visitor, "sign-in");
    await signIn(visitor, "personne@demo.rdv.local");
    await visitor.locator("main").getByRole("alert").waitFor();
    await scan(visitor, "sign-in with an error");
    await goto(visitor, "/agent/invitation/un-lien-d-invitation-de-test-0123456789");
    await scan(visitor, "invitation");
    await anonymous.close();

    await goto(page, "/agent");
    await page.locator(".fc-timegrid-event").first().waitFor();
    await scan(page, "agenda (week)");
    await page.getByRole("button", { name: "Jour", exact: true }).click();
    await scan(page, "agenda (day)");
    await goto(page, "/agent/rendez-vous/rdv-2026-003");
    await scan(page, "appointment");
    await page.getByRole("button", { name: "Déplacer" }).click();
    await page.getByRole("heading", { name: /^Créneaux libres/ }).waitFor();
    await scan(page, "appointment, moving");
    await goto(page, "/agent/prendre-rdv");
    await scan(page, "booking");
    await page.getByLabel("Motif", { exact: true }).selectOption({ label: motif });
    await page.getByLabel("Lieu", { exact: true }).selectOption({ label: place });
    await page.getByRole("button", { name: /^Lundi|^Mardi|^Mercredi|^Jeudi|^Vendredi/ }).first().waitFor();
    await scan(page, "booking, slots");
    await goto(page, "/agent/a-marquer");
    await scan(page, "to mark");
    await goto(page, "/agent/statistiques");
    await page.locator("bar-chart").waitFor();
    await page.locator("line-chart").waitFor();
    await scan(page, "statistics");
    await goto(page, "/agent/a-appeler");
    await scan(page, "call list");
    await goto(page, "/agent/configuration");
    await scan(page, "configuration");
    await goto(page, "/dev/outbox");
    await scan(page, "outbox");

    const admin = await browser.newContext({ locale: "fr-FR" });
    const sophie = await admin.newPage();
    await goto(sophie, "/agent/connexion");
    await signIn(sophie, "sophie.lefebvre@demo.rdv.local");
    await sophie.waitForURL(`${webUrl()}/agent`);
    await goto(sophie, "/agent/configuration");
    await scan(sophie, "configuration (admin forms)");
    // a change made in the forms is in the organisation's journal, with its author
    const form = sophie.locator("#form-lieu");
    await form.getByLabel("Nom", { exact: true }).fill("Antenne e2e");
    await form.getByLabel("Adresse", { exact: true }).fill("4 rue du Test, 62000 Arras");
    await form.getByRole("button", { name: "Ajouter le lieu" }).click();
    await sophie.getByText("Lieu ajouté.").waitFor();
    await goto(sophie, "/agent/configuration/journal");
    const latest = sophie.locator("main tbody tr").first();
    await expect(latest.innerText()).resolves.toMatch(/Sophie Lefebvre\s+Lieu créé : Antenne e2e\s+nom : Antenne e2e\s*adresse : 4 rue du Test, 62000 Arras|Sophie Lefebvre\s+Lieu créé : Antenne e2e\s+adresse : 4 rue du Test, 62000 Arras\s*nom : Antenne e2e/);
    await scan(sophie, "configuration journal");
    // a motif's buffer is set in its form (agents only, so the usager pages of later tests are unchanged)
    await goto(sophie, "/agent/configuration");
    const motifForm = sophie.locator("#form-motif");
    await motifForm.getByLabel("Nom du motif", { exact: true }).fill("Motif e2e avec battement");
    await motifForm.getByLabel("Service", { exact: true }).selectOption({ index: 1 });
    await motifForm.getByLabel(/Battement après chaque rendez-vous/).fill("10");
    await motifForm.getByText("Les agents uniquement").click();
    await motifForm.getByRole("button", { name: "Ajouter le motif" }).click();
    await sophie.getByText("Motif ajouté.").waitFor();
    await goto(sophie, "/agent/configuration/journal");
    await expect(sophie.locator("main tbody tr").first().innerText()).resolves.toMatch(/Motif créé : Motif e2e avec battement[\s\S]*battement \(minutes\) : 10\b/);
    await admin.close();

    expect(checked.filter((c) => c.violations.length > 0)).toEqual([]);
    expect(checked).toHaveLength(16);
  });
});
