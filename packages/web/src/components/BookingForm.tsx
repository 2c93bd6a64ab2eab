"use client";

import { useActionState, useEffect, useRef } from "react";
import Link from "next/link";
import { cx } from "@codegouvfr/react-dsfr/fr/cx";
import { bookAction } from "@/app/rendez-vous/actions";
import type { BookingField } from "@/lib/booking-form";
import { RadioField as RadioButtons, TextField as Input } from "./FormFields";

export interface BookingFormProps {
  idempotencyKey: string;
  commune: string;
  motifId: string;
  placeId: string;
  startsAt: string;
  collective: boolean;
  needsAddress: boolean;
  /** a prescripteur books for a person they support: their own details first */
  prescriber?: boolean;
}

const FIELD_LABELS: Record<BookingField, string> = {
  firstName: "Prénom",
  lastName: "Nom",
  phone: "Téléphone portable",
  email: "Adresse e-mail",
  address: "Adresse",
  relativeFirstName: "Prénom du proche",
  relativeLastName: "Nom du proche",
  relativeBirthDate: "Date de naissance du proche",
  prescriberName: "Vos prénom et nom",
  prescriberStructure: "Votre structure",
  prescriberPhone: "Votre téléphone",
  prescriberEmail: "Votre adresse e-mail",
};

/**
 * The identity form. It posts to a Server Action, so it works without JavaScript too; the
 * Idempotency-Key travels in a hidden field, so submitting twice books once.
 */
