import { createRequire } from "node:module";

/** The national dataset of communes (INSEE codes, names, postcodes), loaded once, at import time only. */
interface DatasetCommune {
  code: string;
  nom: string;
  departement: string;
  type: string;
  codesPostaux?: string[];
}

export interface CommuneRecord {
  code: string;
  name: string;
  departmentCode: string;
  postcodes: string[];
}

let byCode: Map<string, CommuneRecord> | undefined;

/** Current communes and the arrondissements municipaux of Paris, Lyon and Marseille. */
export function communesByCode(): Map<string, CommuneRecord> {
  if (byCode) return byCode;
  const require = createRequire(import.meta.url);
  const raw = require("@etalab/decoupage-administratif/data/communes.json") as DatasetCommune[];
  byCode = new Map();
  for (const commune of raw) {
    if (commune.type !== "commune-actuelle" && commune.type !== "arrondissement-municipal") continue;
    byCode.set(commune.code, {
      code: commune.code,
      name: commune.nom,
      departmentCode: commune.departement,
      postcodes: commune.codesPostaux ?? [],
    });
  }
  return byCode;
}
