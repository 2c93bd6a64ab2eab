/** Lower-case, accents removed, punctuation as spaces: "Saint-Étienne" → "saint etienne". */
export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export interface Searchable {
  code: string;
  name: string;
  searchName: string;
  postcodes: string[];
}

/**
 * Type-ahead ranking: a name starting with the query first, then a word of the name starting
 * with it, then a postcode starting with it; alphabetical within each rank.
 */
export function searchCommunes<T extends Searchable>(communes: T[], query: string, limit: number): T[] {
  const q = normalize(query);
  const rank = (commune: T): number => {
    if (!q) return 0;
    if (commune.searchName.startsWith(q)) return 0;
    if (commune.searchName.split(" ").some((word) => word.startsWith(q)) || commune.searchName.includes(" " + q)) return 1;
    if (/^\d+$/.test(q) && (commune.postcodes.some((p) => p.startsWith(q)) || commune.code.startsWith(q))) return 2;
    return -1;
  };
  return communes
    .map((commune) => ({ commune, rank: rank(commune) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.commune.name.localeCompare(b.commune.name, "fr"))
    .slice(0, limit)
    .map((entry) => entry.commune);
}
