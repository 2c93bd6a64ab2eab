"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { ApiKeyCreated, type ApiErrorInfo } from "@rdv/core/schema";
import { apiPost } from "@/lib/agent/client";
import { fieldState } from "@/components/agent/form";
import { FormShell, text } from "./shared";

/** Creates an API key; the key is shown once, with a copy button, then never again. */
export function ApiKeyForm({ organisationId }: { organisationId: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiErrorInfo>();
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string }>();
  const [copied, setCopied] = useState(false);
  const f = error?.fields;

  async function create(form: FormData, element: HTMLFormElement) {
    setPending(true);
    setCopied(false);
    const name = text(form, "name") ?? "";
    const scopes = text(form, "scopes") === "write" ? ["read", "write"] : ["read"];
    const result = await apiPost("/v1/agent/api-keys", { name, organisationId, scopes }, ApiKeyCreated);
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(undefined);
    setCreated({ name, key: result.data.key });
    element.reset();
    router.refresh();
  }

  async function copy(key: string) {
    await navigator.clipboard.writeText(key);
    setCopied(true);
  }

  return (
    <>
      {created && (
        <div className={fr.cx("fr-alert", "fr-alert--success", "fr-mb-4w")} role="status">
          <h3 className={fr.cx("fr-alert__title")}>Clé « {created.name} » créée</h3>
          <p>Copiez-la maintenant et gardez-la en lieu sûr : elle ne sera plus affichée.</p>
          <p>
            <label htmlFor="cle-api-creee" className={fr.cx("fr-label")}>
              Clé d’API
            </label>
            <input id="cle-api-creee" className={fr.cx("fr-input")} readOnly value={created.key} onFocus={(event) => event.currentTarget.select()} />
          </p>
          <Button type="button" size="small" iconId="fr-icon-clipboard-line" onClick={() => void copy(created.key)}>
            Copier la clé
          </Button>
          {copied && <p className={fr.cx("fr-mt-1w")}>Clé copiée.</p>}
        </div>
      )}
      <FormShell id="form-cle-api" title="Créer une clé d’API" error={error} message={undefined} shownFields={["name", "scopes"]} onSubmit={(form, element) => void create(form, element)}>
        <Input
          label="Nom de la clé"
          hintText="Le logiciel qui l’utilisera, par exemple « Logiciel RSA »"
          {...fieldState(f, "name")}
          nativeInputProps={{ name: "name", autoComplete: "off", maxLength: 80 }}
        />
        <RadioButtons
          legend="Droits"
          {...fieldState(f, "scopes")}
          options={[
            { label: "Lecture", hintText: "Consulter les lieux, motifs, agents et rendez-vous", nativeInputProps: { name: "scopes", value: "read", defaultChecked: true } },
            { label: "Lecture et écriture", hintText: "Aussi prendre, annuler et marquer des rendez-vous, enregistrer des usagers", nativeInputProps: { name: "scopes", value: "write" } },
          ]}
        />
        <Button type="submit" disabled={pending}>
          Créer la clé
        </Button>
      </FormShell>
    </>
  );
}
