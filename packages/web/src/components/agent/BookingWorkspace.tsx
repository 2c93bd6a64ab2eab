"use client";

import { useMemo, useReducer } from "react";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Booked, type AgendaMotifInfo, type AgentSlotInfo } from "@rdv/core/schema";
import { apiPost, newIdempotencyKey } from "@/lib/agent/client";
import { formatDateTime, instantOf, parseLocalDate, parseLocalTime } from "@/lib/time";
import { SlotPicker } from "./SlotPicker";
import { ConfirmStep, summaryText } from "./booking/ConfirmStep";
import { CustomTimeForm } from "./booking/CustomTimeForm";
import { MotifPlaceStep } from "./booking/MotifPlaceStep";
import { SessionChooser, type Person } from "./booking/SessionChooser";
import { bookingReducer, initialState, type Choice, type Prefill } from "./booking/state";
import { UsagerStep } from "./booking/UsagerStep";

export interface BookingWorkspaceProps {
  organisationId: string;
  timezone: string;
  meId: string;
  services: { id: string; name: string }[];
  motifs: AgendaMotifInfo[];
  /** motif id → its default capacity (collective motifs) */
  capacities: Record<string, number | undefined>;
  places: { id: string; name: string }[];
  /** motif id → the places where an opening rule offers it */
  placesByMotif: Record<string, string[]>;
  agents: Person[];
  today: string;
  nowIso: string;
  prefill: Prefill;
}

