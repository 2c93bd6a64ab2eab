"use client";

import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { apiPost } from "@/lib/agent/client";
import { fieldState } from "@/components/agent/form";
import { FormShell, OptionSelect, text, useSave, type Person } from "./shared";

export function AbsenceForm({ agents, defaultAgentId }: { agents: Person[]; defaultAgentId: string }) {
  const { error, pending, message, save } = useSave("Absence ajoutée.");
  const f = error?.fields;
  return (
    <FormShell
      id="form-absence"
      title="Ajouter une absence"
      error={error}
      message={message}
      shownFields={["agentId", "title", "start", "end"]}
      onSubmit={(form, element) =>
        void save(
          () => apiPost("/v1/agent/configuration/absences", { agentId: text(form, "agentId") ?? "", title: text(form, "title"), start: text(form, "start") ?? "", end: text(form, "end") ?? "" }),
          () => element.reset(),
        )
      }
    >
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <OptionSelect label="Agent" name="agentId" fields={f} defaultValue={defaultAgentId} options={agents.map((a) => ({ value: a.id, label: `${a.firstName} ${a.lastName}` }))} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input label="Motif de l’absence (facultatif)" hintText="Par exemple « Formation », « Congés »" {...fieldState(f, "title")} nativeInputProps={{ name: "title" }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input label="Début" {...fieldState(f, "start")} nativeInputProps={{ name: "start", type: "datetime-local", step: 300 }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input label="Fin" {...fieldState(f, "end")} nativeInputProps={{ name: "end", type: "datetime-local", step: 300 }} />
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        Ajouter l’absence
      </Button>
    </FormShell>
  );
}
