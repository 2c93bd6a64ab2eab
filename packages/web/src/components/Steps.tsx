import { fr } from "@codegouvfr/react-dsfr";

const STEP_TITLES = ["Motif", "Lieu", "Date et heure", "Vos coordonnées"] as const;

/**
 * The DSFR stepper, written out so that its title is a paragraph: each page keeps its own <h1>
 * as the first heading.
 */
export function Steps({ current }: { current: 1 | 2 | 3 | 4 }) {
  const next = (STEP_TITLES as readonly string[])[current];
  return (
    <div className={fr.cx("fr-stepper", "fr-mb-4w")}>
      <p className={fr.cx("fr-stepper__title")}>
        <span className={fr.cx("fr-stepper__state")}>
          Étape {current} sur {STEP_TITLES.length}
        </span>
        {STEP_TITLES[current - 1]}
      </p>
      <div className={fr.cx("fr-stepper__steps")} data-fr-current-step={current} data-fr-steps={STEP_TITLES.length} />
      {next && (
        <p className={fr.cx("fr-stepper__details")}>
          <span className={fr.cx("fr-text--bold")}>Étape suivante :</span> {next}
        </p>
      )}
    </div>
  );
}
