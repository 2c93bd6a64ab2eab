import { SegmentedMessage } from "sms-segments-calculator";
import { describe, expect, it } from "vitest";
import { isGsm7, segmentCount, toGsm7 } from "./gsm";
import { MAX_SEGMENTS, messageText, type MessageContext, type MessageKind } from "./texts";

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
const KINDS: MessageKind[] = ["confirmation", "reschedule", "cancellation", "revocation", "reminder"];
/** the longest date and time of a year: "mercredi 29 septembre à 10h45" */
const LONGEST_DATE = "2027-09-29T10:45:00+02:00";

describe("SMS texts", () => {
  it("take the most explicit wording that fits one segment", () => {
    expect(messageText("confirmation", base)).toBe(
      "RDV PMI confirmé le mardi 8 décembre à 9h30, MDS d'Arras. Pour annuler ou déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(messageText("reschedule", base)).toBe(
      "Votre RDV PMI est déplacé au mardi 8 décembre à 9h30, MDS d'Arras. Pour annuler ou déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(messageText("cancellation", base)).toBe("Votre RDV PMI du mardi 8 décembre à 9h30 est bien annulé. Pour reprendre RDV : https://rdv.pasdecalais.fr");
    expect(messageText("revocation", base)).toBe(
      "Le service a annulé votre RDV PMI du mardi 8 décembre à 9h30. Pour reprendre RDV : 03 21 00 00 00 ou https://rdv.pasdecalais.fr",
    );
    expect(messageText("reminder", base)).toBe(
      "Rappel : RDV PMI le mardi 8 décembre à 9h30, MDS d'Arras. Pour annuler ou déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    // a shorter link leaves room for the sentence about the reminder
    expect(messageText("confirmation", { ...base, link: "https://rdv.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx" })).toBe(
      "RDV PMI confirmé le mardi 8 décembre à 9h30, MDS d'Arras. Un rappel vous sera envoyé. Pour annuler ou déplacer : https://rdv.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
  });

  it("fit one segment for long but realistic names, at the longest date of the year, with a production link", () => {
    const cases: MessageContext[] = [
      { ...base, service: "Service social", placeName: "MDS Saint-Martin-lez-Tatinghem", startsAt: LONGEST_DATE },
      { ...base, relativeFirstName: "Marie-Charlotte", placeName: "MDS Bruay-la-Buissière", startsAt: LONGEST_DATE },
      { ...base, service: null, placeName: "MDS Saint-Martin-lez-Tatinghem", startsAt: LONGEST_DATE },
      { ...base, service: "Service social", locationType: "phone", startsAt: LONGEST_DATE },
      { ...base, locationType: "phone", relativeFirstName: "Jean-Baptiste", startsAt: LONGEST_DATE },
      { ...base, locationType: "video", startsAt: LONGEST_DATE },
    ];
    for (const ctx of cases) {
      for (const kind of KINDS) {
        const text = messageText(kind, ctx);
        expect(segmentCount(text), `${kind}: ${text}`).toBe(1);
        expect(isGsm7(text)).toBe(true);
      }
    }
    expect(messageText("confirmation", cases[1]!)).toBe(
      "RDV PMI pour Marie-Charlotte confirmé le mer. 29/09 à 10h45, MDS Bruay-la-Buissière. Annuler/déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(messageText("reschedule", cases[0]!)).toBe(
      "RDV Service social déplacé au mer. 29/09 à 10h45, MDS Saint-Martin-lez-Tatinghem. Annuler/déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(messageText("reminder", cases[0]!)).toBe(
      "Rappel : RDV Service social mer. 29/09 à 10h45, MDS Saint-Martin-lez-Tatinghem. Annuler/déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
  });

  it("when one segment cannot hold the names: two segments with the names in full, the reminder one with names cut", () => {
    const ctx: MessageContext = { ...base, service: "Service social", relativeFirstName: "Marie-Charlotte", placeName: "MDS Saint-Martin-lez-Tatinghem", startsAt: LONGEST_DATE };
    expect(messageText("confirmation", ctx)).toBe(
      "RDV Service social pour Marie-Charlotte confirmé le mercredi 29 septembre à 10h45, MDS Saint-Martin-lez-Tatinghem. Un rappel vous sera envoyé. Pour annuler ou déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(segmentCount(messageText("confirmation", ctx))).toBe(2);
    expect(messageText("revocation", ctx)).toBe(
      "Le service a annulé votre RDV Service social pour Marie-Charlotte du mer. 29/09 à 10h45. Reprendre RDV : 03 21 00 00 00 ou https://rdv.pasdecalais.fr",
    );
    expect(messageText("reminder", ctx)).toBe(
      "Rappel : RDV Service social pour Marie-Charlotte mer. 29/09 à 10h45, MDS Saint-Mart. Annuler/déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
  });

  it("a relative's name that breaks the person-name rule never reaches the text (it is left out)", () => {
    const phishing = "vous. ALERTE CAF: dossier suspendu, appelez le 0899234567 ou www.caf-aide.example";
    expect(messageText("reminder", { ...base, relativeFirstName: phishing })).toBe(messageText("reminder", base));
    expect(messageText("confirmation", { ...base, relativeFirstName: "Marie-Charlotte Alexandrine Eugénie" })).toContain(" pour Marie-Charlotte Alexandrine confirmé");
  });

  it("a relative's first name, a phone motif, a discreet motif, and [TEST] outside production", () => {
    expect(messageText("reminder", { ...base, relativeFirstName: "Léo" })).toBe(
      "Rappel : RDV PMI pour Léo le mardi 8 décembre à 9h30, MDS d'Arras. Pour annuler ou déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(messageText("reminder", { ...base, locationType: "phone" })).toBe(
      "Rappel : RDV PMI le mardi 8 décembre à 9h30, nous vous appellerons. Pour annuler ou déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(messageText("reminder", { ...base, service: null, production: false })).toBe(
      "[TEST] Rappel : RDV le mardi 8 décembre à 9h30, MDS d'Arras. Pour annuler ou déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
  });

  it("cuts unrealistic names, never the link, the date or the time: the reminder stays one segment, the others two", () => {
    const long: MessageContext = {
      ...base,
      service: "Protection maternelle et infantile — consultations de puériculture",
      placeName: "Maison Départementale des Solidarités de Boulogne-sur-Mer, antenne du Portel",
      relativeFirstName: "Marie-Françoise-Bénédicte",
      production: false,
    };
    const reminder = messageText("reminder", long);
    expect(segmentCount(reminder)).toBe(1);
    expect(reminder).toBe(
      "[TEST] Rappel : RDV Protection. pour Marie-Franco. mar. 8/12 à 9h30, Maison Dépar. Annuler/déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    const longer = { ...long, service: `${long.service} ${long.service}`.slice(0, 100), placeName: `${long.placeName} ${long.placeName}`.slice(0, 150) };
    for (const ctx of [long, longer]) {
      for (const kind of KINDS) {
        const text = messageText(kind, ctx);
        expect(segmentCount(text), kind).toBeLessThanOrEqual(MAX_SEGMENTS[kind]);
        expect(isGsm7(text), kind).toBe(true);
        expect(text, kind).toMatch(/ à 9h30[,. ]/);
        expect(text.endsWith(kind === "cancellation" || kind === "revocation" ? base.siteUrl : base.link), kind).toBe(true);
      }
    }
  });

  it("uses GSM-7 only: accents outside it are transliterated", () => {
    expect(toGsm7("Rendez-vous à l’hôpital — fête, cœur, ça «ok»")).toBe("Rendez-vous à l'hopital - fete, coeur, ca \"ok\"");
    expect(isGsm7(messageText("confirmation", { ...base, placeName: "Maison de l’Enfance Côte d’Opale" }))).toBe(true);
    expect(messageText("reminder", { ...base, placeName: "Centre Pâquerette" })).toContain("Centre Paquerette");
    // ç is not in GSM 03.38 (its 0x09 is Ç): it would make the whole SMS UCS-2
    expect(toGsm7("Françoise, ÇA")).toBe("Francoise, ÇA");
  });

  it("counts segments as operators do", () => {
    expect(segmentCount("a".repeat(160))).toBe(1);
    expect(segmentCount("a".repeat(161))).toBe(2);
    expect(segmentCount(`${"a".repeat(159)}€`)).toBe(2); // an extension character takes two septets
    expect(segmentCount("a".repeat(306))).toBe(2);
    expect(segmentCount("a".repeat(307))).toBe(3);
    expect(segmentCount("ê".repeat(70))).toBe(1); // UCS-2
    expect(segmentCount("ê".repeat(71))).toBe(2);
    expect(segmentCount(`${"a".repeat(69)}ç`)).toBe(1);
    expect(segmentCount(`${"a".repeat(70)}ç`)).toBe(2);
  });

  it("agrees with the calculator on the alphabet (segment counts are remembered by shape on that basis)", () => {
    const disagreements: string[] = [];
    for (let code = 0x20; code < 0x3ff; code++) {
      const char = String.fromCharCode(code);
      const message = new SegmentedMessage(char);
      const gsm = message.encodingName === "GSM-7";
      if (gsm !== isGsm7(char)) disagreements.push(`${char} (U+${code.toString(16)}): calculator ${message.encodingName}`);
      if (gsm && isGsm7(`${char}`) && message.numberOfCharacters !== ("^{}\\[~]|".includes(char) ? 2 : 1)) disagreements.push(`${char}: ${message.numberOfCharacters} septets`);
    }
    expect(new SegmentedMessage("€").numberOfCharacters).toBe(2);
    expect(isGsm7("€")).toBe(true);
    expect(disagreements).toEqual([]);
  });
});

describe("offer of freed time (waitlist)", () => {
  const offer = { ...base, link: "https://rdv.pasdecalais.fr/creneau-libere/AbCdEfGhIjKlMnOpQrStUvWx" };
  it("fits one segment, names no motif and nobody, and the link opens the offer", () => {
    expect(messageText("offer", offer)).toBe(
      "Un créneau s'est libéré : RDV PMI le mardi 8 décembre à 9h30, MDS d'Arras. Pour le prendre : https://rdv.pasdecalais.fr/creneau-libere/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(messageText("offer", { ...offer, service: null, production: false, locationType: "phone" })).toBe(
      "[TEST] Créneau libéré : RDV mar. 8/12 à 9h30, nous vous appellerons. Le prendre : https://rdv.pasdecalais.fr/creneau-libere/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    const long = messageText("offer", { ...offer, startsAt: LONGEST_DATE, placeName: "Maison départementale des solidarités de Saint-Omer", service: "Protection maternelle" });
    expect(segmentCount(long)).toBe(1);
    expect(long).toBe("Créneau libéré : RDV Protection materne. mer. 29/09 à 10h45, Maison département. Le prendre : https://rdv.pasdecalais.fr/creneau-libere/AbCdEfGhIjKlMnOpQrStUvWx");
  });
});

describe("SMS texts of video motifs", () => {
  const video: MessageContext = { ...base, locationType: "video", placePhone: undefined };
  it("carry the meeting link when the text still fits one segment", () => {
    const ctx = { ...video, videoUrl: "https://visio.fr/k3x9" };
    expect(messageText("confirmation", ctx)).toBe("RDV PMI confirmé le mar. 8/12 à 9h30, en visio : https://visio.fr/k3x9. Annuler/déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx");
    expect(messageText("reschedule", ctx)).toBe(
      "RDV PMI déplacé au mardi 8 décembre à 9h30, en visio : https://visio.fr/k3x9. Pour annuler ou déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(messageText("reminder", ctx)).toBe("Rappel : RDV PMI mar. 8/12 à 9h30, en visio : https://visio.fr/k3x9. Annuler/déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx");
  });

  it("point to the manage page, which shows the link, when it would take a second segment", () => {
    const ctx = { ...video, videoUrl: "https://webconf.numerique.gouv.fr/pmi-arras-consultation-1234" };
    for (const kind of ["confirmation", "reminder", "reschedule"] as const) {
      const text = messageText(kind, ctx);
      expect(text).not.toContain("webconf");
      expect(text).toContain("en visio (lien sur la page du RDV)");
      expect(text).toContain(base.link);
      expect(segmentCount(text)).toBe(1);
    }
    expect(messageText("confirmation", ctx)).toBe("RDV PMI confirmé le mar. 8/12 à 9h30, en visio (lien sur la page du RDV). Annuler/déplacer : https://rdv.pasdecalais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx");
  });

  it("carry it in two segments when the text takes two anyway; the reminder stays one, pointing to the manage page", () => {
    const ctx = { ...video, service: "Service social", startsAt: "2027-06-14T10:00:00+02:00", production: false, link: "http://localhost:41395/rdv/-g1duc59i3CEYSGGA9zolVEk", videoUrl: "https://visio.fr/lens-e2e" };
    expect(messageText("confirmation", ctx)).toBe(
      "[TEST] RDV Service social confirmé le lundi 14 juin à 10h00, en visio : https://visio.fr/lens-e2e. Un rappel vous sera envoyé. Pour annuler ou déplacer : http://localhost:41395/rdv/-g1duc59i3CEYSGGA9zolVEk",
    );
    expect(messageText("reminder", ctx)).toBe("[TEST] Rappel : RDV Service so. lun. 14/06 à 10h00, en visio (lien sur la page du RDV). Annuler/déplacer : http://localhost:41395/rdv/-g1duc59i3CEYSGGA9zolVEk");
  });

  it("without a link the service sends it, as before", () => {
    expect(messageText("confirmation", video)).toContain("en visio (lien envoyé par le service)");
  });
});
