import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Appointment from "@rdv/core/appointment";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as Email from "@rdv/core/email";
import * as Limits from "@rdv/core/limits";
import * as Notification from "@rdv/core/notification";
import * as ReminderTrial from "@rdv/core/reminder-trial";
import { AppointmentDetailInfo } from "@rdv/core/schema";
import type { AgentContext } from "@rdv/core/session";
import * as Slot from "@rdv/core/slot";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import { startLocalApi } from "./http-server";

/**
 * Usagers' e-mails and the reminder wording trial, through the local HTTP API on DynamoDB
 * Local: a booking with an e-mail puts exactly one confirmation e-mail, with the .ics attached,
 * in the outbox beside the SMS; the e-mail never stands in the SMS's way; a reminder goes in the
 * trial's text and counts for it, and an agent's marking moves the text's counters.
 */
const p = `m${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const NOW = new Date("2026-12-01T08:00:00Z");
const TRIAL = {
  id: "rappel-test",
  texts: [
    { id: "a", text: "Rappel : {rdv} le {date}, {lieu}. Pour annuler ou déplacer : {lien}" },
    { id: "b", text: "{rdv} {date_courte}, {lieu}. Un imprévu ? {lien}" },
  ],
};
let api: Awaited<ReturnType<typeof startLocalApi>>;
let free: string[] = [];
let used = 0;
const nextSlot = () => free[used++]!;
let phones = 0;
const newPhone = () => `07${String(82_000_000 + ++phones).padStart(8, "0")}`;
const settingsBefore = process.env.RDV_STAGE_SETTINGS;

beforeAll(async () => {
  process.env.RDV_STAGE_SETTINGS = JSON.stringify({ ...JSON.parse(settingsBefore!), reminderTrial: TRIAL });
  Clock.startAt(NOW);
  await DepartmentFile.load(smallDepartment(p));
  free = (await Slot.list({ motif: id("consult"), place: id("place-arras"), from: "2026-12-07", to: "2027-01-29" }, NOW)).map((s) => s.startsAt);
  api = await startLocalApi({ port: 0 });
});
afterAll(async () => {
  await api?.close();
  Email.use(undefined);
  process.env.RDV_STAGE_SETTINGS = settingsBefore;
});

async function http(method: string, path: string, body?: unknown) {
  const response = await fetch(api.url + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json", "idempotency-key": randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function book(startsAt: string, serviceUser: Record<string, string>) {
  return http("POST", "/v1/public/appointments", { motifId: id("consult"), placeId: id("place-arras"), startsAt, serviceUser: { firstName: "Chloé", lastName: "Courriel", ...serviceUser } });
}

interface OutboxMessage {
  channel: "sms" | "email";
  to: string;
  subject?: string;
  text: string;
  html?: string;
  attachments?: Array<{ filename: string; contentType: string; content: string }>;
  appointmentId?: string;
}
const outbox = async (appointmentId: string) =>
  ((await http("GET", "/v1/dev/outbox?limit=500")).body.messages as OutboxMessage[]).filter((m) => m.appointmentId === appointmentId).reverse();

describe("e-mails for usagers", () => {
  it("a booking with an e-mail puts exactly one confirmation e-mail, with the .ics attached, beside the SMS", async () => {
    const phone = newPhone();
    const booked = await book(nextSlot(), { phone, email: "Chloe.Courriel@Example.fr" });
    expect(booked.status).toBe(201);
    const { id: appointmentId, manageToken, startsAt } = booked.body as { id: string; manageToken: string; startsAt: string };
    await Notification.reconcile(new Date(NOW.getTime() + 60_000)); // a retry pass sends nothing twice
    const messages = await outbox(appointmentId);
    expect(messages.map((m) => [m.channel, m.to])).toEqual([
      ["sms", `+33${phone.slice(1)}`],
      ["email", "chloe.courriel@example.fr"],
    ]);
    const email = messages[1]!;
    const when = new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" }).format(new Date(startsAt));
    expect(email.subject).toBe(`[TEST] Rendez-vous confirmé le ${when} à ${startsAt.slice(11, 13).replace(/^0/, "")}h${startsAt.slice(14, 16)}`);
    expect(email.text).toContain(`Pour annuler ou déplacer ce rendez-vous : https://rdv.example.fr/rdv/${manageToken}`);
    expect(email.text).toContain("Lieu : MDS d'Arras, 1 rue de la Paix, 62000 Arras");
    expect(email.html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(email.attachments).toHaveLength(1);
    const [ics] = email.attachments!;
    expect([ics!.filename, ics!.contentType]).toEqual(["rendez-vous.ics", "text/calendar; charset=utf-8"]);
    expect(ics!.content).toContain(`UID:${appointmentId}@rdv`);
    expect(ics!.content).toContain(`DTSTART:${new Date(startsAt).toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`);
    expect(ics!.content).toContain("STATUS:CONFIRMED");
  });

  it("a cancellation sends its e-mail too (no calendar file), once", async () => {
    const booked = await book(nextSlot(), { phone: newPhone(), email: "annule@example.fr" });
    const { id: appointmentId, manageToken } = booked.body as { id: string; manageToken: string };
    expect((await http("POST", `/v1/public/appointments/${manageToken}/cancel`)).status).toBe(200);
    expect((await http("POST", `/v1/public/appointments/${manageToken}/cancel`)).status).toBe(200);
    const emails = (await outbox(appointmentId)).filter((m) => m.channel === "email");
    expect(emails.map((m) => m.attachments?.length ?? 0)).toEqual([1, 0]);
    expect(emails[0]!.subject).toMatch(/^\[TEST\] Rendez-vous confirmé le /);
    expect(emails[1]!.subject).toMatch(/^\[TEST\] Rendez-vous du \S+ \d+ \S+ annulé$/);
    expect(emails[1]!.text).toContain("est bien annulé.");
  });

  it("a reschedule sends its e-mail with the moved event", async () => {
    const booked = await book(nextSlot(), { phone: newPhone(), email: "deplace@example.fr" });
    const { id: appointmentId, manageToken } = booked.body as { id: string; manageToken: string };
    const target = nextSlot();
    expect((await http("POST", `/v1/public/appointments/${manageToken}/reschedule`, { startsAt: target })).status).toBe(200);
    const emails = (await outbox(appointmentId)).filter((m) => m.channel === "email");
    expect(emails).toHaveLength(2);
    expect(emails[1]!.subject).toMatch(/^\[TEST\] Rendez-vous déplacé au /);
    expect(emails[1]!.attachments![0]!.content).toContain(`DTSTART:${new Date(target).toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`);
  });

  it("an address over its daily allowance gets no more e-mails that day; the booking and its SMS go ahead", async () => {
    for (let i = 0; i < 5; i++) expect(await Limits.takeEmail("plein@example.fr", NOW)).toBe(true);
    const booked = await book(nextSlot(), { phone: newPhone(), email: "plein@example.fr" });
    expect(booked.status).toBe(201);
    const appointmentId = (booked.body as { id: string }).id;
    expect((await outbox(appointmentId)).map((m) => m.channel)).toEqual(["sms"]);
    expect((await Notification.listReceipts(appointmentId)).map((r) => [r.channel, r.status, r.lastError])).toEqual([
      ["sms", "delivered", undefined],
      ["email", "failed", "limit.email_per_address"],
    ]);
  });

  it("an e-mail provider that fails leaves the booking and its SMS alone", async () => {
    Email.use({ send: async () => Promise.reject(Object.assign(new Error("refused"), { name: "MessageRejected" })) });
    try {
      const booked = await book(nextSlot(), { phone: newPhone(), email: "refuse@example.fr" });
      expect(booked.status).toBe(201);
      const appointmentId = (booked.body as { id: string }).id;
      expect((await outbox(appointmentId)).map((m) => m.channel)).toEqual(["sms"]);
      const receipts = await Notification.listReceipts(appointmentId);
      expect(receipts.map((r) => [r.channel, r.kind, r.status, r.lastError])).toEqual([
        ["sms", "confirmation", "delivered", undefined],
        ["email", "confirmation", "failed", "MessageRejected"],
      ]);
    } finally {
      Email.use(undefined);
    }
  });

  it("a bad e-mail address is a 400 naming the field, nothing booked", async () => {
    const refused = await book(nextSlot(), { phone: newPhone(), email: "pas une adresse" });
    expect(refused).toEqual({
      status: 400,
      body: { error: { code: "request.invalid", message: "Certaines informations sont invalides.", fields: { "serviceUser.email": "adresse e-mail invalide" } } },
    });
  });
});

