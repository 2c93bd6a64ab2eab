"use client";

import { useEffect, useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { apiGet } from "@/lib/agent/client";
import { addDays, capitalize, formatDay, formatLocalDate, mondayOf } from "@/lib/time";
import { AgentSlotsInfo, type AgentSlotInfo } from "@rdv/core/schema";

export interface SlotPickerProps {
  motifId: string;
  placeId: string;
  /** a day of the first week shown */
  initialDay: string;
  agentNames: (ids: string[]) => string;
  selected: string | undefined;
  onChoose: (slot: AgentSlotInfo) => void;
  /** changes when a booking was made, to read the free slots again */
  refreshKey?: number;
}

/** A week of free slots of the organisation's agents (no booking window for agents), one button each. */
export function SlotPicker({ motifId, placeId, initialDay, agentNames, selected, onChoose, refreshKey = 0 }: SlotPickerProps) {
  const [monday, setMonday] = useState(() => mondayOf(initialDay));
  const [state, setState] = useState<{ key: string; slots?: AgentSlotInfo[]; error?: string }>({ key: "" });
  const key = `${motifId}|${placeId}|${monday}|${refreshKey}`;

  useEffect(() => {
    let cancelled = false;
    void apiGet("/v1/agent/slots", { motif: motifId, place: placeId, from: monday, to: addDays(monday, 6) }, AgentSlotsInfo).then((result) => {
      if (cancelled) return;
      setState(result.ok ? { key, slots: result.data.slots } : { key, error: result.error.message });
    });
    return () => {
      cancelled = true;
    };
  }, [key, motifId, placeId, monday]);

  const loading = state.key !== key;
  const byDay = new Map<string, AgentSlotInfo[]>();
  for (const slot of state.slots ?? []) {
    const day = slot.startsAt.slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }

  return (
    <section aria-labelledby="creneaux-semaine">
      <div className={fr.cx("fr-grid-row", "fr-grid-row--middle", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md")}>
          <h3 id="creneaux-semaine" className={fr.cx("fr-h6", "fr-mb-0")}>
            Créneaux libres — semaine du {formatDay(monday)} au {formatLocalDate(addDays(monday, 6))}
          </h3>
        </div>
        <div className={`${fr.cx("fr-col-12")} rdv-agent-col-auto`}>
          <div className="rdv-agent-inline">
            <Button type="button" priority="secondary" size="small" iconId="fr-icon-arrow-left-s-line" onClick={() => setMonday(addDays(monday, -7))}>
              Semaine précédente
            </Button>
            <Button type="button" priority="secondary" size="small" iconId="fr-icon-arrow-right-s-line" iconPosition="right" onClick={() => setMonday(addDays(monday, 7))}>
              Semaine suivante
            </Button>
          </div>
        </div>
      </div>
      <div aria-live="polite" aria-busy={loading} className={fr.cx("fr-mt-2w")}>
        {loading ? (
          <p>Recherche des créneaux libres…</p>
        ) : state.error ? (
          <p className={fr.cx("fr-error-text")}>{state.error}</p>
        ) : byDay.size === 0 ? (
          <p>Aucun créneau libre cette semaine. Essayez la semaine suivante, ou choisissez un autre horaire ci-dessous.</p>
        ) : (
          [...byDay.entries()].map(([day, slots]) => (
            <div key={day}>
              <h4 className={fr.cx("fr-text--md", "fr-text--bold", "fr-mb-1w")}>{capitalize(formatDay(day))}</h4>
              <ul className="rdv-agent-slots">
                {slots.map((slot) => {
                  const time = slot.startsAt.slice(11, 16);
                  const names = agentNames(slot.agentIds);
                  const isSelected = selected === slot.startsAt;
                  return (
                    <li key={slot.startsAt}>
                      <Button
                        type="button"
                        size="small"
                        priority={isSelected ? "primary" : "secondary"}
                        nativeButtonProps={{ "aria-pressed": isSelected, "aria-label": `${capitalize(formatDay(day))} à ${time}${names ? `, avec ${names}` : ""}` }}
                        onClick={() => onChoose(slot)}
                      >
                        {time}
                      </Button>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))
        )}
      </div>
    </section>
  );
}
