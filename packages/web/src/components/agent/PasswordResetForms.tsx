"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { apiPost } from "@/lib/agent/client";
import type { ApiErrorInfo } from "@rdv/core/schema";
import { ErrorAlert, fieldState } from "./form";

/** « Mot de passe oublié ? »: the answer is the same whether an account has the address or not. */
export function PasswordResetRequestForm() {
  const [error, setError] = useState<ApiErrorInfo>();
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    setPending(true);
    setError(undefined);
    const result = await apiPost("/v1/agent/auth/password-reset", { email });
    setPending(false);
    if (result.ok) setSentTo(email);
    else setError(result.error);
  }

  if (sentTo) {
    return (
      <Alert
        severity="success"
        as="h2"
        title="Demande enregistrée"
        role="status"
        description={`Si un compte existe à l’adresse ${sentTo}, un e-mail vient d’y être envoyé avec un lien valable 1 heure. Pensez à regarder dans les courriers indésirables.`}
      />
    );
  }
  return (
    <form method="post" onSubmit={(event) => void submit(event)} noValidate>
      <ErrorAlert error={error} shownFields={["email"]} title="Demande non envoyée" />
      <Input
        label="Adresse e-mail professionnelle"
        {...fieldState(error?.fields, "email")}
        nativeInputProps={{ name: "email", type: "email", autoComplete: "username", required: true, spellCheck: false }}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Envoi…" : "Recevoir un lien"}
      </Button>
    </form>
  );
}

/** The reset link's form: the new password, typed twice. */
export function NewPasswordForm({ token }: { token: string }) {
  const [error, setError] = useState<ApiErrorInfo>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirmation") ?? "")) {
      setError({ code: "form.mismatch", message: "Les deux mots de passe sont différents.", fields: { confirmation: "les deux mots de passe sont différents" } });
      return;
    }
    setPending(true);
    setError(undefined);
    const result = await apiPost("/v1/agent/auth/password-reset/confirm", { token, password });
    if (result.ok) {
      window.location.assign("/agent");
      return;
    }
    setPending(false);
    setError(result.error);
  }

  return (
    <form method="post" onSubmit={(event) => void submit(event)} noValidate>
      <ErrorAlert error={error} shownFields={["password", "confirmation"]} title="Mot de passe non enregistré" />
      <Input
        label="Nouveau mot de passe"
        hintText="12 caractères au moins. Une phrase de plusieurs mots est facile à retenir et difficile à deviner."
        {...fieldState(error?.fields, "password")}
        nativeInputProps={{ name: "password", type: "password", autoComplete: "new-password", required: true, minLength: 12 }}
      />
      <Input
        label="Confirmez le mot de passe"
        {...fieldState(error?.fields, "confirmation")}
        nativeInputProps={{ name: "confirmation", type: "password", autoComplete: "new-password", required: true }}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Enregistrement…" : "Enregistrer et me connecter"}
      </Button>
    </form>
  );
}
