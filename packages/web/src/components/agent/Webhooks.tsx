"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { WEBHOOK_EVENT_TYPES, WebhookSecretInfo, type ApiErrorInfo } from "@rdv/core/schema";
import { apiPost } from "@/lib/agent/client";
import { ErrorAlert, fieldState } from "@/components/agent/form";
import { EVENT_LABELS } from "@/lib/agent/labels";

/** The secret, shown once: the admin copies it into the receiving tool. */
function SecretShown({ secret, title }: { secret: string; title: string }) {
  return (
    <Alert
      severity="success"
      title={title}
      className={fr.cx("fr-mb-3w")}
      description={
        <>
          <p>Copiez ce secret maintenant dans l’outil qui reçoit les événements : il ne sera plus affiché.</p>
          <p>
            <code data-testid="webhook-secret">{secret}</code>
          </p>
        </>
      }
    />
  );
}

export function WebhookCreateForm({ organisationId }: { organisationId: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiErrorInfo>();
  const [pending, setPending] = useState(false);
  const [secret, setSecret] = useState<string>();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    setPending(true);
    const result = await apiPost("/v1/agent/webhooks", { organisationId, url: String(form.get("url") ?? "").trim(), events: form.getAll("events").map(String) }, WebhookSecretInfo);
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      setSecret(undefined);
      return;
    }
    setError(undefined);
    setSecret(result.data.secret);
    element.reset();
    router.refresh();
  }
  const f = error?.fields;
  return (
    <form id="form-webhook" aria-labelledby="form-webhook-titre" noValidate className={fr.cx("fr-p-3w", "fr-mb-4w")} style={{ border: "1px solid var(--border-default-grey)" }} onSubmit={(e) => void submit(e)}>
      <h2 id="form-webhook-titre" className={fr.cx("fr-h5")}>
        Nouvel abonnement
      </h2>
      {secret && <SecretShown secret={secret} title="Abonnement créé" />}
      <ErrorAlert error={error} shownFields={["url", "events"]} as="h3" />
      <Input
        label="Adresse qui reçoit les événements"
        hintText="Elle doit commencer par https://"
        {...fieldState(f, "url")}
        nativeInputProps={{ name: "url", type: "url", autoComplete: "off", inputMode: "url" }}
      />
      <Checkbox
        legend="Événements envoyés"
        {...fieldState(f, "events")}
        options={WEBHOOK_EVENT_TYPES.map((type) => ({ label: EVENT_LABELS[type] ?? type, hintText: type, nativeInputProps: { name: "events", value: type } }))}
      />
      <Button type="submit" disabled={pending}>
        Créer l’abonnement
      </Button>
    </form>
  );
}

/** Rotates the secret (after a confirming click) and shows the new one once. */
export function RotateSecretButton({ webhookId, url }: { webhookId: string; url: string }) {
  const [confirming, setConfirming] = useState(false);
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function rotate() {
    setPending(true);
    const result = await apiPost(`/v1/agent/webhooks/${encodeURIComponent(webhookId)}/rotate`, {}, WebhookSecretInfo);
    setPending(false);
    setConfirming(false);
    if (!result.ok) return setError(result.error.message);
    setError(undefined);
    setSecret(result.data.secret);
  }
  return (
    <>
      {secret && <SecretShown secret={secret} title="Nouveau secret" />}
      {confirming ? (
        <span className="rdv-agent-table-actions">
          <Button type="button" size="small" disabled={pending} onClick={() => void rotate()} nativeButtonProps={{ "aria-label": `Confirmer le renouvellement du secret : ${url}` }}>
            Confirmer : l’ancien secret cesse de fonctionner
          </Button>
          <Button type="button" size="small" priority="secondary" onClick={() => setConfirming(false)}>
            Garder le secret actuel
          </Button>
        </span>
      ) : (
        <Button type="button" size="small" priority="secondary" onClick={() => setConfirming(true)} nativeButtonProps={{ "aria-label": `Renouveler le secret : ${url}` }}>
          Renouveler le secret
        </Button>
      )}
      {error && (
        <p className={fr.cx("fr-error-text")} role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export function ResendButton({ webhookId, deliveryId, label }: { webhookId: string; deliveryId: string; label: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function resend() {
    setPending(true);
    const result = await apiPost(`/v1/agent/webhooks/${encodeURIComponent(webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/resend`);
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    setError(undefined);
    router.refresh();
  }
  return (
    <>
      <Button type="button" size="small" priority="tertiary" disabled={pending} onClick={() => void resend()} nativeButtonProps={{ "aria-label": `Renvoyer : ${label}` }}>
        Renvoyer
      </Button>
      {error && (
        <p className={fr.cx("fr-error-text")} role="alert">
          {error}
        </p>
      )}
    </>
  );
}
