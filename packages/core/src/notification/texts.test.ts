import { describe, expect, it } from "vitest";
import { isGsm7, segmentCount, toGsm7 } from "./gsm";
import { messageText, type MessageContext } from "./texts";

const base: MessageContext = {
  service: "PMI",
  startsAt: "2026-12-08T09:30:00+01:00",
  timezone: "Europe/Paris",
  placeName: "MDS d'Arras",
  locationType: "on_site",
  link: "https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
  siteUrl: "https://rdv.pasdecalais.fr",
  placePhone: "+33321000000",
  production: true,
};

describe("SMS texts", () => {
  it("reminder: service, short date, time, place, link — one segment", () => {
    const text = messageText("reminder", base);
    expect(text).toBe("Rappel : RDV PMI mar. 8/12 à 9h30, MDS d'Arras. Annuler/déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx");
    expect(segmentCount(text)).toBe(1);
  });

  it("confirmation, reschedule, cancellation and revocation", () => {
    expect(messageText("confirmation", base)).toBe(
      "RDV PMI confirmé le mardi 8 décembre à 9h30, MDS d'Arras. Un rappel vous sera envoyé. Pour annuler ou déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(messageText("reschedule", base)).toBe(
      "Votre RDV PMI est déplacé au mardi 8 décembre à 9h30, MDS d'Arras. Pour annuler ou déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(messageText("cancellation", base)).toBe("Votre RDV PMI du mardi 8 décembre à 9h30 est bien annulé. Pour reprendre RDV : https://rdv.pasdecalais.fr");
    expect(messageText("revocation", base)).toBe(
      "Le service a annulé votre RDV PMI du mardi 8 décembre à 9h30. Pour reprendre RDV : 03 21 00 00 00 ou https://rdv.pasdecalais.fr",
    );
  });

  it("a relative's name that breaks the person-name rule never reaches the text (it is left out)", () => {
    const phishing = "vous. ALERTE CAF: dossier suspendu, appelez le 0899234567 ou www.caf-aide.example";
    expect(messageText("reminder", { ...base, relativeFirstName: phishing })).toBe(messageText("reminder", base));
    expect(messageText("confirmation", { ...base, relativeFirstName: "Marie-Charlotte Alexandrine Eugénie" })).toContain(" pour Marie-Charlotte Alexandrine confirmé");
  });

  it("a relative's first name, a phone motif, a discreet motif, and [TEST] outside production", () => {
    expect(messageText("reminder", { ...base, relativeFirstName: "Léo" })).toBe(
      "Rappel : RDV PMI pour Léo mar. 8/12 à 9h30, MDS d'Arras. Annuler/déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(messageText("reminder", { ...base, locationType: "phone" })).toBe(
      "Rappel : RDV PMI mar. 8/12 à 9h30, nous vous appellerons. Annuler/déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(messageText("reminder", { ...base, service: null, production: false })).toBe(
      "[TEST] Rappel : RDV mar. 8/12 à 9h30, MDS d'Arras. Annuler/déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
  });

  it("cuts long names, never the link: the reminder stays one segment, the others two", () => {
    const long: MessageContext = {
      ...base,
      service: "Protection maternelle et infantile — consultations de puériculture",
      placeName: "Maison Départementale des Solidarités de Boulogne-sur-Mer, antenne du Portel",
      relativeFirstName: "Marie-Françoise-Bénédicte",
      production: false,
    };
    const reminder = messageText("reminder", long);
    expect(segmentCount(reminder)).toBe(1);
    expect(reminder.endsWith(base.link)).toBe(true);
    expect(reminder).toBe(
      "[TEST] Rappel : RDV Protection. pour Marie-Franco. mar. 8/12 à 9h30, Maison Dépar. Annuler/déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    for (const kind of ["confirmation", "reschedule", "cancellation", "revocation"] as const) {
      const text = messageText(kind, long);
      expect(segmentCount(text), kind).toBeLessThanOrEqual(2);
      expect(isGsm7(text), kind).toBe(true);
    }
  });

  it("uses GSM-7 only: accents outside it are transliterated", () => {
    expect(toGsm7("Rendez-vous à l’hôpital — fête, cœur, ça «ok»")).toBe("Rendez-vous à l'hopital - fete, coeur, ca \"ok\"");
    expect(isGsm7(messageText("confirmation", { ...base, placeName: "Maison de l’Enfance Côte d’Opale" }))).toBe(true);
    expect(messageText("reminder", { ...base, placeName: "Centre Pâquerette" })).toContain("Centre Paquerette");
  });

  it("counts segments as operators do", () => {
    expect(segmentCount("a".repeat(160))).toBe(1);
    expect(segmentCount("a".repeat(161))).toBe(2);
    expect(segmentCount("ê".repeat(70))).toBe(1); // UCS-2
    expect(segmentCount("ê".repeat(71))).toBe(2);
  });
});
