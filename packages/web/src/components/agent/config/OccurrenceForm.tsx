"use client";

import { useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { apiPost } from "@/lib/agent/client";
import { fieldState } from "@/components/agent/form";
import { FormShell, text, useSave } from "./shared";

/** A series one occurrence of which may be cancelled or moved: `target` is what the API names it by ({ruleId} or {agentId, absenceId}). */
export interface Series {
  key: string;
  label: string;
  target: Record<string, string>;
}

/** Cancels or moves one occurrence of a recurring opening rule or absence; the series goes on. */
export function OccurrenceForm(props: { id: string; title: string; path: string; series: Series[]; seriesLabel: string; notice: string }) {
  const { id, title, path, series, seriesLabel, notice } = props;
  const [move, setMove] = useState(false);
  const { error, pending, message, save } = useSave(move ? "Occurrence déplacée." : "Occurrence annulée.");
  const f = error?.fields;
  return (
    <FormShell
      id={id}
      title={title}
      error={error}
      message={message}
      shownFields={["ruleId", "absenceId", "exception", "exception.day", "exception.moved.day", "exception.moved.start", "exception.moved.end"]}
      onSubmit={(form, element) => {
        const chosen = series.find((s) => s.key === text(form, "series"));
        const day = text(form, "day") ?? "";
        const exception = move ? { day, moved: { day: text(form, "movedDay") ?? "", start: text(form, "movedStart") ?? "", end: text(form, "movedEnd") ?? "" } } : { day, cancelled: true };
        void save(() => apiPost(path, { ...(chosen?.target ?? {}), exception }), () => element.reset());
      }}
    >
      <p className={fr.cx("fr-text--sm")}>{notice}</p>
      <Select label={seriesLabel} {...fieldState(f, "ruleId", "absenceId")} nativeSelectProps={{ name: "series", defaultValue: "", required: true }}>
        <option value="" disabled>
          Choisir
        </option>
        {series.map((s) => (
          <option key={s.key} value={s.key}>
            {s.label}
          </option>
        ))}
      </Select>
      <Input label="Jour de l’occurrence" {...fieldState(f, "exception.day", "exception")} nativeInputProps={{ name: "day", type: "date" }} />
      <RadioButtons
        legend="Que faire de cette occurrence ?"
        orientation="horizontal"
        options={[
          { label: "L’annuler", nativeInputProps: { name: "action", value: "cancel", checked: !move, onChange: () => setMove(false) } },
          { label: "La déplacer", nativeInputProps: { name: "action", value: "move", checked: move, onChange: () => setMove(true) } },
        ]}
      />
      {move && (
        <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
          <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
            <Input label="Nouveau jour" {...fieldState(f, "exception.moved.day")} nativeInputProps={{ name: "movedDay", type: "date" }} />
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
            <Input label="De" {...fieldState(f, "exception.moved.start")} nativeInputProps={{ name: "movedStart", type: "time", step: 300 }} />
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
            <Input label="À" {...fieldState(f, "exception.moved.end")} nativeInputProps={{ name: "movedEnd", type: "time", step: 300 }} />
          </div>
        </div>
      )}
      <Button type="submit" priority="secondary" disabled={pending}>
        {move ? "Déplacer cette occurrence" : "Annuler cette occurrence"}
      </Button>
    </FormShell>
  );
}
