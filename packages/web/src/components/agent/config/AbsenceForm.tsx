"use client";

import { useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { ConfigAbsenceInfo } from "@rdv/core/schema";
import { apiPost } from "@/lib/agent/client";
import { fieldState } from "@/components/agent/form";
import { kindOf, RECURRENCE_FIELDS, RecurrenceFields, recurrenceFrom, type RecurrenceKind } from "./RecurrenceFields";
import { FormShell, OptionSelect, text, useSave, type Person } from "./shared";

export function AbsenceForm({ agents, defaultAgentId, initial }: { agents: Person[]; defaultAgentId: string; initial?: ConfigAbsenceInfo }) {
  const { error, pending, message, save } = useSave(initial ? "Absence modifiée." : "Absence ajoutée.");
  const [kind, setKind] = useState<RecurrenceKind>(kindOf(initial?.recurrence));
  const f = error?.fields;
  return (
    <FormShell
      id="form-absence"
      title={initial ? "Modifier l’absence" : "Ajouter une absence"}
      error={error}
      message={message}
      shownFields={["agentId", "title", "start", "end", "until", ...RECURRENCE_FIELDS]}
      onSubmit={(form, element) =>
        void save(
          () =>
            apiPost("/v1/agent/configuration/absences", {
              ...(initial ? { id: initial.id, exceptions: initial.exceptions } : {}),
              agentId: initial?.agentId ?? text(form, "agentId") ?? "",
              title: text(form, "title"),
              start: text(form, "start") ?? "",
              end: text(form, "end") ?? "",
              recurrence: recurrenceFrom(form, kind),
              until: kind === "none" ? undefined : text(form, "until"),
            }),
          () => element.reset(),
        )
      }
    >
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          {initial ? (
            <p>Agent : {agents.find((a) => a.id === initial.agentId)?.firstName} {agents.find((a) => a.id === initial.agentId)?.lastName}</p>
          ) : (
            <OptionSelect label="Agent" name="agentId" fields={f} defaultValue={defaultAgentId} options={agents.map((a) => ({ value: a.id, label: `${a.firstName} ${a.lastName}` }))} />
          )}
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input label="Motif de l’absence (facultatif)" hintText="Par exemple « Formation », « Congés »" {...fieldState(f, "title")} nativeInputProps={{ name: "title", defaultValue: initial?.title }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input label={kind === "none" ? "Début" : "Début de la première absence"} {...fieldState(f, "start")} nativeInputProps={{ name: "start", type: "datetime-local", step: 300, defaultValue: initial?.start }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input label={kind === "none" ? "Fin" : "Fin de la première absence"} {...fieldState(f, "end")} nativeInputProps={{ name: "end", type: "datetime-local", step: 300, defaultValue: initial?.end }} />
        </div>
      </div>
      <RecurrenceFields kind={kind} onKind={setKind} initial={initial?.recurrence} fields={f} noneLabel="Une seule fois" />
      {kind !== "none" && <Input label="Jusqu’au (facultatif)" {...fieldState(f, "until")} nativeInputProps={{ name: "until", type: "date", defaultValue: initial?.until }} />}
      <Button type="submit" disabled={pending}>
        {initial ? "Enregistrer l’absence" : "Ajouter l’absence"}
      </Button>
    </FormShell>
  );
}
