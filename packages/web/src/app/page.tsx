import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { CommuneSearch } from "@/components/CommuneSearch";
import { searchCommunes } from "@/lib/api";

const MAX_QUERY_LENGTH = 100;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function readQuery(raw: string | string[] | undefined): string | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return undefined;
  return value.trim().slice(0, MAX_QUERY_LENGTH);
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const q = readQuery((await searchParams).q);
  // The root layout's title template does not apply to its own segment, hence `absolute`.
  // The title reflects the search so that screen reader users know a new page was loaded.
  return { title: { absolute: `${q ? `Recherche « ${q} »` : "Accueil"} — Prendre rendez-vous` } };
}

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const q = readQuery((await searchParams).q);
  const result = q ? await searchCommunes(q) : undefined;

  return (
    <>
      <h1>Prenez rendez-vous avec les services sociaux et de santé de votre département</h1>
      <p className={fr.cx("fr-text--lead")}>
        Indiquez votre commune pour trouver les services qui peuvent vous recevoir.
      </p>
      <CommuneSearch
        initialQuery={q ?? ""}
        initialResults={
          result === undefined || !q
            ? undefined
            : result.ok
              ? { query: q, status: "ok", communes: result.data }
              : { query: q, status: "error" }
        }
        emptySubmitted={q === ""}
        maxLength={MAX_QUERY_LENGTH}
      />
    </>
  );
}
