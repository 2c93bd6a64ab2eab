"use client";

import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { apiPost } from "@/lib/agent/client";
import { fieldState } from "@/components/agent/form";
import { FormShell, OptionSelect, text, useSave } from "./shared";

export function OccurrenceForm({ rules }: { rules: { id: string; label: string }[] }) {
  const { error, pending, message, save } = useSave("Occurrence annulée : ce jour-là, la plage n’est plus proposée.");
  const f = error?.fields;
  return (
    <FormShell
      id="form-occurrence"
      title="Annuler une seule occurrence d’une plage"
      error={error}
      message={message}
      shownFields={["ruleId", "exception", "exception.day"]}
      onSubmit={(form, element) => void save(() => apiPost("/v1/agent/configuration/opening-rules/occurrence", { ruleId: text(form, "ruleId") ?? "", exception: { day: text(form, "day") ?? "", cancelled: true } }), () => element.reset())}
    >
      <p className={fr.cx("fr-text--sm")}>La plage reste ouverte les autres jours ; les rendez-vous déjà pris ce jour-là sont conservés.</p>
      <OptionSelect label="Plage d’ouverture" name="ruleId" fields={f} placeholder="Choisir une plage" options={rules.map((r) => ({ value: r.id, label: r.label }))} />
      <Input label="Jour à annuler" {...fieldState(f, "exception.day", "exception")} nativeInputProps={{ name: "day", type: "date" }} />
      <Button type="submit" priority="secondary" disabled={pending}>
        Annuler cette occurrence
      </Button>
    </FormShell>
  );
}
