"use client";

import { useState } from "react";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { AppointmentDetailInfo, type AppointmentSummaryInfo } from "@rdv/core/schema";
import { apiPost } from "@/lib/agent/client";
import { arrivalLabel, DSFR_BADGE, statusLabel } from "@/lib/agent/labels";
import { capitalize, formatDay } from "@/lib/time";

/** The appointments of the period shown by the calendar, as a table (the accessible reading of the agenda). */
export function AgendaList(props: {
  appointments: AppointmentSummaryInfo[];
  loading: boolean;
  motifName: (id: string) => string | undefined;
  placeName: (id: string) => string | undefined;
  agentNames: (ids: string[]) => string;
  /** today in the département (YYYY-MM-DD): its booked appointments get the arrival button */
  today: string;
  /** an arrival was marked or undone: the appointment as it is now */
  onArrival: (appointmentId: string, arrivedAt: string | undefined) => void;
}) {
  const { appointments, loading, motifName, placeName, agentNames, today, onArrival } = props;
  const [pending, setPending] = useState<string>();
  const [problem, setProblem] = useState<string>();
  async function arrival(appointmentId: string, arrived: boolean) {
    setPending(appointmentId);
    const result = await apiPost(`/v1/agent/appointments/${encodeURIComponent(appointmentId)}/arrival`, { arrived }, AppointmentDetailInfo);
    setPending(undefined);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setProblem(undefined);
    onArrival(appointmentId, result.data.arrivedAt);
  }
  return (
    <section className={fr.cx("fr-mt-4w")} aria-labelledby="liste-rdv">
      <h2 id="liste-rdv" className={fr.cx("fr-h5")}>
        Rendez-vous de la période ({appointments.length})
      </h2>
      <p role="status" aria-live="polite" className={problem ? "fr-error-text fr-mb-2w" : "fr-sr-only"}>
        {problem ?? ""}
      </p>
      {appointments.length === 0 ? (
        <p>{loading ? "Chargement…" : "Aucun rendez-vous sur cette période."}</p>
      ) : (
        <div className={fr.cx("fr-table", "fr-table--no-caption")}>
          <table>
            <caption>Rendez-vous de la période</caption>
            <thead>
              <tr>
                <th scope="col">Date et heure</th>
                <th scope="col">Usager</th>
                <th scope="col">Motif</th>
                <th scope="col">Lieu</th>
                <th scope="col">Agents</th>
                <th scope="col">Statut</th>
                <th scope="col">Accueil</th>
              </tr>
            </thead>
            <tbody>
              {appointments.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link href={`/agent/rendez-vous/${encodeURIComponent(a.id)}`}>
                      {capitalize(formatDay(a.startsAt.slice(0, 10)))} à {a.startsAt.slice(11, 16)}
                    </Link>
                  </td>
                  <td>{a.label || "—"}</td>
                  <td>{motifName(a.motifId) ?? "—"}</td>
                  <td>{placeName(a.placeId) ?? "—"}</td>
                  <td>{agentNames(a.agentIds) || "—"}</td>
                  <td>
                    <Badge as="span" severity={DSFR_BADGE[a.status]} small noIcon>
                      {statusLabel(a.status)}
                    </Badge>
                  </td>
                  <td>
                    {a.arrivedAt && <p className={fr.cx("fr-mb-1v", "fr-text--bold")}>{arrivalLabel(a.arrivedAt)}</p>}
                    {a.status === "booked" && a.startsAt.slice(0, 10) === today ? (
                      a.arrivedAt ? (
                        <Button priority="tertiary" size="small" disabled={pending === a.id} onClick={() => void arrival(a.id, false)} nativeButtonProps={{ "aria-label": `Annuler l’arrivée de ${a.label || "l’usager"} à ${a.startsAt.slice(11, 16)}` }}>
                          Annuler l’arrivée
                        </Button>
                      ) : (
                        <Button priority="secondary" size="small" disabled={pending === a.id} onClick={() => void arrival(a.id, true)} nativeButtonProps={{ "aria-label": `Arrivé : ${a.label || "l’usager"} à ${a.startsAt.slice(11, 16)}` }}>
                          Arrivé
                        </Button>
                      )
                    ) : (
                      !a.arrivedAt && "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
