"use client";

import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { ApiErrorInfo } from "@rdv/core/schema";
import { capitalize, formatDateTime } from "@/lib/time";
import { ErrorAlert } from "@/components/agent/form";
import type { Choice } from "./state";

/** Step 4: what will be booked, the API's refusal or its request for confirmation, and the button. */
export function ConfirmStep(props: {
  /** the sentence naming the usager, motif, place and time; undefined while something is missing */
  summary: { missing: string } | { text: string; choice: Choice };
  warning: ApiErrorInfo | undefined;
  error: ApiErrorInfo | undefined;
  pending: boolean;
  onBook: (acknowledgeWarnings: boolean) => void;
  onOtherTime: () => void;
  /** its number among the page's steps */
  step?: number;
}) {
  const { summary, warning, error, pending, onBook, onOtherTime, step = 4 } = props;
  return (
    <section aria-labelledby="etape-confirmation" className={fr.cx("fr-mb-5w")}>
      <h2 id="etape-confirmation" className={fr.cx("fr-h4")}>
        {step}. Réservation
      </h2>
      {"missing" in summary ? (
        <p>{summary.missing}</p>
      ) : (
        <>
          <p>{summary.text}</p>
          <ErrorAlert error={error} title="Rendez-vous non réservé" as="h3" />
          {warning ? (
            <Alert
              severity="warning"
              as="h3"
              title="Horaire en dehors des plages d’ouverture ou du délai de réservation"
              className={fr.cx("fr-mb-2w")}
              role="alert"
              description={
                <>
                  {warning.message}
                  <span className={fr.cx("fr-mt-2w")} style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap" }}>
                    <Button type="button" disabled={pending} onClick={() => onBook(true)}>
                      Réserver quand même
                    </Button>
                    <Button type="button" priority="secondary" onClick={onOtherTime}>
                      Choisir un autre horaire
                    </Button>
                  </span>
                </>
              }
            />
          ) : (
            <Button type="button" disabled={pending} onClick={() => onBook(false)}>
              {pending ? "Réservation…" : summary.choice.kind === "session" ? "Inscrire l’usager à la séance" : "Réserver le rendez-vous"}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

/** "Chloé Dubois — Consultation — MDS d'Arras — Mardi 1 décembre 2026 à 09:00 — avec Alice Martin" */
export function summaryText(parts: { who: string; motif: string; place: string; startsAt: string; timezone: string; agents: string }): string {
  return `${parts.who} — ${parts.motif} — ${parts.place} — ${capitalize(formatDateTime(parts.startsAt, parts.timezone))}${parts.agents ? ` — avec ${parts.agents}` : ""}`;
}
