/** Shared helpers of the browser tests: Debian's Chromium through playwright-core, the demo data. */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const webUrl = () => inject("e2eWebUrl");
export const apiUrl = () => inject("e2eApiUrl");

/** The demo département (config/departments/demo.json) around the pinned clock, 2026-12-01 08:00. */
export const demo = {
  commune: { code: "62041", name: "Arras", label: "Arras (62000)" },
  motif: { id: "arras-pmi-consultation", name: "Consultation nourrisson" },
  place: { id: "arras-centre", name: "Maison Départementale des Solidarités d'Arras", phone: "03 21 51 42 10" },
};

export const slotsPath = (week?: string) =>
  `/rendez-vous/${demo.commune.code}/${demo.motif.id}/${demo.place.id}${week ? `?semaine=${week}` : ""}`;

function chromiumPath(): string {
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-quic",
      "--disable-sync",
    ],
  });
}

/** The accessible name of a slot button: the day is read before the time. */
export const slotName = (day: string, time: string) => `${day} à ${time}`;

/** Books through the public API, as another usager would, with its own Idempotency-Key. */
export async function bookThroughApi(startsAt: string, firstName = "Autre"): Promise<Response> {
  return fetch(`${apiUrl()}/v1/public/appointments`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
    body: JSON.stringify({
      motifId: demo.motif.id,
      placeId: demo.place.id,
      startsAt,
      serviceUser: { firstName, lastName: "Usager", phone: "06 11 22 33 44" },
    }),
  });
}

export async function freeSlots(from: string, to: string): Promise<{ startsAt: string; endsAt: string }[]> {
  const response = await fetch(`${apiUrl()}/v1/public/slots?motif=${demo.motif.id}&place=${demo.place.id}&from=${from}&to=${to}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { slots: { startsAt: string; endsAt: string }[] }).slots;
}

export async function fillIdentity(page: Page, identity: { firstName: string; lastName: string; phone: string }): Promise<void> {
  await page.getByLabel("Prénom", { exact: true }).fill(identity.firstName);
  await page.getByLabel("Nom", { exact: true }).fill(identity.lastName);
  await page.getByLabel("Téléphone portable").fill(identity.phone);
}

/** Serious and critical axe violations of the page, as readable lines (empty when none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}