describe("the reminder wording trial", () => {
  const alice: AgentContext = {
    agentId: id("alice"), firstName: "Alice", lastName: "Martin", email: "alice@example.fr", organisationId: id("mds-arras"),
    memberships: [{ organisationId: id("mds-arras"), role: "admin", serviceIds: [id("pmi")] }], csrfToken: "x",
  };

  it("the reminder goes in the participation's text, with the e-mail beside it; it counts for that text once; marking moves its counters", async () => {
    const startsAt = nextSlot();
    const booked = await book(startsAt, { phone: newPhone(), email: "rappel@example.fr" });
    const { id: appointmentId, manageToken } = booked.body as { id: string; manageToken: string };
    const detail = await Appointment.detail(appointmentId, alice);
    const participationId = (detail as unknown as { participants: Array<{ participationId: string }> }).participants[0]!.participationId;
    const variant = ReminderTrial.variantFor(TRIAL, participationId)!;
    const at = (await import("@rdv/core/notification")).reminderAt(new Date(startsAt).toISOString(), "Europe/Paris", {}, NOW)!;
    const payload = { appointmentId, at: at.toISOString() };
    expect(await Notification.fireReminder(payload, at)).toEqual({ sent: 1, skipped: 0 });
    expect(await Notification.fireReminder(payload, at)).toEqual({ sent: 0, skipped: 1 }); // a duplicate delivery
    const reminders = (await outbox(appointmentId)).filter((m) => m.subject?.startsWith("[TEST] Rappel") || m.text.includes("Rappel") || m.text.includes("imprévu"));
    const sms = reminders.filter((m) => m.channel === "sms");
    expect(sms).toHaveLength(1);
    expect(sms[0]!.text).toBe(
      Notification.messageText(
        "reminder",
        { service: "PMI", startsAt: new Date(startsAt).toISOString(), timezone: "Europe/Paris", placeName: "MDS d'Arras", locationType: "on_site", link: `https://rdv.example.fr/rdv/${manageToken}`, siteUrl: "https://rdv.example.fr", production: false },
        variant.text,
      ),
    );
    expect(reminders.filter((m) => m.channel === "email").map((m) => m.attachments?.[0]?.filename)).toEqual(["rendez-vous.ics"]);
    // agents see the e-mails among the appointment's messages, in the shape the site reads
    const seen = JSON.parse(JSON.stringify(await Appointment.detail(appointmentId, alice))) as { receipts: Array<{ channel: string; kind: string }> };
    expect(AppointmentDetailInfo.parse(seen)).toStrictEqual(seen);
    expect(seen.receipts.map((r) => [r.channel, r.kind])).toEqual([
      ["sms", "confirmation"],
      ["email", "confirmation"],
      ["sms", "reminder"],
      ["email", "reminder"],
    ]);

    const figures = async () => (await ReminderTrial.forOrganisation({ organisationId: id("mds-arras") }, alice)).texts.map((t) => [t.id, t.appointments, t.booked, t.noshow]);
    const expected = (booked: number, noshow: number) => TRIAL.texts.map((t) => [t.id, t.id === variant.textId ? 1 : 0, t.id === variant.textId ? booked : 0, t.id === variant.textId ? noshow : 0]);
    expect(await figures()).toEqual(expected(1, 0));

    Clock.startAt(new Date(Date.parse(startsAt) + 3 * 3600_000));
    await Appointment.setStatus(appointmentId, { status: "noshow" }, alice, Clock.now());
    expect(await figures()).toEqual(expected(0, 1));
    Clock.startAt(NOW);
  });
});
