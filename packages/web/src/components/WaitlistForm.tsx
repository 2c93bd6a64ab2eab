"use client";

import { useActionState, useEffect, useRef } from "react";
import { cx } from "@codegouvfr/react-dsfr/fr/cx";
import { joinWaitlistAction } from "@/app/liste-attente/actions";
import type { WaitlistField, WaitlistFormState } from "@/lib/waitlist-form";
import { TextField as Input } from "./FormFields";

const FIELD_LABELS: Record<WaitlistField, string> = {
  firstName: "Prénom",
  lastName: "Nom",
  phone: "Téléphone portable",
  latestDate: "Date limite",
};

/** The waitlist sign-up: names, mobile number, an optional latest date. */
export function WaitlistForm(props: { commune: string; motifId: string; placeId: string }) {
  const initial: WaitlistFormState = { values: { firstName: "", lastName: "", phone: "", latestDate: "" } };
  const [state, formAction, pending] = useActionState(joinWaitlistAction, initial);
  const summaryRef = useRef<HTMLDivElement>(null);
  const errors = state.fields ?? {};
  const errorEntries = Object.entries(errors) as [WaitlistField, string][];
  const hasProblem = errorEntries.length > 0 || state.formError !== undefined;

  useEffect(() => {
    if (hasProblem) summaryRef.current?.focus();
  }, [state, hasProblem]);

  const field = (name: WaitlistField) => ({ state: errors[name] ? ("error" as const) : ("default" as const), stateRelatedMessage: errors[name] });
  const native = (name: WaitlistField, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => ({
    id: name,
    name,
    defaultValue: state.values[name],
    "aria-invalid": errors[name] ? true : undefined,
    ...extra,
  });

  return (
    <form action={formAction} noValidate>
      <input type="hidden" name="commune" value={props.commune} />
      <input type="hidden" name="motifId" value={props.motifId} />
      <input type="hidden" name="placeId" value={props.placeId} />
      <div ref={summaryRef} tabIndex={-1}>
        {hasProblem && (
          <div className={cx("fr-alert", "fr-alert--error", "fr-mb-4w")} role="alert">
            <h2 className={cx("fr-alert__title")}>{errorEntries.length > 0 ? "Certaines informations sont à corriger" : "Votre inscription n’a pas pu être enregistrée"}</h2>
            {state.formError && <p>{state.formError}</p>}
            {errorEntries.length > 0 && (
              <ul>
                {errorEntries.map(([name, message]) => (
                  <li key={name}>
                    <a href={`#${name}`}>
                      {FIELD_LABELS[name]} : {message}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <Input label="Prénom" {...field("firstName")} nativeInputProps={native("firstName", { autoComplete: "given-name" })} />
      <Input label="Nom" {...field("lastName")} nativeInputProps={native("lastName", { autoComplete: "family-name" })} />
      <Input
        label="Téléphone portable"
        hintText="Nous vous enverrons un SMS si un créneau se libère. Exemple : 06 12 34 56 78"
        {...field("phone")}
        nativeInputProps={native("phone", { type: "tel", autoComplete: "tel", inputMode: "tel" })}
      />
      <Input
        label="Date limite (facultatif)"
        hintText="Au plus tard le… Sans date, nous vous prévenons pendant 60 jours."
        {...field("latestDate")}
        nativeInputProps={native("latestDate", { type: "date" })}
      />
      <button type="submit" className={cx("fr-btn")} disabled={pending}>
        Me prévenir par SMS
      </button>
    </form>
  );
}
