"use client";

import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { Person } from "./person";

/** Another time than the free slots (outside opening hours or the booking window), with the agents chosen. */
export function CustomTimeForm(props: {
  agents: Person[];
  checked: string[];
  defaultDate: string | undefined;
  defaultTime: string | undefined;
  error: string | undefined;
  onToggleAgent: (agentId: string, checked: boolean) => void;
  onSubmit: (form: FormData) => void;
}) {
  const { agents, checked, defaultDate, defaultTime, error, onToggleAgent, onSubmit } = props;
  return (
    <form
      id="autre-horaire"
      className={fr.cx("fr-mt-2w")}
      aria-label="Autre horaire"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(new FormData(event.currentTarget));
      }}
    >
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <Input label="Date" nativeInputProps={{ name: "date", type: "date", defaultValue: defaultDate ?? "" }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <Input label="Heure" nativeInputProps={{ name: "time", type: "time", step: 300, defaultValue: defaultTime ?? "" }} />
        </div>
      </div>
      <Checkbox
        legend="Avec"
        small
        orientation="horizontal"
        options={agents.map((a) => ({
          label: `${a.firstName} ${a.lastName}`,
          nativeInputProps: {
            name: "agentIds",
            value: a.id,
            checked: checked.includes(a.id),
            onChange: (event) => onToggleAgent(a.id, event.currentTarget.checked),
          },
        }))}
      />
      {error && (
        <p className={fr.cx("fr-error-text")} role="alert">
          {error}
        </p>
      )}
      <Button type="submit" priority="secondary" size="small">
        Choisir cet horaire
      </Button>
    </form>
  );
}
