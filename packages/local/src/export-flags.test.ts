import { describe, expect, it } from "vitest";
import { parseFlags } from "./export-flags";

const refused = (args: string[]) => {
  try {
    parseFlags(args);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`accepted: ${args.join(" ")}`);
};

describe("npm run export flags", () => {
  it("reads --out, --force, --stage and --json", () => {
    expect(parseFlags(["--out", "exports/d62"])).toEqual({ out: "exports/d62", force: false, stage: undefined, json: false });
    expect(parseFlags(["--out=x", "--force", "--stage", "d62", "--json"])).toEqual({ out: "x", force: true, stage: "d62", json: true });
  });

  it("names the flag at fault, in French, never node's message", () => {
    expect(refused([])).toBe("--out : le dossier où écrire l'export est obligatoire");
    expect(refused(["--out"])).toBe("--out : une valeur est attendue (--out DOSSIER)");
    expect(refused(["--out", "--force"])).toBe("--out : une valeur est attendue (--out DOSSIER)");
    expect(refused(["--out", " "])).toBe("--out : le nom du dossier est vide");
    expect(refused(["--out", "x", "--stage"])).toBe("--stage : une valeur est attendue (--stage NOM)");
    expect(refused(["--out", "x", "--stage="])).toBe("--stage : le nom du stage est vide");
    expect(refused(["--out", "x", "--fast"])).toBe("option inconnue : --fast");
    expect(refused(["--out", "x", "-f"])).toBe("option inconnue : -f");
    expect(refused(["--force=yes", "--out", "x"])).toBe("--force : s'écrit seul, sans valeur");
    expect(refused(["--out", "x", "--json=1"])).toBe("--json : s'écrit seul, sans valeur");
    expect(refused(["exports/d62"])).toBe("argument inattendu « exports/d62 » : le dossier se donne avec --out DOSSIER");
  });
});
