"use client";

import { useState, type FormEvent } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { apiPost } from "@/lib/agent/client";
import type { ApiErrorInfo } from "@rdv/core/schema";
import { ErrorAlert, fieldState } from "./form";

export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<ApiErrorInfo>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await apiPost("/v1/agent/auth/sign-in", { email: String(form.get("email") ?? "").trim(), password: String(form.get("password") ?? "") });
    if (result.ok) {
      window.location.assign(next);
      return;
    }
    setPending(false);
    setError(result.error);
  }

  return (
    <form method="post" onSubmit={(event) => void submit(event)} noValidate>
      <ErrorAlert error={error} shownFields={["email", "password"]} title="Connexion impossible" />
      <Input
        label="Adresse e-mail professionnelle"
        {...fieldState(error?.fields, "email")}
        nativeInputProps={{ name: "email", type: "email", autoComplete: "username", required: true, spellCheck: false }}
      />
      <Input
        label="Mot de passe"
        {...fieldState(error?.fields, "password")}
        nativeInputProps={{ name: "password", type: "password", autoComplete: "current-password", required: true }}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Connexion en cours…" : "Se connecter"}
      </Button>
    </form>
  );
}
