"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
// only the class-name helper: react-dsfr's `fr` object carries the whole theme (14 kB gzipped in the browser)
import { cx } from "@codegouvfr/react-dsfr/fr/cx";
import type { PublicCommune } from "@/lib/api";
import { LinkPending } from "./LinkPending";

type Results = { query: string; status: "ok"; communes: PublicCommune[] } | { query: string; status: "error" };

export interface CommuneSearchProps {
  initialQuery: string;
  /** Results of the search submitted without JavaScript (GET /?q=…), rendered by the server. */
  initialResults: Results | undefined;
  /** The form was submitted empty (without JavaScript). */
  emptySubmitted: boolean;
  maxLength: number;
}

const MIN_QUERY_LENGTH = 2;
const DEBOUNCE_MS = 200;

function formatCommune(commune: PublicCommune): string {
  return commune.postcodes.length > 0 ? `${commune.name} (${commune.postcodes.join(", ")})` : commune.name;
}

/**
 * The commune search: a GET form that works on its own, plus results that follow the typing
 * (fetched from /api/communes) when JavaScript runs. Each result is a link to the next step.
 */
export function CommuneSearch({ initialQuery, initialResults, emptySubmitted, maxLength }: CommuneSearchProps) {
  const [query, setQuery] = useState(initialQuery);
  const [results, setResults] = useState<Results | undefined>(initialResults);
  const trimmed = query.trim();
  // Results stay on screen while the next ones load; too short a query shows none (unless submitted).
  const shown = results && (results.query === trimmed || trimmed.length >= MIN_QUERY_LENGTH) ? results : undefined;
  const showEmptyError = emptySubmitted && trimmed === "";

  useEffect(() => {
    const q = query.trim();
    if (q.length < MIN_QUERY_LENGTH || q === results?.query) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/communes?q=${encodeURIComponent(q)}`, { signal: controller.signal })
        .then(async (response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const body = (await response.json()) as { communes: PublicCommune[] };
          setResults({ query: q, status: "ok", communes: body.communes });
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setResults({ query: q, status: "error" });
          if (!(error instanceof DOMException)) console.warn("commune search failed", error);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, results?.query]);

  return (
    <>
      <form method="get" action="/" role="search" aria-label="Rechercher une commune" className={cx("fr-mb-4w")}>
        <div className={cx("fr-input-group", showEmptyError && "fr-input-group--error")}>
          <label className={cx("fr-label")} htmlFor="commune-recherche">
            Votre commune
            <span className={cx("fr-hint-text")}>Nom ou code postal, par exemple : Arras ou 62000</span>
          </label>
          <div className={cx("fr-input-wrap", "fr-input-wrap--addon")}>
            <input
              id="commune-recherche"
              className={cx("fr-input", showEmptyError && "fr-input--error")}
              name="q"
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              autoComplete="address-level2"
              maxLength={maxLength}
              aria-controls="resultats-communes"
              aria-describedby={showEmptyError ? "commune-recherche-erreur" : undefined}
            />
            <button type="submit" className={cx("fr-btn")}>
              Rechercher
            </button>
          </div>
          {showEmptyError && (
            <p id="commune-recherche-erreur" className={cx("fr-message", "fr-message--error", "fr-error-text")}>
              Saisissez le nom ou le code postal de votre commune.
            </p>
          )}
        </div>
      </form>

      <div id="resultats-communes">
        <p className={cx("fr-sr-only")} role="status">
          {shown?.status === "ok" ? (shown.communes.length === 1 ? "1 commune trouvée" : `${shown.communes.length} communes trouvées`) : ""}
        </p>
        {shown && (
          <section aria-labelledby="resultats-titre">
            <h2 id="resultats-titre" className={cx("fr-h4")}>
              Résultats pour « {shown.query} »
            </h2>
            {shown.status === "error" ? (
              <div className={cx("fr-alert", "fr-alert--warning", "fr-alert--sm")}>
                <p>Le service est momentanément indisponible. Merci de réessayer dans quelques minutes.</p>
              </div>
            ) : shown.communes.length === 0 ? (
              <p>Aucune commune ne correspond à votre recherche. Vérifiez l’orthographe ou essayez avec le code postal.</p>
            ) : (
              <>
                <p>Choisissez votre commune :</p>
                <ul>
                  {shown.communes.map((commune) => (
                    <li key={commune.code}>
                      <Link prefetch={false} href={`/rendez-vous/${encodeURIComponent(commune.code)}`}>
                        {formatCommune(commune)}
                        <LinkPending />
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
      </div>
    </>
  );
}
