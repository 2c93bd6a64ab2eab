"use client";

import { useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { AppointmentDetailInfo, type ApiErrorInfo } from "@rdv/core/schema";
import { apiPost } from "@/lib/agent/client";
import { instantOf, parseLocalDate, parseLocalTime } from "@/lib/time";
import { ErrorAlert, fieldState } from "@/components/agent/form";
import type { Person } from "./person";

/** What the form keeps while closed: the agents ticked and the last refusal. */
export function useNewSessionState(initialAgents: string[]) {
  const [createError, setCreateError] = useState<ApiErrorInfo>();
  const [sessionAgents, setSessionAgents] = useState<string[]>(initialAgents);
  return { createError, setCreateError, sessionAgents, setSessionAgents };
}

/** Creates a collective session of the motif at the place. */
export function NewSessionForm(props: { motifId: string; placeId: string; capacity: number | undefined; agents: Person[]; timezone: string; onCreated: () => void; state: ReturnType<typeof useNewSessionState> }) {
  const { motifId, placeId, capacity, agents, timezone, onCreated } = props;
  const [pending, setPending] = useState(false);
  const { createError, setCreateError, sessionAgents, setSessionAgents } = props.state;

  async function create(form: FormData) {
    const date = parseLocalDate(String(form.get("date") ?? ""));
    const time = parseLocalTime(String(form.get("time") ?? ""));
    const seats = Number(form.get("capacity") ?? "");
    if (!date || !time) {
      setCreateError({ code: "form", message: "Indiquez une date et une heure.", fields: { startsAt: "date et heure obligatoires" } });
      return;
    }
    setPending(true);
    const result = await apiPost(
      "/v1/agent/sessions",
      { motifId, placeId, startsAt: instantOf(date, time, timezone), agentIds: sessionAgents, ...(Number.isInteger(seats) && seats > 0 ? { capacity: seats } : {}) },
      AppointmentDetailInfo,
    );
    setPending(false);
    if (!result.ok) {
      setCreateError(result.error);
      return;
    }
    setCreateError(undefined);
    onCreated();
  }

  return (
    <form
      id="nouvelle-seance"
      className={fr.cx("fr-mt-2w")}
      aria-label="Nouvelle séance"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void create(new FormData(event.currentTarget));
      }}
    >
      <ErrorAlert error={createError} shownFields={["startsAt", "agentIds", "capacity"]} title="Séance non créée" as="h4" />
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <Input label="Date" {...fieldState(createError?.fields, "startsAt")} nativeInputProps={{ name: "date", type: "date", required: true }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <Input label="Heure" nativeInputProps={{ name: "time", type: "time", step: 300, required: true }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <Input
            label="Nombre de places"
            {...fieldState(createError?.fields, "capacity")}
            nativeInputProps={{ name: "capacity", type: "number", min: 2, max: 500, defaultValue: capacity ?? 8 }}
          />
        </div>
      </div>
      <Checkbox
        legend="Animée par"
        small
        orientation="horizontal"
        {...fieldState(createError?.fields, "agentIds")}
        options={agents.map((a) => ({
          label: `${a.firstName} ${a.lastName}`,
          nativeInputProps: {
            name: "sessionAgents",
            value: a.id,
            checked: sessionAgents.includes(a.id),
            onChange: (event) => {
              const checked = event.currentTarget.checked;
              setSessionAgents((current) => (checked ? [...current, a.id] : current.filter((x) => x !== a.id)));
            },
          },
        }))}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Création…" : "Créer la séance"}
      </Button>
    </form>
  );
}
