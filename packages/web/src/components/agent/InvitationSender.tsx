"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { apiPost } from "@/lib/agent/client";
import type { ApiErrorInfo, ServiceUserInfo } from "@rdv/core/schema";
import { ErrorAlert, StatusMessage, fieldState } from "./form";
import { UsagerPicker } from "./UsagerPicker";

interface MotifChoice {
  id: string;
  name: string;
  serviceId: string;
  referentOnly: boolean;
}

/** Sends a booking invitation: the usager (found or created), the motifs, the référents, the channels, the last day. */
export function InvitationSender({ organisationId, motifs, agents }: { organisationId: string; motifs: MotifChoice[]; agents: Array<{ id: string; name: string }> }) {
  const router = useRouter();
  const [usager, setUsager] = useState<ServiceUserInfo>();
  const [error, setError] = useState<ApiErrorInfo>();
  const [pending, setPending] = useState(false);
  const [sent, setSent] = useState<string>();

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!usager) return;
    const form = new FormData(event.currentTarget);
    const referents = form.getAll("referentAgentIds").map(String);
    const expiresOn = String(form.get("expiresOn") ?? "");
    setPending(true);
    const result = await apiPost("/v1/agent/booking-invitations", {
      serviceUserId: usager.id,
      organisationId,
      motifIds: form.getAll("motifIds").map(String),
      channels: form.getAll("channels").map(String),
      ...(referents.length > 0 ? { referentAgentIds: referents } : {}),
      ...(expiresOn ? { expiresOn } : {}),
    });
    setPending(false);
    if (result.ok) {
      setError(undefined);
      setSent(`Invitation envoyée à ${usager.firstName} ${usager.lastName}.`);
      setUsager(undefined);
      router.refresh();
    } else setError(result.error);
  }

  return (
    <section aria-labelledby="inviter-titre" className={fr.cx("fr-mb-4w")}>
      <h2 id="inviter-titre">Inviter un usager</h2>
      <StatusMessage message={sent} />
      {!usager ? (
        <UsagerPicker organisationId={organisationId} onChoose={(user) => { setSent(undefined); setUsager(user); }} />
      ) : (
        <form onSubmit={(event) => void send(event)}>
          <p>
            Usager : <strong>{usager.firstName} {usager.lastName}</strong>{" "}
            <Button priority="tertiary" size="small" type="button" onClick={() => setUsager(undefined)}>
              Changer d’usager
            </Button>
          </p>
          <ErrorAlert error={error} shownFields={["motifIds", "channels", "expiresOn", "referentAgentIds"]} title="L’invitation n’est pas partie" />
          <Checkbox
            legend="Motifs proposés"
            {...fieldState(error?.fields, "motifIds", "motifIds[0]")}
            options={motifs.map((m) => ({ label: m.referentOnly ? `${m.name} (avec le référent seulement)` : m.name, nativeInputProps: { name: "motifIds", value: m.id } }))}
          />
          <Checkbox
            legend="Référents de l’usager (facultatif)"
            hintText="Pour les motifs réservés aux référents, seuls leurs créneaux sont proposés."
            {...fieldState(error?.fields, "referentAgentIds")}
            options={agents.map((a) => ({ label: a.name, nativeInputProps: { name: "referentAgentIds", value: a.id } }))}
          />
          <Checkbox
            legend="Envoyer par"
            orientation="horizontal"
            {...fieldState(error?.fields, "channels")}
            options={[
              { label: "SMS", nativeInputProps: { name: "channels", value: "sms", defaultChecked: Boolean(usager.phone) } },
              { label: "E-mail", nativeInputProps: { name: "channels", value: "email", defaultChecked: Boolean(usager.email) } },
            ]}
          />
          <Input label="Valable jusqu’au (facultatif : 30 jours)" nativeInputProps={{ type: "date", name: "expiresOn" }} {...fieldState(error?.fields, "expiresOn")} />
          <Button type="submit" disabled={pending}>
            Envoyer l’invitation
          </Button>
        </form>
      )}
    </section>
  );
}
