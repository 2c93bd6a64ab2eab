"use client";

import { useState, type FormEvent } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { NoticePreferenceInfo, type ApiErrorInfo } from "@rdv/core/schema";
import { apiPost } from "@/lib/agent/client";
import { ErrorAlert, StatusMessage } from "./form";

const CHOICES = [
  { value: "all", label: "Pour chaque changement" },
  { value: "soon", label: "Seulement pour les rendez-vous des 2 prochains jours" },
  { value: "none", label: "Jamais" },
] as const;

/** « Être prévenu par e-mail »: which online bookings, cancellations and moves of their appointments the agent is told of. */
export function NoticePreferenceSection({ initial }: { initial: NoticePreferenceInfo }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiErrorInfo>();
  const [message, setMessage] = useState<string>();

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = new FormData(event.currentTarget).get("changes");
    setPending(true);
    setError(undefined);
    const result = await apiPost("/v1/agent/me/notifications", { changes }, NoticePreferenceInfo);
    setPending(false);
    if (!result.ok) return setError(result.error);
    setMessage("Préférence enregistrée.");
  }

  return (
    <section aria-labelledby="prevenir" className={fr.cx("fr-mb-6w")}>
      <h2 id="prevenir" className={fr.cx("fr-h4")}>
        Être prévenu par e-mail
      </h2>
      <form onSubmit={(event) => void save(event)}>
        <RadioButtons
          legend="Quand un usager prend, annule ou déplace en ligne un de vos rendez-vous, recevoir un e-mail (avec le rendez-vous à ajouter à votre calendrier) :"
          options={CHOICES.map((choice) => ({ label: choice.label, nativeInputProps: { name: "changes", value: choice.value, defaultChecked: initial.changes === choice.value } }))}
        />
        <StatusMessage message={message} />
        <ErrorAlert error={error} title="Préférence non enregistrée" as="h3" />
        <Button type="submit" disabled={pending}>
          Enregistrer
        </Button>
      </form>
    </section>
  );
}
