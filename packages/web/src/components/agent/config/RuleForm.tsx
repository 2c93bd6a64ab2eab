"use client";

import { useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { apiPost } from "@/lib/agent/client";
import { WEEKDAY_LABELS, WEEKDAYS } from "@/lib/agent/labels";
import type { ConfigOpeningRuleInfo } from "@rdv/core/schema";
import { fieldState } from "@/components/agent/form";
import { FormShell, integer, OptionSelect, text, useSave, type Named, type Person } from "./shared";

export function RuleForm({ agents, places, motifs, initial }: { agents: Person[]; places: Named[]; motifs: Named[]; initial?: ConfigOpeningRuleInfo }) {
  const { error, pending, message, save } = useSave(initial ? "Plage d’ouverture modifiée." : "Plage d’ouverture ajoutée.");
  const [weekly, setWeekly] = useState(initial ? Boolean(initial.recurrence) : true);
  const f = error?.fields;
  const motifError = Object.entries(f ?? {}).find(([key]) => key.startsWith("motifIds"))?.[1];
  return (
    <FormShell
      id="form-plage"
      title={initial ? "Modifier la plage d’ouverture" : "Ajouter une plage d’ouverture"}
      error={error}
      message={message}
      shownFields={["agentId", "placeId", "motifIds", "firstDay", "until", "start", "end", "recurrence.weekdays", "recurrence.everyWeeks", ...Object.keys(f ?? {}).filter((k) => k.startsWith("motifIds"))]}
      onSubmit={(form, element) =>
        void save(
          () =>
            apiPost("/v1/agent/configuration/opening-rules", {
              ...(initial ? { id: initial.id, exceptions: initial.exceptions ?? [] } : {}),
              agentId: text(form, "agentId") ?? "",
              placeId: text(form, "placeId") ?? "",
              motifIds: form.getAll("motifIds").map(String),
              firstDay: text(form, "firstDay") ?? "",
              until: text(form, "until"),
              start: text(form, "start") ?? "",
              end: text(form, "end") ?? "",
              recurrence: weekly ? { everyWeeks: integer(form, "everyWeeks") ?? 1, weekdays: form.getAll("weekdays").map(String) } : null,
            }),
          () => element.reset(),
        )
      }
    >
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <OptionSelect label="Agent" name="agentId" fields={f} placeholder="Choisir un agent" defaultValue={initial?.agentId} options={agents.map((a) => ({ value: a.id, label: `${a.firstName} ${a.lastName}` }))} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <OptionSelect label="Lieu" name="placeId" fields={f} placeholder="Choisir un lieu" defaultValue={initial?.placeId} options={places.map((p) => ({ value: p.id, label: p.name }))} />
        </div>
      </div>
      <Checkbox
        legend="Motifs proposés sur cette plage"
        small
        {...(motifError ? { state: "error" as const, stateRelatedMessage: motifError } : {})}
        options={motifs.map((m) => ({ label: m.name, nativeInputProps: { name: "motifIds", value: m.id, defaultChecked: initial?.motifIds.includes(m.id) ?? false } }))}
      />
      <RadioButtons
        legend="Répétition"
        orientation="horizontal"
        options={[
          { label: "Chaque semaine ou toutes les N semaines", nativeInputProps: { name: "kind", value: "weekly", checked: weekly, onChange: () => setWeekly(true) } },
          { label: "Un seul jour", nativeInputProps: { name: "kind", value: "single", checked: !weekly, onChange: () => setWeekly(false) } },
        ]}
      />
      {weekly && (
        <>
          <Checkbox
            legend="Jours de la semaine"
            orientation="horizontal"
            small
            {...fieldState(f, "recurrence.weekdays")}
            options={WEEKDAYS.map((d) => ({ label: WEEKDAY_LABELS[d]!, nativeInputProps: { name: "weekdays", value: d, defaultChecked: initial?.recurrence?.weekdays.includes(d) ?? false } }))}
          />
          <Input
            label="Toutes les combien de semaines ?"
            hintText="1 = chaque semaine, 2 = une semaine sur deux"
            {...fieldState(f, "recurrence.everyWeeks")}
            nativeInputProps={{ name: "everyWeeks", type: "number", min: 1, max: 8, defaultValue: initial?.recurrence?.everyWeeks ?? 1 }}
          />
        </>
      )}
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
          <Input label={weekly ? "À partir du" : "Le"} {...fieldState(f, "firstDay")} nativeInputProps={{ name: "firstDay", type: "date", defaultValue: initial?.firstDay }} />
        </div>
        {weekly && (
          <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
            <Input label="Jusqu’au (facultatif)" {...fieldState(f, "until")} nativeInputProps={{ name: "until", type: "date", defaultValue: initial?.until }} />
          </div>
        )}
        <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
          <Input label="De" {...fieldState(f, "start")} nativeInputProps={{ name: "start", type: "time", step: 300, defaultValue: initial?.start ?? "09:00" }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
          <Input label="À" {...fieldState(f, "end")} nativeInputProps={{ name: "end", type: "time", step: 300, defaultValue: initial?.end ?? "12:00" }} />
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {initial ? "Enregistrer la plage" : "Ajouter la plage"}
      </Button>
    </FormShell>
  );
}
