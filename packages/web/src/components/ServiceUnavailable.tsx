import { fr } from "@codegouvfr/react-dsfr";

/** What every page shows when the API does not answer: a polite, actionable message. */
export function ServiceUnavailable() {
  // DSFR alert markup, written out: react-dsfr's Alert is a client component (it can be closed).
  return (
    <div className={fr.cx("fr-alert", "fr-alert--warning", "fr-mb-4w")} role="alert">
      <h2 className={fr.cx("fr-alert__title")}>Le service est momentanément indisponible</h2>
      <p>Nous n’arrivons pas à afficher cette page pour le moment. Merci de réessayer dans quelques minutes.</p>
    </div>
  );
}
