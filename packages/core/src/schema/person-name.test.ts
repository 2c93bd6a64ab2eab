import { describe, expect, it } from "vitest";
import { fieldErrors, nameForMessage, PublicPersonName } from "./common";

const check = (value: string) => {
  const result = PublicPersonName.safeParse(value);
  return result.success ? result.data : fieldErrors(result.error)["(racine)"];
};

describe("the person-name rule (text typed by the public)", () => {
  it("accepts French names: accents, hyphens, apostrophes, spaces (collapsed)", () => {
    expect(["Chloé", "Jean-Pierre", "N'Diaye", "O’Connor", "Ève-Anne de La Tour", "Maël", "Łukasz", "Jean - Pierre"].map(check)).toEqual([
      "Chloé", "Jean-Pierre", "N'Diaye", "O’Connor", "Ève-Anne de La Tour", "Maël", "Łukasz", "Jean - Pierre",
    ]);
    expect(check("  Marie   Claire ")).toBe("Marie Claire");
  });

  it("refuses what could carry a message: digits, @, dots, slashes, colons, links, phone numbers, sentences", () => {
    const refused = [
      "vous. ALERTE CAF: dossier suspendu, appelez le 0899234567 ou www.caf-aide.example",
      "Léo2",
      "a@b",
      "caf-aide.example",
      "http//x",
      "x/y",
      "Jean.",
      "-Léa",
      "Léa-",
      "Иван",
      "😀",
    ];
    expect(refused.map((v) => [v, check(v)])).toEqual(refused.map((v) => [v, "lettres, espaces, tirets et apostrophes uniquement"]));
    expect(check("")).toBe("ne doit pas être vide");
    expect(check("A".repeat(51))).toBe("50 caractères au plus");
  });

  it("a message carries a name only if it passes the rule, cut to 30 characters at a word boundary", () => {
    expect(nameForMessage("Léo")).toBe("Léo");
    expect(nameForMessage("vous. ALERTE CAF: appelez le 0899234567")).toBeUndefined();
    expect(nameForMessage("Marie-Charlotte Alexandrine Eugénie")).toBe("Marie-Charlotte Alexandrine");
    expect(nameForMessage("Abcdefghijklmnopqrstuvwxyzabcdefgh")).toBe("Abcdefghijklmnopqrstuvwxyzabcd");
    expect(nameForMessage(undefined)).toBeUndefined();
  });
});
