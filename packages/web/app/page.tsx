import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { searchCommunes, type PublicCommune } from "../lib/api";

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

function formatCommune(commune: PublicCommune): string {
  return commune.postcodes.length > 0 ? `${commune.name} (${commune.postcodes.join(", ")})` : commune.name;
}

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const q = readQuery((await searchParams).q);
  const isEmptySearch = q !== undefined && q === "";
  const result = q ? await searchCommunes(q) : undefined;

  return (
    <>
      <h1>Prenez rendez-vous avec les services sociaux et de santé de votre département</h1>
      <p className={fr.cx("fr-text--lead")}>
        Indiquez votre commune pour trouver les services qui peuvent vous recevoir.
      </p>

      <form method="get" action="/" role="search" aria-label="Rechercher une commune" className={fr.cx("fr-mb-4w")}>
        <Input
          label="Votre commune"
          hintText="Nom ou code postal, par exemple : Nantes ou 44000"
          state={isEmptySearch ? "error" : "default"}
          stateRelatedMessage="Saisissez le nom ou le code postal de votre commune."
          nativeInputProps={{
            name: "q",
            type: "search",
            defaultValue: q ?? "",
            autoComplete: "address-level2",
            maxLength: MAX_QUERY_LENGTH,
          }}
          addon={<Button type="submit">Rechercher</Button>}
        />
      </form>

      {result !== undefined && (
        <section aria-labelledby="resultats-titre">
          <h2 id="resultats-titre">Résultats pour « {q} »</h2>
          {!result.ok ? (
            <Alert
              severity="warning"
              small
              description="Le service est momentanément indisponible. Merci de réessayer dans quelques minutes."
            />
          ) : result.data.length === 0 ? (
            <p>Aucune commune ne correspond à votre recherche. Vérifiez l’orthographe ou essayez avec le code postal.</p>
          ) : (
            <>
              <p>
                {result.data.length === 1 ? "1 commune trouvée :" : `${result.data.length} communes trouvées :`}
              </p>
              <ul>
                {result.data.map((commune) => (
                  <li key={commune.code}>{formatCommune(commune)}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </>
  );
}
