import { describe, expect, it } from "vitest";
import { checkPathParameters, PATH_PARAMETERS } from "./middleware";
import { routes } from "./routes";

describe("path parameters", () => {
  it("every parameter of the route table has its own rule (the catch-all {proxy+} aside)", () => {
    const names = new Set(routes.flatMap((r) => [...r.path.matchAll(/\{(\w+)\+?\}/g)].map((m) => m[1]!)));
    expect([...names].filter((name) => name !== "proxy" && !(name in PATH_PARAMETERS))).toEqual([]);
  });

  it("refuses malformed values before any handler runs, naming the parameter", () => {
    expect(() => checkPathParameters({ id: "x".repeat(5000), manageToken: "%E0%A4%A" })).toThrow(
      expect.objectContaining({ kind: "invalid", fields: { id: "80 caractères au plus", manageToken: "lien de gestion invalide (24 caractères : lettres, chiffres, '-' ou '_')" } }),
    );
    expect(() => checkPathParameters({ ruleId: "a/b" })).toThrow(expect.objectContaining({ fields: { ruleId: "lettres, chiffres, '_', '.', ':' ou '-' uniquement" } }));
    expect(() => checkPathParameters({ id: "rdv-1", manageToken: "A".repeat(24), proxy: "x".repeat(5000) })).not.toThrow();
  });
});
