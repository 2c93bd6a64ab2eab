"use client";

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ApiErrorInfo } from "@rdv/core/schema";

export type FieldErrors = Record<string, string>;

/** Props of a DSFR Input or Select for a field the API may have refused (`fields` of its error). */
export function fieldState(fields: FieldErrors | undefined, ...names: string[]): { state?: "error"; stateRelatedMessage?: string } {
  const message = names.map((name) => fields?.[name]).find(Boolean);
  return message ? { state: "error", stateRelatedMessage: capitalizeFirst(message) } : {};
}

function capitalizeFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase("fr-FR") + text.slice(1);
}

/** The API's message, with the fields it names that no input shows. */
export function ErrorAlert({ error, shownFields = [], title = "Ce n’est pas enregistré", as = "h2" }: { error: ApiErrorInfo | undefined; shownFields?: string[]; title?: string; as?: "h2" | "h3" | "h4" | "h5" }) {
  if (!error) return null;
  const others = Object.entries(error.fields ?? {}).filter(([name]) => !shownFields.includes(name));
  return (
    <Alert
      severity="error"
      title={title}
      as={as}
      role="alert"
      className="fr-mb-3w"
      description={
        <>
          {error.fields && Object.keys(error.fields).length > 0 && others.length === 0 ? "Merci de corriger les champs signalés." : error.message}
          {others.length > 0 && (
            <ul>
              {others.map(([name, message]) => (
                <li key={name}>
                  {name} : {message}
                </li>
              ))}
            </ul>
          )}
        </>
      }
    />
  );
}

/** A polite live region announcing the outcome of an action. */
export function StatusMessage({ message }: { message: string | undefined }) {
  return (
    <p role="status" aria-live="polite" className={message ? "fr-text--bold fr-mb-2w" : "fr-sr-only"}>
      {message ?? ""}
    </p>
  );
}
