"use client";

import { useEffect, useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { AgendaInfo, type AgendaMotifInfo, type AppointmentSummaryInfo } from "@rdv/core/schema";
import { apiGet } from "@/lib/agent/client";
import { addDays, capitalize, formatDateTime } from "@/lib/time";
import { NewSessionForm, useNewSessionState } from "./NewSessionForm";
import type { Person } from "./person";

export type { Person } from "./person";

interface SessionChooserProps {
  organisationId: string;
  motif: AgendaMotifInfo;
  placeId: string;
  capacity: number | undefined;
  agents: Person[];
  meId: string;
  timezone: string;
  today: string;
  nowIso: string;
  preselected: string | undefined;
  selected: string | undefined;
  onChoose: (session: AppointmentSummaryInfo) => void;
  agentNames: (ids: string[]) => string;
}

/** The open sessions of a collective motif at a place (next six weeks), and a form to create one. */
export function SessionChooser(props: SessionChooserProps) {
  const { organisationId, motif, placeId, capacity, agents, meId, timezone, today, nowIso, preselected, selected, onChoose, agentNames } = props;
  const [sessions, setSessions] = useState<AppointmentSummaryInfo[]>();
  const [loadError, setLoadError] = useState<string>();
  const [reload, setReload] = useState(0);
  const [creating, setCreating] = useState(false);
  const newSession = useNewSessionState(agents.some((a) => a.id === meId) ? [meId] : []);

  useEffect(() => {
    let cancelled = false;
    void apiGet("/v1/agent/agenda", { organisation: organisationId, from: today, to: addDays(today, 41) }, AgendaInfo).then((result) => {
      if (cancelled) return;
      if (!result.ok) {
        setLoadError(result.error.message);
        return;
      }
      const open = result.data.appointments
        .filter((a) => a.collective && a.motifId === motif.id && a.placeId === placeId && a.status === "booked" && Date.parse(a.startsAt) > Date.parse(nowIso))
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      setSessions(open);
      const first = open.find((s) => s.startsAt === preselected || Date.parse(s.startsAt) === Date.parse(preselected ?? ""));
      if (first && !selected) onChoose(first);
    });
    return () => {
      cancelled = true;
    };
  }, [organisationId, motif.id, placeId, today, reload]);

  return (
    <div>
      {loadError && <p className={fr.cx("fr-error-text")}>{loadError}</p>}
      {!sessions ? (
        !loadError && <p>Recherche des séances…</p>
      ) : sessions.length === 0 ? (
        <p>Aucune séance à venir dans les six prochaines semaines. Créez-en une ci-dessous.</p>
      ) : (
        <fieldset className={fr.cx("fr-fieldset")}>
          <legend className={fr.cx("fr-fieldset__legend")}>Séances à venir</legend>
          {sessions.map((s) => {
            const full = s.capacity !== undefined && s.seatsTaken >= s.capacity;
            const id = `seance-${s.id}`;
            return (
              <div key={s.id} className={fr.cx("fr-fieldset__element")}>
                <div className={fr.cx("fr-radio-group")}>
                  <input type="radio" id={id} name="seance" disabled={full} checked={selected === s.startsAt} onChange={() => onChoose(s)} />
                  <label className={fr.cx("fr-label")} htmlFor={id}>
                    {capitalize(formatDateTime(s.startsAt, timezone))} — {s.seatsTaken} place{s.seatsTaken > 1 ? "s" : ""} prise{s.seatsTaken > 1 ? "s" : ""} sur {s.capacity ?? "?"}
                    {full ? " (complète)" : ""}
                    <span className={fr.cx("fr-hint-text")}>Avec {agentNames(s.agentIds) || "—"}</span>
                  </label>
                </div>
              </div>
            );
          })}
        </fieldset>
      )}
      <Button type="button" priority="secondary" size="small" iconId="fr-icon-add-line" onClick={() => setCreating(!creating)} nativeButtonProps={{ "aria-expanded": creating, "aria-controls": "nouvelle-seance" }}>
        Créer une séance
      </Button>
      {creating && (
        <NewSessionForm
          motifId={motif.id}
          placeId={placeId}
          capacity={capacity}
          agents={agents}
          state={newSession}
          timezone={timezone}
          onCreated={() => {
            setCreating(false);
            setReload((r) => r + 1);
          }}
        />
      )}
    </div>
  );
}