/** An agent books for an usager: usager, motif and place, time (slot, other time or session), then confirmation. */
export function BookingWorkspace(props: BookingWorkspaceProps) {
  const { organisationId, timezone, meId, services, motifs, capacities, places, placesByMotif, agents, today, nowIso, prefill } = props;
  const [state, dispatch] = useReducer(bookingReducer, undefined, () => initialState(prefill, motifs.map((m) => m.id), newIdempotencyKey()));
  const { usager, motifId, choice, warning, error, pending, booked, refreshKey } = state;
  const motif = motifs.find((m) => m.id === motifId);
  const motifPlaces = useMemo(() => {
    const ids = motifId ? placesByMotif[motifId] : undefined;
    return ids?.length ? places.filter((p) => ids.includes(p.id)) : places;
  }, [motifId, places, placesByMotif]);
  const place = motifPlaces.find((p) => p.id === state.placeId) ?? (motifPlaces.length === 1 ? motifPlaces[0] : undefined);
  const motifAgents = useMemo(() => {
    const own = motif ? agents.filter((a) => a.serviceIds.includes(motif.serviceId)) : agents;
    return own.length ? own : agents;
  }, [agents, motif]);
  const names = (ids: string[]) => ids.map((id) => agents.find((a) => a.id === id)).filter(Boolean).map((a) => `${a!.firstName} ${a!.lastName}`).join(", ");
  const choose = (next: Choice | undefined) => dispatch({ type: "chosen", choice: next, key: newIdempotencyKey() });

  function chooseCustom(form: FormData) {
    const date = parseLocalDate(String(form.get("date") ?? ""));
    const time = parseLocalTime(String(form.get("time") ?? ""));
    if (!date || !time) return dispatch({ type: "custom_refused", message: "Indiquez une date et une heure." });
    if (state.customAgents.length === 0) return dispatch({ type: "custom_refused", message: "Choisissez au moins un agent." });
    dispatch({ type: "custom_chosen", choice: { kind: "custom", startsAt: instantOf(date, time, timezone), agentIds: state.customAgents }, key: newIdempotencyKey() });
  }

  async function book(acknowledgeWarnings: boolean) {
    if (!usager || !motif || !place || !choice) return;
    dispatch({ type: "booking_started" });
    const body = {
      motifId: motif.id,
      placeId: place.id,
      startsAt: choice.startsAt,
      serviceUserId: usager.id,
      ...(choice.kind === "custom" ? { agentIds: choice.agentIds } : {}),
      ...(acknowledgeWarnings ? { acknowledgeWarnings: true, agentIds: choice.agentIds } : {}),
    };
    const result = await apiPost("/v1/agent/appointments", body, Booked, { "idempotency-key": state.idempotencyKey });
    if (result.ok) {
      dispatch({ type: "booking_succeeded", booked: { id: result.data.id, startsAt: result.data.startsAt, who: `${usager.firstName} ${usager.lastName}` }, key: newIdempotencyKey() });
    } else if (result.error.code === "appointment.needs_confirmation") {
      dispatch({ type: "booking_needs_confirmation", warning: result.error });
    } else {
      dispatch({ type: "booking_failed", error: result.error });
    }
  }

  return (
    <div>
      {booked && (
        <Alert
          severity="success"
          as="h2"
          title="Rendez-vous réservé"
          className={fr.cx("fr-mb-4w")}
          role="status"
          description={
            <>
              Rendez-vous pris pour {booked.who} le {formatDateTime(booked.startsAt, timezone)}.{" "}
              <Link href={`/agent/rendez-vous/${encodeURIComponent(booked.id)}`}>Voir le rendez-vous</Link> ·{" "}
              <Link href={`/agent?date=${booked.startsAt.slice(0, 10)}`}>Voir dans l’agenda</Link>
            </>
          }
        />
      )}

      <UsagerStep
        organisationId={organisationId}
        usager={usager}
        onChoose={(user) => dispatch({ type: "usager_chosen", usager: user, key: newIdempotencyKey() })}
        onClear={() => dispatch({ type: "usager_cleared" })}
      />

      <MotifPlaceStep
        services={services}
        motifs={motifs}
        motifId={motifId}
        places={motifPlaces}
        placeId={place?.id}
        onMotif={(id) => dispatch({ type: "motif_changed", motifId: id, places: placesByMotif[id], key: newIdempotencyKey() })}
        onPlace={(id) => dispatch({ type: "place_changed", placeId: id, key: newIdempotencyKey() })}
      />

      <section aria-labelledby="etape-horaire" className={fr.cx("fr-mb-5w")}>
        <h2 id="etape-horaire" className={fr.cx("fr-h4")}>
          3. {motif?.collective ? "Séance collective" : "Horaire"}
        </h2>
        {!motif || !place ? (
          <p>Choisissez d’abord un motif et un lieu.</p>
        ) : motif.collective ? (
          <SessionChooser
            key={`${motif.id}|${place.id}|${refreshKey}`}
            organisationId={organisationId}
            motif={motif}
            placeId={place.id}
            capacity={capacities[motif.id]}
            agents={motifAgents}
            meId={meId}
            timezone={timezone}
            today={today}
            nowIso={nowIso}
            preselected={prefill.session}
            selected={choice?.kind === "session" ? choice.startsAt : undefined}
            onChoose={(session) => choose({ kind: "session", startsAt: session.startsAt, agentIds: session.agentIds })}
            agentNames={names}
          />
        ) : (
          <>
            <SlotPicker
              motifId={motif.id}
              placeId={place.id}
              initialDay={prefill.date ?? today}
              agentNames={names}
              selected={choice?.kind === "slot" ? choice.startsAt : undefined}
              onChoose={(slot: AgentSlotInfo) => choose({ kind: "slot", startsAt: slot.startsAt, agentIds: slot.agentIds })}
              refreshKey={refreshKey}
            />
            <div className={fr.cx("fr-mt-2w")}>
              <Button type="button" priority="tertiary" size="small" onClick={() => dispatch({ type: "custom_toggled" })} nativeButtonProps={{ "aria-expanded": state.customOpen, "aria-controls": "autre-horaire" }}>
                Autre horaire (hors plages d’ouverture ou délai de réservation)
              </Button>
            </div>
            {state.customOpen && (
              <CustomTimeForm
                agents={motifAgents}
                checked={state.customAgents}
                defaultDate={prefill.date}
                defaultTime={prefill.time}
                error={state.customError}
                onToggleAgent={(agentId, checked) => dispatch({ type: "custom_agent_toggled", agentId, checked })}
                onSubmit={chooseCustom}
              />
            )}
          </>
        )}
      </section>

      <ConfirmStep
        summary={
          !usager
            ? { missing: "Choisissez ou créez l’usager." }
            : !motif || !place
              ? { missing: "Choisissez le motif et le lieu." }
              : !choice
                ? { missing: "Choisissez un horaire." }
                : { text: summaryText({ who: `${usager.firstName} ${usager.lastName}`, motif: motif.name, place: place.name, startsAt: choice.startsAt, timezone, agents: names(choice.agentIds) }), choice }
        }
        warning={warning}
        error={error}
        pending={pending}
        onBook={(acknowledge) => void book(acknowledge)}
        onOtherTime={() => choose(undefined)}
      />
    </div>
  );
}
