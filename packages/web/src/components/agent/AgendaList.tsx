"use client";

import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { AppointmentSummaryInfo } from "@rdv/core/schema";
import { DSFR_BADGE, statusLabel } from "@/lib/agent/labels";
import { capitalize, formatDay } from "@/lib/time";

/** The appointments of the period shown by the calendar, as a table (the accessible reading of the agenda). */
export function AgendaList(props: {
  appointments: AppointmentSummaryInfo[];
  loading: boolean;
  motifName: (id: string) => string | undefined;
  placeName: (id: string) => string | undefined;
  agentNames: (ids: string[]) => string;
}) {
  const { appointments, loading, motifName, placeName, agentNames } = props;
  return (
    <section className={fr.cx("fr-mt-4w")} aria-labelledby="liste-rdv">
      <h2 id="liste-rdv" className={fr.cx("fr-h5")}>
        Rendez-vous de la période ({appointments.length})
      </h2>
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
