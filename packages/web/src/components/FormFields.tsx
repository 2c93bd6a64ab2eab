import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import { cx } from "@codegouvfr/react-dsfr/fr/cx";

/**
 * The DSFR's text field and radio buttons, with react-dsfr's markup, for the usager's booking
 * form: react-dsfr's Input and RadioButtons bring its whole theme object (about 14 kB gzipped)
 * into the browser.
 */
export function TextField(props: {
  label: string;
  hintText?: string;
  state?: "default" | "error";
  stateRelatedMessage?: string;
  nativeInputProps: InputHTMLAttributes<HTMLInputElement> & { id: string };
}) {
  const { label, hintText, state = "default", stateRelatedMessage, nativeInputProps } = props;
  const inputId = nativeInputProps.id;
  const messageId = `${inputId}-desc-error`;
  const error = state === "error";
  return (
    <div className={cx("fr-input-group", error && "fr-input-group--error")}>
      <label className={cx("fr-label")} htmlFor={inputId}>
        {label}
        {hintText !== undefined && <span className={cx("fr-hint-text")}>{hintText}</span>}
      </label>
      <input
        {...nativeInputProps}
        className={cx("fr-input", error && "fr-input--error")}
        aria-describedby={[error ? messageId : undefined, nativeInputProps["aria-describedby"]].filter(Boolean).join(" ") || undefined}
        type={nativeInputProps.type ?? "text"}
        id={inputId}
      />
      <div id={`${inputId}-messages-group`} className={cx("fr-messages-group")} aria-live="polite">
        {error && (
          <p id={messageId} className={cx("fr-message", "fr-message--error")}>
            {stateRelatedMessage}
          </p>
        )}
      </div>
    </div>
  );
}

export function RadioField(props: {
  legend: ReactNode;
  name: string;
  orientation?: "vertical" | "horizontal";
  options: Array<{ label: ReactNode; nativeInputProps: InputHTMLAttributes<HTMLInputElement> }>;
}) {
  const { legend, name, orientation = "vertical", options } = props;
  const id = `fr-fieldset-radio-${name}-${useId().replace(/:/g, "")}`;
  return (
    <fieldset id={id} className={cx("fr-fieldset", orientation === "horizontal" && "fr-fieldset--inline")} aria-labelledby={`${id}-legend ${id}-messages`}>
      <legend id={`${id}-legend`} className={cx("fr-fieldset__legend", "fr-text--regular")}>
        {legend}
      </legend>
      <div className={cx("fr-fieldset__content")}>
        {options.map((option, i) => (
          <div key={i} className={cx("fr-radio-group")}>
            <input type="radio" id={`${id}-${i}`} name={name} {...option.nativeInputProps} />
            <label className={cx("fr-label")} htmlFor={`${id}-${i}`}>
              {option.label}
            </label>
          </div>
        ))}
      </div>
      <div className={cx("fr-messages-group")} id={`${id}-messages`} />
    </fieldset>
  );
}
