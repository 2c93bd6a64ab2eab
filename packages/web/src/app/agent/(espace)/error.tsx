"use client";

import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";

/** A page of the back office failed (the API does not answer, most often). */
export default function AgentError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className={fr.cx("fr-alert", "fr-alert--error", "fr-mb-4w")} role="alert">
      <h1 className={fr.cx("fr-alert__title")}>Le service est momentanément indisponible</h1>
      <p>Cette page n’a pas pu être chargée. Merci de réessayer dans quelques instants ; si le problème continue, prévenez l’administrateur de votre organisation.</p>
      <Button className={fr.cx("fr-mt-2w")} priority="secondary" onClick={() => reset()}>
        Réessayer
      </Button>
    </div>
  );
}
