import { describe, expect, it } from "vitest";
import { messageText, segmentCount, type MessageContext } from "../notification";
import { textIndex, variantFor, variantOf } from "./assign";
import { checkTrialTexts } from "./check";
import { overlap, wilson } from "./wilson";
import { verdict } from "./index";

describe("the Wilson score interval", () => {
  // Newcombe (1998), Statistics in Medicine 17:857–872, table I, method 3 (Wilson score, no continuity correction)
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i / %i → [%f, %f]", (k, n, low, high) => {
    const interval = wilson(k, n)!;
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it("is symmetric, stays within [0, 1], and is null without appointments", () => {
    expect(wilson(5, 10)).toEqual({ low: 0.236593090512564, high: 0.7634069094874361 });
    expect(wilson(10, 10)!.high).toBeCloseTo(1, 12);
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(3, 2)).toThrow(RangeError);
  });

  it("overlap", () => {
    expect(overlap({ low: 0.1, high: 0.2 }, { low: 0.2, high: 0.3 })).toBe(true);
    expect(overlap({ low: 0.1, high: 0.19 }, { low: 0.2, high: 0.3 })).toBe(false);
  });
});

describe("which text a participation gets", () => {
  it("is the same every time, and stable across releases (these values must never change)", () => {
    const ids = ["a1.p1", "a1.p2", "a2.p1", "7f1c2d3e-0000-4000-8000-000000000001"];
    expect(ids.map((id) => [textIndex("rappel-2027", id, 2), textIndex("rappel-2027", id, 3), textIndex("autre-essai", id, 3)])).toEqual([
      [1, 2, 1],
      [0, 1, 1],
      [0, 1, 0],
      [1, 0, 1],
    ]);
    expect(ids.map((id) => textIndex("rappel-2027", id, 3))).toEqual(ids.map((id) => textIndex("rappel-2027", id, 3)));
  });

  it("splits participations evenly (30,000 ids: each share within 1.5 points of a third, of a half)", () => {
    for (const texts of [2, 3]) {
      const counts = new Array<number>(texts).fill(0);
      for (let i = 0; i < 30_000; i++) counts[textIndex("rappel-2027", `p-${i}`, texts)]!++;
      for (const count of counts) expect(Math.abs(count / 30_000 - 1 / texts)).toBeLessThan(0.015);
    }
  });

  const trial = { id: "rappel-2027", texts: [{ id: "a", text: "A {rdv} {date} {lieu} {lien}" }, { id: "b", text: "B {rdv} {date} {lieu} {lien}" }] };

  it("keeps the text recorded on the participation for the running trial, else takes the hash's", () => {
    expect(variantFor(trial, "a1.p1")?.key).toBe("rappel-2027/b");
    expect(variantOf(trial, { participationId: "a1.p1", reminderVariant: "rappel-2027/a" })?.key).toBe("rappel-2027/a");
    expect(variantOf(trial, { participationId: "a1.p1", reminderVariant: "ancien-essai/a" })?.key).toBe("rappel-2027/b");
    expect(variantOf(undefined, { participationId: "a1.p1", reminderVariant: "rappel-2027/a" })).toBeUndefined();
  });
});

