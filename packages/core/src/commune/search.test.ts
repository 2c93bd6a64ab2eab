import { describe, expect, it } from "vitest";
import { normalize, searchCommunes } from "./search";

const communes = [
  { code: "62041", name: "Arras", postcodes: ["62000"] },
  { code: "62065", name: "Achicourt", postcodes: ["62217"] },
  { code: "62764", name: "Saint-Laurent-Blangy", postcodes: ["62223"] },
  { code: "62498", name: "Lens", postcodes: ["62300"] },
  { code: "62510", name: "Liévin", postcodes: ["62800"] },
  { code: "62758", name: "Sainte-Catherine", postcodes: ["62223"] },
].map((c) => ({ ...c, searchName: normalize(c.name) }));

const names = (list: { name: string }[]) => list.map((c) => c.name);

describe("commune search", () => {
  it("normalises accents, case and punctuation", () => {
    expect(normalize("Saint-Étienne-au-Mont")).toBe("saint etienne au mont");
    expect(normalize("  L'Haÿ-les-Roses ")).toBe("l hay les roses");
  });

  it("ranks name prefixes first, then inner words, alphabetically", () => {
    expect(names(searchCommunes(communes, "li", 50))).toEqual(["Liévin"]);
    expect(names(searchCommunes(communes, "bla", 50))).toEqual(["Saint-Laurent-Blangy"]);
    expect(names(searchCommunes(communes, "a", 50))).toEqual(["Achicourt", "Arras"]);
    expect(names(searchCommunes(communes, "sainte", 50))).toEqual(["Sainte-Catherine"]);
  });

  it("finds by postcode and INSEE code, and lists everything for an empty query", () => {
    expect(names(searchCommunes(communes, "62223", 50))).toEqual(["Saint-Laurent-Blangy", "Sainte-Catherine"]);
    expect(names(searchCommunes(communes, "62", 50))).toHaveLength(6);
    expect(names(searchCommunes(communes, "", 3))).toEqual(["Achicourt", "Arras", "Lens"]);
    expect(searchCommunes(communes, "zzz", 50)).toEqual([]);
  });
});
