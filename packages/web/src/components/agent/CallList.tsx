"use client";

import { useState } from "react";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { CallOutcomeInfo, type CallListItemInfo } from "@rdv/core/schema";
import { apiPost } from "@/lib/agent/client";
import { CALL_OUTCOMES, CALL_REASONS } from "@/lib/agent/labels";
import { formatPhone, telHref } from "@/lib/phone";
import { capitalize, formatDate, formatTime } from "@/lib/time";
import { StatusMessage } from "./form";

const ACTIONS = [
  { outcome: "confirmed", label: "Confirmé" },
  { outcome: "unreachable", label: "Injoignable" },
  { outcome: "cancelled", label: "Annulé" },
] as const;

/** The call list: each appointment with why to call, the number to dial, and the outcome buttons. */
export function CallList({ items, timezone }: { items: CallListItemInfo[]; timezone: string }) {
  const [rows, setRows] = useState(items);
  const [message, setMessage] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<string>();

  async function record(item: CallListItemInfo, outcome: (typeof ACTIONS)[number]["outcome"]) {
    if (outcome === "cancelled" && !window.confirm("Annuler ce rendez-vous ? L’usager recevra un SMS d’annulation s’il a un portable.")) return;
    setPending(item.appointmentId);
    const result = await apiPost(`/v1/agent/call-list/${encodeURIComponent(item.appointmentId)}`, { outcome }, CallOutcomeInfo);
    setPending(undefined);
    if (!result.ok) {
      setErrors((current) => ({ ...current, [item.appointmentId]: result.error.message }));
      return;
    }
    setErrors((current) => ({ ...current, [item.appointmentId]: "" }));
    setRows((current) =>
      current.map((r) => (r.appointmentId === item.appointmentId ? { ...r, outcome: result.data.outcome, status: outcome === "cancelled" ? "revoked" : r.status } : r)),
    );
    setMessage(`${item.serviceUser.firstName} ${item.serviceUser.lastName}, ${formatDate(item.startsAt, timezone)} à ${formatTime(item.startsAt, timezone)} : ${CALL_OUTCOMES[outcome]}.`);
  }

  return (
    <>
      <StatusMessage message={message} />
      {rows.length === 0 ? (
        <p>Personne à appeler pour le moment. Merci !</p>
      ) : (
        <div className={fr.cx("fr-table")}>
          <table>
            <caption>Usagers à appeler ({rows.filter((r) => !r.outcome).length} sur {rows.length})</caption>
            <thead>
              <tr>
                <th scope="col">Date et heure</th>
                <th scope="col">Usager</th>
                <th scope="col">Téléphone</th>
                <th scope="col">Pourquoi appeler</th>
                <th scope="col">Résultat de l’appel</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => {
                const who = `${item.serviceUser.firstName} ${item.serviceUser.lastName}`;
                const when = `${formatDate(item.startsAt, timezone)} à ${formatTime(item.startsAt, timezone)}`;
                return (
                  <tr key={item.appointmentId} data-appointment={item.appointmentId}>
                    <td>
                      <Link href={`/agent/rendez-vous/${encodeURIComponent(item.appointmentId)}`}>
                        {capitalize(formatDate(item.startsAt, timezone))} à {formatTime(item.startsAt, timezone)}
                      </Link>
                      <br />
                      <span className={fr.cx("fr-text--sm")}>{item.motifName}</span>
                    </td>
                    <td>{who}</td>
                    <td>{item.serviceUser.phone ? <a href={telHref(item.serviceUser.phone)}>{formatPhone(item.serviceUser.phone)}</a> : "Pas de numéro"}</td>
                    <td>
                      <ul className="rdv-agent-plain">
                        {item.reasons.map((reason) => (
                          <li key={reason}>{CALL_REASONS[reason]}</li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {item.outcome ? (
                        <p className={fr.cx("fr-mb-1w")}>
                          <strong>{CALL_OUTCOMES[item.outcome.outcome]}</strong>
                          {item.outcome.agentName ? ` (${item.outcome.agentName}, ${formatDate(item.outcome.at, timezone)} à ${formatTime(item.outcome.at, timezone)})` : ""}
                        </p>
                      ) : null}
                      {item.status === "booked" ? (
                        <div className="rdv-agent-table-actions" role="group" aria-label={`Résultat de l’appel à ${who}`}>
                          {ACTIONS.map((action) => (
                            <Button
                              key={action.outcome}
                              type="button"
                              size="small"
                              priority={action.outcome === "confirmed" ? "secondary" : "tertiary"}
                              disabled={pending === item.appointmentId}
                              nativeButtonProps={{ "aria-label": `${action.label} : ${who}, ${when}` }}
                              onClick={() => void record(item, action.outcome)}
                            >
                              {action.label}
                            </Button>
                          ))}
                        </div>
                      ) : null}
                      {errors[item.appointmentId] ? (
                        <p className={fr.cx("fr-error-text")} role="alert">
                          {errors[item.appointmentId]}
                        </p>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
