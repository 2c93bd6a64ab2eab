/**
 * Webhooks in Debian's Chromium, against the whole local stack: Karine Duhamel, admin of MDS
 * Lens-Liévin, opens « Webhooks » from the configuration, is refused a private address, subscribes
 * a receiver running in this test on 127.0.0.1 (the local stack allows it), copies the secret
 * shown once, books an appointment through the agent API and sees the signed delivery arrive and
 * in the log; resends it, rotates the secret, deletes the subscription. Lens-Liévin's RSA
 * orientation on Monday 7 December: no other browser test books there.
 */
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, seriousViolations, webUrl } from "./support";

const PASSWORD = "rdv-demo-2026";
const ADMIN = "karine.duhamel@demo.rdv.local";

let browser: Browser;
let context: BrowserContext;
let page: Page;
const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
    res.end("ok");
  });
});
let receiverUrl = "";
let secret = "";

async function goto(target: Page, path: string): Promise<void> {
  await target.goto(`${webUrl()}${path}`);
  await target.waitForLoadState("networkidle");
}

/** Ticks an event type as a user does: its label (DSFR's label covers the box itself). */
async function choose(type: string): Promise<void> {
  await page.locator("#form-webhook label[for]").filter({ hasText: type }).click();
  expect(await page.locator(`#form-webhook input[value="${type}"]`).isChecked()).toBe(true);
}

function signatureOf(key: string, request: { headers: IncomingHttpHeaders; body: string }): string {
  const bytes = Buffer.from(key.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", bytes).update(`${request.headers["webhook-id"] as string}.${request.headers["webhook-timestamp"] as string}.${request.body}`).digest("base64")}`;
}

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/rdv-hooks`;
  browser = await launchBrowser();
  context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
  page = await context.newPage();
  await goto(page, "/agent/connexion");
  await page.getByLabel("Adresse e-mail professionnelle").fill(ADMIN);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${webUrl()}/agent`);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe("webhooks", () => {
  it("are reached from the configuration; a private address is refused with the field named; accessible", async () => {
    await goto(page, "/agent/configuration");
    await page.getByRole("link", { name: "Webhooks" }).click();
    await page.waitForURL(`${webUrl()}/agent/webhooks`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Webhooks");
    expect(await page.getByText("Aucun abonnement pour l’instant.").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("Adresse qui reçoit les événements").fill("https://10.0.0.1/hooks");
    await choose("appointment.created");
    await page.getByRole("button", { name: "Créer l’abonnement" }).click();
    await expect.poll(() => page.locator("#form-webhook").innerText()).toContain("Cette adresse mène à un réseau privé ou local : elle est refusée");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("creates a subscription and shows its secret once; a booking is delivered signed and logged; resend, rotate, delete", async () => {
    await goto(page, "/agent/webhooks");
    await page.getByLabel("Adresse qui reçoit les événements").fill(receiverUrl);
    await choose("appointment.created");
    await choose("appointment.cancelled");
    await page.getByRole("button", { name: "Créer l’abonnement" }).click();
    await expect.poll(() => page.getByTestId("webhook-secret").count()).toBe(1);
    secret = (await page.getByTestId("webhook-secret").textContent()) ?? "";
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await expect.poll(() => page.getByRole("heading", { name: receiverUrl }).count()).toBe(1);
    expect(await page.locator("main").innerText()).toContain("Événements : Rendez-vous pris, Rendez-vous annulé.");
    // shown once: not after a reload
    await goto(page, "/agent/webhooks");
    expect(await page.getByTestId("webhook-secret").count()).toBe(0);

    const csrf = (await context.cookies()).find((c) => c.name === "rdv_csrf")!.value;
    const booked = await page.request.post(`${webUrl()}/v1/agent/appointments`, {
      headers: { "x-csrf-token": csrf, "idempotency-key": randomUUID() },
      data: { motifId: "lens-rsa-orientation", placeId: "lens-centre", startsAt: "2026-12-07T14:30:00+01:00", serviceUser: { firstName: "Hugo", lastName: "Webhook", phone: "06 12 12 12 12" } },
    });
    expect(booked.status(), await booked.text()).toBe(201);
    const appointmentId = ((await booked.json()) as { id: string }).id;
    await expect.poll(() => received.length).toBe(1);
    const [first] = received;
    expect(first!.headers["webhook-signature"]).toBe(signatureOf(secret, first!));
    expect(JSON.parse(first!.body)).toMatchObject({ type: "appointment.created", data: { id: appointmentId, status: "booked", organisationId: "mds-lens-lievin", motifId: "lens-rsa-orientation" } });

    await goto(page, "/agent/webhooks");
    const row = page.locator("tbody tr");
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/Rendez-vous pris\s+Reçu\s+1\s+HTTP 200/i); // the badge is in capitals
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole("button", { name: /^Renvoyer : Rendez-vous pris/ }).click();
    await expect.poll(() => received.length).toBe(2);
    expect(received[1]!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);

    await page.getByRole("button", { name: `Renouveler le secret : ${receiverUrl}` }).click();
    await page.getByRole("button", { name: `Confirmer le renouvellement du secret : ${receiverUrl}` }).click();
    await expect.poll(() => page.getByTestId("webhook-secret").count()).toBe(1);
    const rotated = (await page.getByTestId("webhook-secret").textContent()) ?? "";
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);

    await page.getByRole("button", { name: `Supprimer : ${receiverUrl}` }).click();
    await page.getByRole("button", { name: `Confirmer la suppression : ${receiverUrl}` }).click();
    await expect.poll(() => page.getByText("Aucun abonnement pour l’instant.").count()).toBe(1);
  });
});
