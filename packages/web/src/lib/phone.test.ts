import { describe, expect, it } from "vitest";
import { formatPhone, telHref } from "./phone";

describe("formatPhone", () => {
  it("shows metropolitan numbers the French way, from E.164 or national writing", () => {
    expect(["+33321514210", "+33612345678", "+33 6 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78"].map(formatPhone)).toEqual([
      "03 21 51 42 10", "06 12 34 56 78", "06 12 34 56 78", "06 12 34 56 78", "06 12 34 56 78", "06 12 34 56 78",
    ]);
  });

  it("keeps the overseas code inside the national number (Réunion, Mayotte, Guadeloupe, Martinique, Guyane)", () => {
    expect(["+262262123456", "+262692123456", "+262269612345", "+262639123456", "+590590123456", "+596696123456", "+594594123456"].map(formatPhone)).toEqual([
      "02 62 12 34 56", "06 92 12 34 56", "02 69 61 23 45", "06 39 12 34 56", "05 90 12 34 56", "06 96 12 34 56", "05 94 12 34 56",
    ]);
  });

  it("shows other numbers as given: foreign ones (the Comoros' +269 included), wrong lengths, text", () => {
    expect(["+269 773 12 34", "+441632960961", "+3361234567", "+336123456789", "+330612345678", "0012345678", "3949", "inconnu"].map(formatPhone)).toEqual([
      "+269 773 12 34", "+441632960961", "+3361234567", "+336123456789", "+330612345678", "0012345678", "3949", "inconnu",
    ]);
  });

  it("links to the digits", () => {
    expect(telHref("+33 3 21 51 42 10")).toBe("tel:+33321514210");
  });
});
