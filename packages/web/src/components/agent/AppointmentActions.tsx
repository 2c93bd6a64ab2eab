"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { apiPost } from "@/lib/agent/client";
import { MARK_ACTIONS, statusLabel, type Status } from "@/lib/agent/labels";
import { formatDateTime } from "@/lib/time";
import type { AgentSlotInfo } from "@rdv/core/schema";
import { StatusMessage } from "./form";
import { SlotPicker } from "./SlotPicker";

export interface AppointmentActionsProps {
  id: string;
  status: Status;
  startsAt: string;
  isPast: boolean;
  collective: boolean;
  motifId: string;
  placeId: string;
  timezone: string;
  agents: { id: string; firstName: string; lastName: string }[];
}

/** One-click statuses (past appointments), cancellation by the service and moving (appointments to come). */
export function AppointmentActions(props: AppointmentActionsProps) {
  const { id, status, startsAt, isPast, collective, motifId, placeId, timezone, agents } = props;
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const [moving, setMoving] = useState(false);
  const [target, setTarget] = useState<AgentSlotInfo>();
  const names = (ids: string[]) => ids.map((a) => agents.find((g) => g.id === a)).filter(Boolean).map((g) => `${g!.firstName} ${g!.lastName}`).join(", ");
  const path = `/v1/agent/appointments/${encodeURIComponent(id)}`;

  async function run(action: () => ReturnType<typeof apiPost>, success: string) {
    setPending(true);
    setError(undefined);
    setMessage(undefined);
    const result = await action();
    setPending(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setMessage(success);
    setConfirmRevoke(false);
    setMoving(false);
    setTarget(undefined);
    router.refresh();
  }

  return (
    <section aria-labelledby="actions-titre" className={fr.cx("fr-mb-6w")}>
      <h2 id="actions-titre" className={fr.cx("fr-h4")}>
        Actions
      </h2>
      <StatusMessage message={message} />
      {error && (
        <div className={fr.cx("fr-alert", "fr-alert--error", "fr-alert--sm", "fr-mb-2w")} role="alert">
          <p>{error}</p>
        </div>
      )}

      {isPast ? (
        <>
          <p>Ce rendez-vous est passé : indiquez ce qui s’est passé. Statut actuel : {statusLabel(status)}.</p>
          <div className="rdv-agent-inline" role="group" aria-label="Marquer le rendez-vous">
            {MARK_ACTIONS.map((action) => (
              <Button
                key={action.status}
                type="button"
                priority={status === action.status ? "primary" : "secondary"}
                disabled={pending}
                nativeButtonProps={{ "aria-pressed": status === action.status }}
                onClick={() => void run(() => apiPost(`${path}/status`, { status: action.status }), `Rendez-vous marqué : ${statusLabel(action.status)}.`)}
              >
                {action.label}
              </Button>
            ))}
          </div>
        </>
      ) : status !== "booked" ? (
        <p>Ce rendez-vous n’est plus prévu ({statusLabel(status)}).</p>
      ) : (
        <>
          <div className="rdv-agent-inline fr-mb-2w">
            {collective ? (
              <Link className={fr.cx("fr-btn", "fr-btn--secondary")} href={`/agent/prendre-rdv?${new URLSearchParams({ motif: motifId, lieu: placeId, seance: startsAt }).toString()}`}>
                Inscrire un usager à cette séance
              </Link>
            ) : (
              <Button type="button" priority="secondary" iconId="fr-icon-calendar-line" disabled={pending} onClick={() => setMoving(!moving)} nativeButtonProps={{ "aria-expanded": moving }}>
                Déplacer
              </Button>
            )}
            {!collective && (
              <Button
                type="button"
                priority="secondary"
                iconId="fr-icon-notification-3-line"
                disabled={pending}
                onClick={() => void run(() => apiPost(`${path}/waitlist`, {}), "L’usager est sur la liste d’attente : il recevra un SMS si un créneau plus tôt se libère.")}
              >
                Mettre sur liste d’attente
              </Button>
            )}
            <Button type="button" priority="tertiary" iconId="fr-icon-close-circle-line" disabled={pending} onClick={() => setConfirmRevoke(true)}>
              Annuler le rendez-vous
            </Button>
          </div>

          {confirmRevoke && (
            <div className={fr.cx("fr-callout", "fr-mb-2w")}>
              <h3 className={fr.cx("fr-callout__title", "fr-h6")}>Annuler ce rendez-vous ?</h3>
              <p className={fr.cx("fr-callout__text", "fr-text--md")}>
                Le créneau du {formatDateTime(startsAt, timezone)} sera libéré et chaque usager qui a un portable recevra un SMS d’annulation.
              </p>
              <div className="rdv-agent-inline fr-mt-2w">
                <Button type="button" disabled={pending} onClick={() => void run(() => apiPost(`${path}/revoke`), "Le rendez-vous est annulé ; l’usager est prévenu par SMS s’il a un portable.")}>
                  Oui, annuler le rendez-vous
                </Button>
                <Button type="button" priority="secondary" disabled={pending} onClick={() => setConfirmRevoke(false)}>
                  Non, le garder
                </Button>
              </div>
            </div>
          )}

          {moving && !collective && (
            <div className={fr.cx("fr-mb-2w")}>
              <SlotPicker motifId={motifId} placeId={placeId} initialDay={startsAt.slice(0, 10)} agentNames={names} selected={target?.startsAt} onChoose={setTarget} />
              {target && (
                <div className="rdv-agent-inline">
                  <Button
                    type="button"
                    disabled={pending}
                    onClick={() => void run(() => apiPost(`${path}/move`, { startsAt: target.startsAt }), `Rendez-vous déplacé au ${formatDateTime(target.startsAt, timezone)} ; l’usager est prévenu par SMS s’il a un portable.`)}
                  >
                    Déplacer au {formatDateTime(target.startsAt, timezone)}
                  </Button>
                </div>
              )}
            </div>
          )}
          <p className={fr.cx("fr-text--sm")}>Les statuts (honoré, lapin…) se marquent une fois le rendez-vous passé.</p>
        </>
      )}
    </section>
  );
}
