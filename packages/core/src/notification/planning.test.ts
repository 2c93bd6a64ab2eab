import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ManageToken from "../manage-token";
import { noSmsReason, plannedEmail, plannedMessage, plannedMessages, receiptKey, type MessageSubject } from "./planning";

const env = {
  RDV_STAGE_SETTINGS: JSON.stringify({
    department: { code: "62", name: "Pas-de-Calais", timezone: "Europe/Paris", whitMondayWorked: false },
    smsSenderName: "RDV62",
    reminderLeadHours: 48,
    quietHours: { start: "21:00", end: "08:00" },
    production: false,
  }),
  RDV_TOKEN_SECRET: "planning-test-secret-0123456789abcdef",
  PUBLIC_URL: "https://rdv.example.fr",
};
const saved: Record<string, string | undefined> = {};
beforeAll(() => {
  for (const [name, value] of Object.entries(env)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
});
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const NOW = new Date("2026-12-01T08:00:00Z");
const subject: MessageSubject = {
  appointment: { appointmentId: "a-1", startsAt: "2026-12-17T09:00:00.000Z", endsAt: "2026-12-17T09:30:00.000Z", timezone: "Europe/Paris" },
  participation: { participationId: "a-1.p-1", tokenVersion: 2 },
  motif: { notification: "normal", locationType: "on_site" },
  place: { name: "MDS d'Arras", phone: "+33321000000" },
  service: { name: "Protection maternelle et infantile", shortName: "PMI" },
  user: { phone: "+33612345678", phoneIsMobile: true, smsOptOut: false },
};
const link = () => `https://rdv.example.fr/rdv/${ManageToken.derive("a-1.p-1", 2)}`;

describe("planning a message", () => {
  it("builds the whole receipt: id, text with the participation's link, work queue, expiry two years after the appointment", () => {
    expect(plannedMessage("confirmation", subject, NOW)).toEqual({
      appointmentId: "a-1",
      receiptId: "a-1.p-1.confirmation",
      participationId: "a-1.p-1",
      kind: "confirmation",
      channel: "sms",
      to: "+33612345678",
      text: `[TEST] RDV PMI confirmé le jeudi 17 décembre à 10h00, MDS d'Arras. Pour annuler ou déplacer : ${link()}`,
      status: "pending",
      attempts: 0,
      workQueue: "work",
      workDueAt: "2026-12-01T08:00:00.000Z",
      expiresAt: Math.floor(Date.parse("2028-12-17T09:00:00.000Z") / 1000),
    });
  });

  it("reminders and reschedules exist once per start; other kinds once per participation", () => {
    const start = subject.appointment.startsAt;
    expect((["confirmation", "reminder", "reschedule", "cancellation", "revocation"] as const).map((kind) => receiptKey(kind, start))).toEqual([
      undefined, start, start, undefined, undefined,
    ]);
    expect(plannedMessage("reminder", subject, NOW)?.receiptId).toBe(`a-1.p-1.reminder.${start}`);
    expect(plannedMessage("cancellation", subject, NOW)?.receiptId).toBe("a-1.p-1.cancellation");
  });

  it("names the relative and uses the full service name without a short one; a discreet motif names no service", () => {
    const forRelative = { ...subject, participation: { ...subject.participation, relative: { firstName: "Léa" } }, service: { name: "PMI Arras" } };
    expect(plannedMessage("reminder", forRelative, NOW)?.text).toBe(`[TEST] Rappel : RDV PMI Arras pour Léa jeu. 17/12 à 10h00, MDS d'Arras. Annuler/déplacer : ${link()}`);
    const discreet = plannedMessage("reminder", { ...subject, motif: { notification: "discreet", locationType: "on_site" } }, NOW);
    expect(discreet?.text).toBe(`[TEST] Rappel : RDV le jeudi 17 décembre à 10h00, MDS d'Arras. Pour annuler ou déplacer : ${link()}`);
  });

  it("names the place by its short name where it has one", () => {
    const place = { name: "Maison départementale des solidarités de l'Arrageois, site d'Arras", shortName: "MDS Arras", phone: "+33321000000" };
    expect(plannedMessage("reminder", { ...subject, place }, NOW)?.text).toBe(
      `[TEST] Rappel : RDV PMI le jeudi 17 décembre à 10h00, MDS Arras. Pour annuler ou déplacer : ${link()}`,
    );
  });

  it("plans nothing for an usager who gets no SMS", () => {
    const none = [
      { ...subject, participation: { ...subject.participation, noSmsReason: "opted_out" as const } },
      { ...subject, user: null },
      { ...subject, user: { phoneIsMobile: true, smsOptOut: false } },
      { ...subject, user: { phone: "+33321000000", phoneIsMobile: false, smsOptOut: false } },
      { ...subject, user: { ...subject.user!, smsOptOut: true } },
      { ...subject, motif: { notification: "none" as const, locationType: "on_site" as const } },
    ];
    expect(none.map((s) => plannedMessage("reminder", s, NOW))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it("the reason an usager gets no SMS, the motif's first", () => {
    const user = { phone: "+33612345678", phoneIsMobile: true, smsOptOut: true };
    expect([
      noSmsReason({ notification: "none" }, user),
      noSmsReason({ notification: "normal" }, { ...user, phoneIsMobile: false }),
      noSmsReason({ notification: "normal" }, user),
      noSmsReason({ notification: "discreet" }, { ...user, smsOptOut: false }),
    ]).toEqual(["motif_not_notified", "no_mobile", "opted_out", undefined]);
  });

  describe("e-mails", () => {
    const withEmail: MessageSubject = { ...subject, user: { ...subject.user!, email: "chloe@example.fr", firstName: "Chloé" }, motif: { ...subject.motif, name: "Consultation nourrisson" } };

    it("an usager who gave an address gets the e-mail beside the SMS, with the .ics, its own receipt id", async () => {
      const planned = await plannedMessages("confirmation", withEmail, NOW);
      expect(planned.map((r) => [r.channel, r.receiptId, r.to])).toEqual([
        ["sms", "a-1.p-1.confirmation", "+33612345678"],
        ["email", "a-1.p-1.email.confirmation", "chloe@example.fr"],
      ]);
      const email = planned[1]!;
      expect(email.subject).toBe("[TEST] Rendez-vous confirmé le jeudi 17 décembre 2026 à 10h00");
      expect(email.text.split("\n\n")[0]).toBe("Bonjour Chloé,");
      expect(email.text).toContain(`Pour annuler ou déplacer ce rendez-vous : ${link()}`);
      expect(email.ics).toContain("UID:a-1@rdv");
      expect(email.ics).toContain("DTSTART:20261217T090000Z");
      expect(email.ics).toContain("Consultation nourrisson (Protection maternelle et infantile)");
      expect((await plannedEmail("reminder", withEmail, NOW))?.receiptId).toBe(`a-1.p-1.email.reminder.${subject.appointment.startsAt}`);
    });

    it("goes to an usager without a mobile or opted out of SMS; never for a motif that notifies nothing; a discreet motif's names no service", async () => {
      expect((await plannedMessages("reminder", { ...withEmail, user: { ...withEmail.user!, phone: undefined } }, NOW)).map((r) => r.channel)).toEqual(["email"]);
      expect((await plannedMessages("reminder", { ...withEmail, participation: { ...withEmail.participation, noSmsReason: "opted_out" } }, NOW)).map((r) => r.channel)).toEqual(["email"]);
      expect(await plannedEmail("reminder", { ...withEmail, motif: { notification: "none", locationType: "on_site" } }, NOW)).toBeUndefined();
      const discreet = (await plannedEmail("confirmation", { ...withEmail, motif: { ...withEmail.motif, notification: "discreet" } }, NOW))!;
      expect(discreet.text).not.toContain("Protection");
      expect(discreet.ics).not.toContain("Consultation");
    });

    it("a cancellation has no calendar file", async () => {
      expect((await plannedEmail("cancellation", withEmail, NOW))?.ics).toBeUndefined();
    });
  });
});