describe("a reminder in a trial's wording", () => {
  const ctx: MessageContext = {
    service: "PMI",
    startsAt: "2026-12-08T08:30:00.000Z",
    timezone: "Europe/Paris",
    placeName: "MDS Arras",
    locationType: "on_site",
    relativeFirstName: "Léo",
    link: "https://rdv.pas-de-calais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    siteUrl: "https://rdv.pas-de-calais.fr",
    production: true,
  };

  it("is the text with its placeholders filled, exactly", () => {
    expect(messageText("reminder", ctx, "N'oubliez pas : {rdv} {date_courte}, {lieu}. Vous ne pouvez pas venir ? {lien}")).toBe(
      "N'oubliez pas : RDV PMI pour Léo mar. 8/12 à 9h30, MDS Arras. Vous ne pouvez pas venir ? https://rdv.pas-de-calais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(messageText("reminder", { ...ctx, production: false, relativeFirstName: undefined, service: null }, "Rappel : {rdv} le {date}, {lieu}. {lien}")).toBe(
      "[TEST] Rappel : RDV le mardi 8 décembre à 9h30, MDS Arras. https://rdv.pas-de-calais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
    );
  });

  it("cuts a place name longer than the check allowed, and stays one segment", () => {
    const text = messageText("reminder", { ...ctx, placeName: "Maison départementale des solidarités de l'Arrageois" }, "Rappel : {rdv} le {date}, {lieu}. Pour annuler ou déplacer : {lien}");
    expect(text).toBe("Rappel : RDV PMI pour Léo le mardi 8 décembre à 9h30, Maison départementa. Pour annuler ou déplacer : https://rdv.pas-de-calais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx");
    expect(segmentCount(text)).toBe(1);
  });

  it("gives way to the reminder's own wordings when even cut names do not fit (a video motif's fixed words)", () => {
    const long = "Rappel de votre {rdv} le {date}, {lieu}. Si vous ne pouvez pas venir, merci de prévenir le service : {lien}";
    expect(messageText("reminder", { ...ctx, locationType: "video" }, long)).toBe(messageText("reminder", { ...ctx, locationType: "video" }));
  });

  it("is checked at synth against the stage's longest names", () => {
    const texts = { id: "t", texts: [{ id: "a", text: "Rappel : {rdv} le {date}, {lieu}. {lien}" }, { id: "b", text: "Rappel : {rdv} le {date}, {lieu}. Pour annuler ou déplacer : {lien}" }] };
    expect(checkTrialTexts(texts, { production: true, publicUrl: "https://rdv.pas-de-calais.fr" }, { places: ["MDS Arras", "CS Liévin"], services: ["PMI"] })).toEqual({});
    expect(
      checkTrialTexts(texts, { production: true, publicUrl: "https://rdv.pas-de-calais.fr" }, { places: ["Maison départementale des solidarités"], services: ["Protection maternelle et infantile"] }),
    ).toEqual({
      "reminderTrial.texts[0].text":
        "2 SMS au lieu d'un (178 caractères sur 160) avec le lieu le plus long (« Maison départementale des solidarités ») : raccourcissez le texte, ou donnez un nom court (shortName) aux lieux",
      "reminderTrial.texts[1].text":
        "2 SMS au lieu d'un (205 caractères sur 160) avec le lieu le plus long (« Maison départementale des solidarités ») : raccourcissez le texte, ou donnez un nom court (shortName) aux lieux",
    });
  });
});

describe("what the statistics say of the difference", () => {
  const rate = (count: number, of: number) => {
    const i = wilson(count, of)!;
    return { count, of, rate: Math.round((1000 * count) / of) / 10, interval: { low: Math.round(i.low * 1000) / 10, high: Math.round(i.high * 1000) / 10 } };
  };

  it("too few appointments", () => {
    expect(verdict([{ id: "a", rate: rate(2, 20) }, { id: "b", rate: rate(5, 40) }], "taux de lapins")).toBe(
      "Pas encore assez de rendez-vous pour comparer le taux de lapins : il en faut au moins 30 par texte (« a » : 20).",
    );
  });

  it("intervals that overlap", () => {
    expect(verdict([{ id: "a", rate: rate(10, 100) }, { id: "b", rate: rate(14, 100) }], "taux de lapins")).toBe(
      "Pas de différence nette pour le taux de lapins : les intervalles se chevauchent, l'écart peut être dû au hasard.",
    );
  });

  it("intervals apart", () => {
    expect(verdict([{ id: "a", rate: rate(50, 1000) }, { id: "b", rate: rate(100, 1000) }, { id: "c", rate: rate(60, 1000) }], "taux de lapins")).toBe(
      "« a » a un taux de lapins plus bas que « b » ; « c » a un taux de lapins plus bas que « b » (intervalles à 95 % disjoints) ; les autres écarts ne sont pas encore nets.",
    );
  });
});
