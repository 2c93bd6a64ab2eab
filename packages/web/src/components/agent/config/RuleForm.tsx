"use client";

import { useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { apiPost } from "@/lib/agent/client";
import type { ConfigOpeningRuleInfo } from "@rdv/core/schema";
import { fieldState } from "@/components/agent/form";
import { kindOf, RECURRENCE_FIELDS, RecurrenceFields, recurrenceFrom, type RecurrenceKind } from "./RecurrenceFields";
import { FormShell, OptionSelect, text, useSave, type Named, type Person } from "./shared";

export function RuleForm({ agents, places, motifs, initial }: { agents: Person[]; places: Named[]; motifs: Named[]; initial?: ConfigOpeningRuleInfo }) {
  const { error, pending, message, save } = useSave(initial ? "Plage d’ouverture modifiée." : "Plage d’ouverture ajoutée.");
  const [kind, setKind] = useState<RecurrenceKind>(initial ? kindOf(initial.recurrence) : "weekly");
  const repeats = kind !== "none";
  const f = error?.fields;
  const motifError = Object.entries(f ?? {}).find(([key]) => key.startsWith("motifIds"))?.[1];
  return (
    <FormShell
      id="form-plage"
      title={initial ? "Modifier la plage d’ouverture" : "Ajouter une plage d’ouverture"}
      error={error}
      message={message}
      shownFields={["agentId", "placeId", "motifIds", "firstDay", "until", "start", "end", ...RECURRENCE_FIELDS, ...Object.keys(f ?? {}).filter((k) => k.startsWith("motifIds"))]}
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
              recurrence: recurrenceFrom(form, kind),
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
      <RecurrenceFields kind={kind} onKind={setKind} initial={initial?.recurrence} fields={f} noneLabel="Un seul jour" />
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
          <Input label={repeats ? "À partir du" : "Le"} {...fieldState(f, "firstDay")} nativeInputProps={{ name: "firstDay", type: "date", defaultValue: initial?.firstDay }} />
        </div>
        {repeats && (
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