export function BookingForm(props: BookingFormProps) {
  const [state, formAction, pending] = useActionState(bookAction, { idempotencyKey: props.idempotencyKey });
  const summaryRef = useRef<HTMLDivElement>(null);
  const values = state.values;
  const errors = state.fieldErrors ?? {};
  const errorEntries = Object.entries(errors) as [BookingField, string][];
  const hasProblem = errorEntries.length > 0 || state.formError !== undefined || state.slotGone !== undefined;

  useEffect(() => {
    if (hasProblem) summaryRef.current?.focus();
  }, [state, hasProblem]);

  const field = (name: BookingField) => ({
    state: errors[name] ? ("error" as const) : ("default" as const),
    stateRelatedMessage: errors[name],
  });
  const native = (name: BookingField, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => ({
    id: name,
    name,
    defaultValue: values?.[name] ?? "",
    "aria-invalid": errors[name] ? true : undefined,
    ...extra,
  });

  return (
    <form action={formAction} noValidate>
      <input type="hidden" name="idempotencyKey" value={state.idempotencyKey} />
      <input type="hidden" name="commune" value={props.commune} />
      <input type="hidden" name="motifId" value={props.motifId} />
      <input type="hidden" name="placeId" value={props.placeId} />
      <input type="hidden" name="collective" value={String(props.collective)} />

      <div ref={summaryRef} tabIndex={-1}>
        {state.slotGone ? (
          <div className={cx("fr-alert", "fr-alert--warning", "fr-mb-4w")} role="alert">
            <h2 className={cx("fr-alert__title")}>
              {state.slotGone.reason === "taken" ? "Ce créneau vient d’être réservé" : "Cet horaire n’est plus proposé"}
            </h2>
            <p>
              {state.slotGone.alternatives.length > 0
                ? "Nous sommes désolés. Choisissez ci-dessous un autre horaire proche, puis confirmez : vos informations sont conservées."
                : "Nous sommes désolés. Il n’y a plus d’horaire libre proche de celui-ci."}{" "}
              <Link href={state.slotGone.slotsHref}>Voir tous les horaires disponibles</Link>
            </p>
          </div>
        ) : hasProblem ? (
          <div className={cx("fr-alert", "fr-alert--error", "fr-mb-4w")} role="alert">
            <h2 className={cx("fr-alert__title")}>
              {errorEntries.length > 0 ? "Certaines informations sont à corriger" : "Votre rendez-vous n’a pas pu être enregistré"}
            </h2>
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
        ) : null}
      </div>

      {state.slotGone && state.slotGone.alternatives.length > 0 ? (
        <RadioButtons
          legend="Autres horaires proches"
          name="startsAt"
          options={state.slotGone.alternatives.map((slot, index) => ({
            label: slot.label,
            nativeInputProps: { value: slot.startsAt, defaultChecked: index === 0 },
          }))}
        />
      ) : (
        <input type="hidden" name="startsAt" value={props.startsAt} />
      )}

      {props.prescriber && (
        <fieldset className={cx("fr-fieldset")} aria-labelledby="prescripteur-legende">
          <input type="hidden" name="prescriber" value="yes" />
          <legend id="prescripteur-legende" className={cx("fr-fieldset__legend")}>
            Vous, qui accompagnez la personne
            <span className={cx("fr-hint-text")}>Un téléphone ou une adresse e-mail est nécessaire. La confirmation vous est envoyée par e-mail.</span>
          </legend>
          <div className={cx("fr-fieldset__element")}>
            <Input label="Vos prénom et nom" {...field("prescriberName")} nativeInputProps={native("prescriberName", { autoComplete: "name" })} />
          </div>
          <div className={cx("fr-fieldset__element")}>
            <Input label="Votre structure" hintText="Exemple : CCAS d’Arras, France Travail, une association" {...field("prescriberStructure")} nativeInputProps={native("prescriberStructure", { autoComplete: "organization" })} />
          </div>
          <div className={cx("fr-fieldset__element")}>
            <Input label="Votre téléphone (facultatif)" {...field("prescriberPhone")} nativeInputProps={native("prescriberPhone", { type: "tel", autoComplete: "tel", inputMode: "tel" })} />
          </div>
          <div className={cx("fr-fieldset__element")}>
            <Input label="Votre adresse e-mail (facultatif)" {...field("prescriberEmail")} nativeInputProps={native("prescriberEmail", { type: "email", autoComplete: "email" })} />
          </div>
        </fieldset>
      )}

      <RadioButtons
        legend="Pour qui est ce rendez-vous ?"
        name="forWhom"
        orientation="horizontal"
        options={[
          { label: "Pour moi", nativeInputProps: { value: "self", defaultChecked: (values?.forWhom ?? "self") === "self" } },
          {
            label: "Pour un proche (mon enfant, par exemple)",
            nativeInputProps: { value: "relative", defaultChecked: values?.forWhom === "relative" },
          },
        ]}
      />

      <fieldset className={`${cx("fr-fieldset")} rdv-relative-fields`} aria-labelledby="proche-legende">
        <legend id="proche-legende" className={cx("fr-fieldset__legend")}>
          Votre proche
          <span className={cx("fr-hint-text")}>À remplir seulement si le rendez-vous est pour un proche.</span>
        </legend>
        <div className={cx("fr-fieldset__element")}>
          <Input label="Prénom du proche" {...field("relativeFirstName")} nativeInputProps={native("relativeFirstName", { autoComplete: "off" })} />
        </div>
        <div className={cx("fr-fieldset__element")}>
          <Input label="Nom du proche" {...field("relativeLastName")} nativeInputProps={native("relativeLastName", { autoComplete: "off" })} />
        </div>
        <div className={cx("fr-fieldset__element")}>
          <Input
            label="Date de naissance du proche (facultatif)"
            {...field("relativeBirthDate")}
            nativeInputProps={native("relativeBirthDate", { type: "date", autoComplete: "off" })}
          />
        </div>
      </fieldset>

      <fieldset className={cx("fr-fieldset")} aria-labelledby="coordonnees-legende">
        <legend id="coordonnees-legende" className={cx("fr-fieldset__legend")}>
          {props.prescriber ? "La personne que vous accompagnez" : "Vos informations"}
          <span className={cx("fr-hint-text")}>Tous les champs sont obligatoires, sauf mention contraire.</span>
        </legend>
        <div className={cx("fr-fieldset__element")}>
          <Input label="Prénom" {...field("firstName")} nativeInputProps={native("firstName", { autoComplete: "given-name" })} />
        </div>
        <div className={cx("fr-fieldset__element")}>
          <Input label="Nom" {...field("lastName")} nativeInputProps={native("lastName", { autoComplete: "family-name" })} />
        </div>
        <div className={cx("fr-fieldset__element")}>
          <Input
            label="Téléphone portable"
            hintText="Pour recevoir la confirmation et un rappel par SMS. Exemple : 06 12 34 56 78"
            {...field("phone")}
            nativeInputProps={native("phone", { type: "tel", autoComplete: "tel", inputMode: "tel" })}
          />
        </div>
        <div className={cx("fr-fieldset__element")}>
          <Input
            label="Adresse e-mail (facultatif)"
            hintText="Pour recevoir aussi la confirmation, le rappel et le rendez-vous à ajouter à votre agenda. Exemple : nom@exemple.fr"
            {...field("email")}
            nativeInputProps={native("email", { type: "email", autoComplete: "email" })}
          />
        </div>
        {props.needsAddress && (
          <div className={cx("fr-fieldset__element")}>
            <Input
              label="Votre adresse"
              hintText="Le rendez-vous a lieu chez vous : numéro, rue, code postal et commune."
              {...field("address")}
              nativeInputProps={native("address", { autoComplete: "street-address" })}
            />
          </div>
        )}
      </fieldset>

      <div className={cx("fr-callout", "fr-mb-4w")}>
        <h2 className={cx("fr-callout__title", "fr-h6")}>Ce que nous faisons de vos informations</h2>
        <p className={cx("fr-callout__text", "fr-text--sm")}>
          Seuls les agents du service qui vous reçoit les voient. Votre numéro sert à vous envoyer la confirmation et un
          rappel par SMS avant le rendez-vous. Vos informations sont supprimées deux ans après le rendez-vous. Ne donnez
          pas d’informations sur votre santé : elles ne sont pas nécessaires.{" "}
          <Link href="/donnees-personnelles">En savoir plus sur vos données</Link>
        </p>
      </div>

      <button type="submit" className={cx("fr-btn")} disabled={pending} aria-disabled={pending}>
        {pending ? "Enregistrement…" : "Confirmer le rendez-vous"}
      </button>
    </form>
  );
}
