import { describe, expect, it } from "vitest";
import { TargetError, stageTarget } from "./target";

describe("export targets", () => {
  it("--stage: a bad name is refused with the rule, a good one with the hook's message until the stage resolver is wired", async () => {
    await expect(stageTarget("Pas de Calais")).rejects.toThrow(new TargetError("--stage « Pas de Calais » : commence par une lettre ; minuscules, chiffres et '-' (31 caractères au plus)."));
    await expect(stageTarget("pas-de-calais")).rejects.toThrow(
      new TargetError("--stage pas-de-calais : lire la table d'un stage n'est pas encore branché dans cette version. Sans --stage, l'export lit la base de la stack locale."),
    );
  });
});
