"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { ApiErrorInfo } from "@rdv/core/schema";
import type { SendResult } from "@/lib/agent/client";
import { ErrorAlert, fieldState, StatusMessage } from "@/components/agent/form";

// What the configuration forms share: the save and its messages, the form's frame, the reading
// of its fields, and the select of one item among a list.

export type Named = { id: string; name: string };
export type Person = { id: string; firstName: string; lastName: string };

/** A configuration form's save: field errors from the API, then back to the page's lists. */
export function useSave(successMessage: string) {
  const router = useRouter();
  const [error, setError] = useState<ApiErrorInfo>();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string>();
  async function save(send: () => Promise<SendResult>, reset?: () => void): Promise<void> {
    setPending(true);
    setMessage(undefined);
    const result = await send();
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(undefined);
    setMessage(successMessage);
    reset?.();
    router.replace("/agent/configuration", { scroll: false });
    router.refresh();
  }
  return { error, pending, message, save };
}

export function text(form: FormData, name: string): string | undefined {
  const value = String(form.get(name) ?? "").trim();
  return value === "" ? undefined : value;
}

export function integer(form: FormData, name: string): number | undefined {
  const value = text(form, name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : Number.NaN;
}

export function FormShell({ id, title, children, onSubmit, error, shownFields, message }: { id: string; title: string; children: ReactNode; onSubmit: (form: FormData, element: HTMLFormElement) => void; error: ApiErrorInfo | undefined; shownFields: string[]; message: string | undefined }) {
  return (
    <form
      id={id}
      aria-labelledby={`${id}-titre`}
      noValidate
      className={fr.cx("fr-p-3w", "fr-mb-4w")}
      style={{ border: "1px solid var(--border-default-grey)" }}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        onSubmit(new FormData(event.currentTarget), event.currentTarget);
      }}
    >
      <h3 id={`${id}-titre`} className={fr.cx("fr-h5")}>
        {title}
      </h3>
      <StatusMessage message={message} />
      <ErrorAlert error={error} shownFields={shownFields} as="h4" />
      {children}
    </form>
  );
}

/**
 * A DSFR select of one item (agent, place, service, rule…): an optional disabled placeholder,
 * then one option per item; the API's message for the field when it refused it.
 */
export function OptionSelect(props: {
  label: string;
  name: string;
  options: { value: string; label: ReactNode }[];
  placeholder?: string;
  defaultValue?: string;
  required?: boolean;
  fields: Record<string, string> | undefined;
}) {
  const { label, name, options, placeholder, defaultValue, required, fields } = props;
  return (
    <Select label={label} {...fieldState(fields, name)} nativeSelectProps={{ name, defaultValue: defaultValue ?? "", ...(required ? { required: true } : {}) }}>
      {placeholder && (
        <option value="" disabled>
          {placeholder}
        </option>
      )}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </Select>
  );
}
