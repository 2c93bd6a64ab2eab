"use client";

import { useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { CalendarFeedCreatedInfo, CalendarFeedStatusInfo, type ApiErrorInfo } from "@rdv/core/schema";
import { apiDelete, apiPost } from "@/lib/agent/client";
import { formatDateTime } from "@/lib/time";
import { ErrorAlert, StatusMessage } from "./form";

/**
 * « Mon agenda dans mon calendrier »: a secret address of the agent's appointments for Outlook and
 * other calendars. The address is shown once, when it is made (only its fingerprint is kept);
 * a new one replaces it, revoking stops it.
 */
export function CalendarFeedSection({ initial, timezone }: { initial: CalendarFeedStatusInfo; timezone: string }) {
  const [status, setStatus] = useState(initial);
  const [url, setUrl] = useState<string>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiErrorInfo>();
  const [message, setMessage] = useState<string>();

  async function make() {
    setPending(true);
    setError(undefined);
    const result = await apiPost("/v1/agent/calendar-feed", {}, CalendarFeedCreatedInfo);
    setPending(false);
    if (!result.ok) return setError(result.error);
    setUrl(result.data.url);
    setStatus({ active: true, createdAt: result.data.createdAt });
    setMessage(status.active ? "Nouvelle adresse créée : l’ancienne ne fonctionne plus." : "Adresse créée.");
  }

  async function revoke() {
    setPending(true);
    setError(undefined);
    const result = await apiDelete("/v1/agent/calendar-feed");
    setPending(false);
    if (!result.ok) return setError(result.error);
    const parsed = CalendarFeedStatusInfo.safeParse(result.data);
    setStatus(parsed.success ? parsed.data : { active: false });
    setUrl(undefined);
    setMessage("Adresse révoquée : votre calendrier ne la lira plus.");
  }

  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setMessage("Adresse copiée.");
    } catch {
      setMessage("Copie impossible : sélectionnez l’adresse et copiez-la vous-même.");
    }
  }

  return (
    <section aria-labelledby="calendrier" className={fr.cx("fr-mb-6w")}>
      <h2 id="calendrier" className={fr.cx("fr-h4")}>
        Mes rendez-vous dans mon calendrier
      </h2>
      <p>
        Abonnez Outlook, Thunderbird ou votre téléphone à cette adresse secrète : vos rendez-vous des 30 derniers jours et des 6 prochains mois y apparaissent, mis à jour
        par votre calendrier. Les usagers n’y figurent que par leurs initiales, sans numéro de téléphone. Ne la partagez pas.
      </p>
      <StatusMessage message={message} />
      <ErrorAlert error={error} title="Action impossible" as="h3" />
      {url && (
        <div className="rdv-agent-inline fr-mb-2w">
          <Input label="Adresse de votre calendrier (affichée une seule fois)" className={fr.cx("fr-mb-0")} nativeInputProps={{ value: url, readOnly: true, onFocus: (e) => e.currentTarget.select() }} />
          <Button type="button" priority="secondary" iconId="fr-icon-clipboard-line" onClick={() => void copy()}>
            Copier l’adresse
          </Button>
        </div>
      )}
      <p>{status.active ? `Une adresse est active depuis le ${formatDateTime(status.createdAt ?? "", timezone)}.` : "Aucune adresse active."}</p>
      <div className="rdv-agent-inline">
        <Button type="button" disabled={pending} onClick={() => void make()}>
          {status.active ? "Créer une nouvelle adresse" : "Créer l’adresse"}
        </Button>
        {status.active && (
          <Button type="button" priority="secondary" disabled={pending} onClick={() => void revoke()}>
            Révoquer l’adresse
          </Button>
        )}
      </div>
    </section>
  );
}
