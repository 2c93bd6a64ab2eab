"use client";

import { fr } from "@codegouvfr/react-dsfr";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { AgendaMotifInfo } from "@rdv/core/schema";
import { formatDuration, LOCATION_LABELS } from "@/lib/agent/labels";

type Named = { id: string; name: string };

/** Step 2: the motif (grouped by service) and the place. */
export function MotifPlaceStep(props: {
  services: Named[];
  motifs: AgendaMotifInfo[];
  motifId: string;
  places: Named[];
  placeId: string | undefined;
  onMotif: (motifId: string) => void;
  onPlace: (placeId: string) => void;
}) {
  const { services, motifs, motifId, places, placeId, onMotif, onPlace } = props;
  return (
    <section aria-labelledby="etape-motif" className={fr.cx("fr-mb-5w")}>
      <h2 id="etape-motif" className={fr.cx("fr-h4")}>
        2. Motif et lieu
      </h2>
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Select label="Motif" nativeSelectProps={{ value: motifId, onChange: (event) => onMotif(event.currentTarget.value), name: "motif" }}>
            <option value="" disabled>
              Choisir un motif
            </option>
            {services
              .filter((s) => motifs.some((m) => m.serviceId === s.id))
              .map((service) => (
                <optgroup key={service.id} label={service.name}>
                  {motifs
                    .filter((m) => m.serviceId === service.id)
                    .map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name} ({formatDuration(m.durationMinutes)}, {(LOCATION_LABELS[m.locationType] ?? m.locationType).toLowerCase()}
                        {m.collective ? ", collectif" : ""})
                      </option>
                    ))}
                </optgroup>
              ))}
          </Select>
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Select label="Lieu" disabled={!motifs.some((m) => m.id === motifId)} nativeSelectProps={{ value: placeId ?? "", onChange: (event) => onPlace(event.currentTarget.value), name: "lieu" }}>
            <option value="" disabled>
              Choisir un lieu
            </option>
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </div>
      </div>
    </section>
  );
}
