"use client";

import { useState, type FormEvent } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { apiPost } from "@/lib/agent/client";
import type { ApiErrorInfo } from "@rdv/core/schema";
import { ErrorAlert, fieldState } from "./form";

/** A new account chooses (and confirms) its password; an existing one enters its current password. */
export function InvitationForm({ token, account }: { token: string; account: "new" | "existing" }) {
  const [error, setError] = useState<ApiErrorInfo>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (account === "new" && password !== String(form.get("confirmation") ?? "")) {
      setError({ code: "form.mismatch", message: "Les deux mots de passe sont différents.", fields: { confirmation: "les deux mots de passe sont différents" } });
      return;
    }
    setPending(true);
    setError(undefined);
    const result = await apiPost("/v1/agent/auth/invitation", { token, password });
    if (result.ok) {
      window.location.assign("/agent");
      return;
    }
    setPending(false);
    setError(result.error);
  }

  if (account === "existing") {
    return (
      <form method="post" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorAlert error={error} shownFields={["password"]} title="Invitation non acceptée" />
        <Input
          label="Votre mot de passe actuel"
          {...fieldState(error?.fields, "password")}
          nativeInputProps={{ name: "password", type: "password", autoComplete: "current-password", required: true }}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Connexion en cours…" : "Rejoindre l’organisation et me connecter"}
        </Button>
      </form>
    );
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
        {pending ? "Enregistrement…" : "Enregistrer mon mot de passe et me connecter"}
      </Button>
    </form>
  );
}
