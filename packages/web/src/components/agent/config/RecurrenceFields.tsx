"use client";

import { fr } from "@codegouvfr/react-dsfr";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { Recurrence } from "@rdv/core/schema";
import { fieldState } from "@/components/agent/form";
import { ORDINAL_LABELS, ORDINALS, WEEKDAY_LABELS, WEEKDAYS } from "@/lib/agent/labels";
import { integer } from "./shared";

/** How an opening rule or an absence repeats, as its form asks it: once, weekly or monthly. */
export type RecurrenceKind = "none" | "weekly" | "monthly";

export function kindOf(recurrence: Recurrence | null | undefined): RecurrenceKind {
  if (!recurrence) return "none";
  return "everyMonths" in recurrence ? "monthly" : "weekly";
}

/** The recurrence the form's fields describe (the API checks them and names the field at fault). */
export function recurrenceFrom(form: FormData, kind: RecurrenceKind): unknown {
  if (kind === "weekly") return { everyWeeks: integer(form, "everyWeeks") ?? 1, weekdays: form.getAll("weekdays").map(String) };
  if (kind === "monthly") {
    const ordinal = String(form.get("ordinal") ?? "");
    return { everyMonths: integer(form, "everyMonths") ?? 1, ordinal: ordinal === "last" ? "last" : Number(ordinal), weekday: String(form.get("weekday") ?? "") };
  }
  return null;
}

/** Fields names the API may put an error on, for the form's error summary. */
export const RECURRENCE_FIELDS = ["recurrence", "recurrence.weekdays", "recurrence.everyWeeks", "recurrence.everyMonths", "recurrence.ordinal", "recurrence.weekday"];

export function RecurrenceFields(props: { kind: RecurrenceKind; onKind: (kind: RecurrenceKind) => void; initial: Recurrence | null | undefined; fields: Record<string, string> | undefined; noneLabel: string }) {
  const { kind, onKind, initial, fields: f, noneLabel } = props;
  const weekly = initial && "weekdays" in initial ? initial : undefined;
  const monthly = initial && "everyMonths" in initial ? initial : undefined;
  return (
    <>
      <RadioButtons
        legend="Répétition"
        orientation="horizontal"
        {...fieldState(f, "recurrence")}
        options={[
          { label: noneLabel, nativeInputProps: { name: "kind", value: "none", checked: kind === "none", onChange: () => onKind("none") } },
          { label: "Chaque semaine ou toutes les N semaines", nativeInputProps: { name: "kind", value: "weekly", checked: kind === "weekly", onChange: () => onKind("weekly") } },
          { label: "Chaque mois ou tous les N mois", nativeInputProps: { name: "kind", value: "monthly", checked: kind === "monthly", onChange: () => onKind("monthly") } },
        ]}
      />
      {kind === "weekly" && (
        <>
          <Checkbox
            legend="Jours de la semaine"
            orientation="horizontal"
            small
            {...fieldState(f, "recurrence.weekdays")}
            options={WEEKDAYS.map((d) => ({ label: WEEKDAY_LABELS[d]!, nativeInputProps: { name: "weekdays", value: d, defaultChecked: weekly?.weekdays.includes(d) ?? false } }))}
          />
          <Input
            label="Toutes les combien de semaines ?"
            hintText="1 = chaque semaine, 2 = une semaine sur deux"
            {...fieldState(f, "recurrence.everyWeeks")}
            nativeInputProps={{ name: "everyWeeks", type: "number", min: 1, max: 8, defaultValue: weekly?.everyWeeks ?? 1 }}
          />
        </>
      )}
      {kind === "monthly" && (
        <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
          <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
            <Select label="Quel jour du mois ?" hint="Un mois sans 5e jour n’a pas d’occurrence" {...fieldState(f, "recurrence.ordinal")} nativeSelectProps={{ name: "ordinal", defaultValue: String(monthly?.ordinal ?? 1) }}>
              {ORDINALS.map((ordinal) => (
                <option key={ordinal} value={String(ordinal)}>
                  {ORDINAL_LABELS[ordinal]}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
            <Select label="Jour de la semaine" {...fieldState(f, "recurrence.weekday")} nativeSelectProps={{ name: "weekday", defaultValue: monthly?.weekday ?? "mon" }}>
              {WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {WEEKDAY_LABELS[d]}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
            <Input
              label="Tous les combien de mois ?"
              hintText="1 = chaque mois, 3 = tous les trois mois"
              {...fieldState(f, "recurrence.everyMonths")}
              nativeInputProps={{ name: "everyMonths", type: "number", min: 1, max: 12, defaultValue: monthly?.everyMonths ?? 1 }}
            />
          </div>
        </div>
      )}
    </>
  );
}
