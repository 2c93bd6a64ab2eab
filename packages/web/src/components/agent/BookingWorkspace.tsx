"use client";

import { useEffect, useMemo, useState } from "react";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { apiGet, apiPost, newIdempotencyKey } from "@/lib/agent/client";
import { formatDuration, LOCATION_LABELS } from "@/lib/agent/labels";
import { formatPhone } from "@/lib/phone";
import { addDays, capitalize, formatDateTime, instantOf, parseLocalDate, parseLocalTime } from "@/lib/time";
import { AgendaInfo, AppointmentDetailInfo, Booked, type AgendaMotifInfo, type AgentSlotInfo, type ApiErrorInfo, type AppointmentSummaryInfo, type ServiceUserInfo } from "@rdv/core/schema";
import { ErrorAlert, fieldState } from "./form";
import { SlotPicker } from "./SlotPicker";
import { UsagerPicker } from "./UsagerPicker";

interface Person {
  id: string;
  firstName: string;
  lastName: string;
  serviceIds: string[];
}

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
  prefill: { date?: string; time?: string; agentId?: string; motifId?: string; placeId?: string; session?: string };
}

/** What is about to be booked: a free slot, another time (agents chosen), or a seat in a collective session. */
type Choice =
  | { kind: "slot"; startsAt: string; agentIds: string[] }
  | { kind: "custom"; startsAt: string; agentIds: string[] }
  | { kind: "session"; startsAt: string; agentIds: string[] };

export function BookingWorkspace(props: BookingWorkspaceProps) {
  const { organisationId, timezone, meId, services, motifs, capacities, places, placesByMotif, agents, today, nowIso, prefill } = props;
  const [usager, setUsager] = useState<ServiceUserInfo>();
  const [motifId, setMotifId] = useState(prefill.motifId && motifs.some((m) => m.id === prefill.motifId) ? prefill.motifId : "");
  const motif = motifs.find((m) => m.id === motifId);
  const motifPlaces = useMemo(() => {
    const ids = motifId ? placesByMotif[motifId] : undefined;
    return ids?.length ? places.filter((p) => ids.includes(p.id)) : places;
  }, [motifId, places, placesByMotif]);
  const [placeId, setPlaceId] = useState(prefill.placeId ?? "");
  const place = motifPlaces.find((p) => p.id === placeId) ?? (motifPlaces.length === 1 ? motifPlaces[0] : undefined);
  const [choice, setChoice] = useState<Choice>();
  const [customOpen, setCustomOpen] = useState(Boolean(prefill.date && prefill.time));
  const [customAgents, setCustomAgents] = useState<string[]>(prefill.agentId ? [prefill.agentId] : []);
  const [customError, setCustomError] = useState<string>();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [warning, setWarning] = useState<ApiErrorInfo>();
  const [error, setError] = useState<ApiErrorInfo>();
  const [pending, setPending] = useState(false);
  const [booked, setBooked] = useState<{ id: string; startsAt: string; who: string }>();
  const [refreshKey, setRefreshKey] = useState(0);

  const motifAgents = useMemo(() => {
    const own = motif ? agents.filter((a) => a.serviceIds.includes(motif.serviceId)) : agents;
    return own.length ? own : agents;
  }, [agents, motif]);
  const names = (ids: string[]) => ids.map((id) => agents.find((a) => a.id === id)).filter(Boolean).map((a) => `${a!.firstName} ${a!.lastName}`).join(", ");

  function choose(next: Choice | undefined) {
    setChoice(next);
    setWarning(undefined);
    setError(undefined);
    setBooked(undefined);
    setIdempotencyKey(newIdempotencyKey());
  }

  function changeMotif(id: string) {
    setMotifId(id);
    const ids = placesByMotif[id];
    if (ids?.length === 1) setPlaceId(ids[0]!);
    else if (ids?.length && !ids.includes(placeId)) setPlaceId("");
    choose(undefined);
  }

  function chooseCustom(form: FormData) {
    const date = parseLocalDate(String(form.get("date") ?? ""));
    const time = parseLocalTime(String(form.get("time") ?? ""));
    if (!date || !time) {
      setCustomError("Indiquez une date et une heure.");
      return;
    }
    if (customAgents.length === 0) {
      setCustomError("Choisissez au moins un agent.");
      return;
    }
    setCustomError(undefined);
    choose({ kind: "custom", startsAt: instantOf(date, time, timezone), agentIds: customAgents });
  }

  async function book(acknowledgeWarnings: boolean) {
    if (!usager || !motif || !place || !choice) return;
    setPending(true);
    setError(undefined);
    const body = {
      motifId: motif.id,
      placeId: place.id,
      startsAt: choice.startsAt,
      serviceUserId: usager.id,
      ...(choice.kind === "custom" ? { agentIds: choice.agentIds } : {}),
      ...(acknowledgeWarnings ? { acknowledgeWarnings: true, agentIds: choice.agentIds } : {}),
    };
    const result = await apiPost("/v1/agent/appointments", body, Booked, { "idempotency-key": idempotencyKey });
    setPending(false);
    if (result.ok) {
      setBooked({ id: result.data.id, startsAt: result.data.startsAt, who: `${usager.firstName} ${usager.lastName}` });
      setWarning(undefined);
      setChoice(undefined);
      setIdempotencyKey(newIdempotencyKey());
      setRefreshKey((k) => k + 1);
      return;
    }
    if (result.error.code === "appointment.needs_confirmation") {
      setWarning(result.error);
      return;
    }
    setWarning(undefined);
    setError(result.error);
    if (result.error.code === "appointment.slot_taken" || result.error.code === "appointment.session_full") setRefreshKey((k) => k + 1);
  }

  const ready = Boolean(usager && motif && place && choice);

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

      <section aria-labelledby="etape-usager" className={fr.cx("fr-mb-5w")}>
        <h2 id="etape-usager" className={fr.cx("fr-h4")}>
          1. Usager
        </h2>
        {usager ? (
          <div className="rdv-agent-inline">
            <p className={fr.cx("fr-mb-0")}>
              <strong>
                {usager.firstName} {usager.lastName}
              </strong>
              {usager.phone ? ` · ${formatPhone(usager.phone)}` : " · sans portable : pas de SMS"}
              {usager.email ? ` · ${usager.email}` : ""}
            </p>
            <Button type="button" priority="tertiary" size="small" onClick={() => setUsager(undefined)}>
              Changer d’usager
            </Button>
          </div>
        ) : (
          <UsagerPicker
            organisationId={organisationId}
            onChoose={(user) => {
              setUsager(user);
              setBooked(undefined);
              setIdempotencyKey(newIdempotencyKey());
            }}
          />
        )}
      </section>

      <section aria-labelledby="etape-motif" className={fr.cx("fr-mb-5w")}>
        <h2 id="etape-motif" className={fr.cx("fr-h4")}>
          2. Motif et lieu
        </h2>
        <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <Select label="Motif" nativeSelectProps={{ value: motifId, onChange: (event) => changeMotif(event.currentTarget.value), name: "motif" }}>
              <option value="" disabled>
                Choisir un motif
              </option>
              {services
                .filter((s) => motifs.some((m) => m.serviceId === s.id))
                .map((service) => (
                  <optgroup key={service.id} label={service.name}>
                    {motifs
                      .filter((m) => m.serviceId === service.id)
                      .map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.name} ({formatDuration(m.durationMinutes)}, {(LOCATION_LABELS[m.locationType] ?? m.locationType).toLowerCase()}
                          {m.collective ? ", collectif" : ""})
                        </option>
                      ))}
                  </optgroup>
                ))}
            </Select>
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <Select
              label="Lieu"
              disabled={!motif}
              nativeSelectProps={{
                value: place?.id ?? "",
                onChange: (event) => {
                  setPlaceId(event.currentTarget.value);
                  choose(undefined);
                },
                name: "lieu",
              }}
            >
              <option value="" disabled>
                Choisir un lieu
              </option>
              {motifPlaces.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </div>
        </div>
      </section>

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
              <Button type="button" priority="tertiary" size="small" onClick={() => setCustomOpen(!customOpen)} nativeButtonProps={{ "aria-expanded": customOpen, "aria-controls": "autre-horaire" }}>
                Autre horaire (hors plages d’ouverture ou délai de réservation)
              </Button>
            </div>
            {customOpen && (
              <form
                id="autre-horaire"
                className={fr.cx("fr-mt-2w")}
                aria-label="Autre horaire"
                onSubmit={(event) => {
                  event.preventDefault();
                  chooseCustom(new FormData(event.currentTarget));
                }}
              >
                <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
                  <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
                    <Input label="Date" nativeInputProps={{ name: "date", type: "date", defaultValue: prefill.date ?? "" }} />
                  </div>
                  <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
                    <Input label="Heure" nativeInputProps={{ name: "time", type: "time", step: 300, defaultValue: prefill.time ?? "" }} />
                  </div>
                </div>
                <Checkbox
                  legend="Avec"
                  small
                  orientation="horizontal"
                  options={motifAgents.map((a) => ({
                    label: `${a.firstName} ${a.lastName}`,
                    nativeInputProps: {
                      name: "agentIds",
                      value: a.id,
                      checked: customAgents.includes(a.id),
                      onChange: (event) => {
                        const checked = event.currentTarget.checked;
                        setCustomAgents((current) => (checked ? [...current, a.id] : current.filter((x) => x !== a.id)));
                      },
                    },
                  }))}
                />
                {customError && (
                  <p className={fr.cx("fr-error-text")} role="alert">
                    {customError}
                  </p>
                )}
                <Button type="submit" priority="secondary" size="small">
                  Choisir cet horaire
                </Button>
              </form>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="etape-confirmation" className={fr.cx("fr-mb-5w")}>
        <h2 id="etape-confirmation" className={fr.cx("fr-h4")}>
          4. Réservation
        </h2>
        {!ready ? (
          <p>{!usager ? "Choisissez ou créez l’usager." : !motif || !place ? "Choisissez le motif et le lieu." : "Choisissez un horaire."}</p>
        ) : (
          <>
            <p>
              {usager!.firstName} {usager!.lastName} — {motif!.name} — {place!.name} — {capitalize(formatDateTime(choice!.startsAt, timezone))}
              {choice!.agentIds.length ? ` — avec ${names(choice!.agentIds)}` : ""}
            </p>
            <ErrorAlert error={error} title="Rendez-vous non réservé" as="h3" />
            {warning ? (
              <Alert
                severity="warning"
                as="h3"
                title="Horaire en dehors des plages d’ouverture ou du délai de réservation"
                className={fr.cx("fr-mb-2w")}
                role="alert"
                description={
                  <>
                    {warning.message}
                    <span className={fr.cx("fr-mt-2w")} style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap" }}>
                      <Button type="button" disabled={pending} onClick={() => void book(true)}>
                        Réserver quand même
                      </Button>
                      <Button type="button" priority="secondary" onClick={() => choose(undefined)}>
                        Choisir un autre horaire
                      </Button>
                    </span>
                  </>
                }
              />
            ) : (
              <Button type="button" disabled={pending} onClick={() => void book(false)}>
                {pending ? "Réservation…" : choice!.kind === "session" ? "Inscrire l’usager à la séance" : "Réserver le rendez-vous"}
              </Button>
            )}
          </>
        )}
      </section>
    </div>
  );
}

interface SessionChooserProps {
  organisationId: string;
  motif: AgendaMotifInfo;
  placeId: string;
  capacity: number | undefined;
  agents: Person[];
  meId: string;
  timezone: string;
  today: string;
  nowIso: string;
  preselected: string | undefined;
  selected: string | undefined;
  onChoose: (session: AppointmentSummaryInfo) => void;
  agentNames: (ids: string[]) => string;
}

/** The open sessions of a collective motif at a place (next six weeks), and a form to create one. */
function SessionChooser(props: SessionChooserProps) {
  const { organisationId, motif, placeId, capacity, agents, meId, timezone, today, nowIso, preselected, selected, onChoose, agentNames } = props;
  const [sessions, setSessions] = useState<AppointmentSummaryInfo[]>();
  const [loadError, setLoadError] = useState<string>();
  const [reload, setReload] = useState(0);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<ApiErrorInfo>();
  const [sessionAgents, setSessionAgents] = useState<string[]>(agents.some((a) => a.id === meId) ? [meId] : []);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void apiGet("/v1/agent/agenda", { organisation: organisationId, from: today, to: addDays(today, 41) }, AgendaInfo).then((result) => {
      if (cancelled) return;
      if (!result.ok) {
        setLoadError(result.error.message);
        return;
      }
      const open = result.data.appointments
        .filter((a) => a.collective && a.motifId === motif.id && a.placeId === placeId && a.status === "booked" && Date.parse(a.startsAt) > Date.parse(nowIso))
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      setSessions(open);
      const first = open.find((s) => s.startsAt === preselected || Date.parse(s.startsAt) === Date.parse(preselected ?? ""));
      if (first && !selected) onChoose(first);
    });
    return () => {
      cancelled = true;
    };
  }, [organisationId, motif.id, placeId, today, reload]);

  async function create(form: FormData) {
    const date = parseLocalDate(String(form.get("date") ?? ""));
    const time = parseLocalTime(String(form.get("time") ?? ""));
    const seats = Number(form.get("capacity") ?? "");
    if (!date || !time) {
      setCreateError({ code: "form", message: "Indiquez une date et une heure.", fields: { startsAt: "date et heure obligatoires" } });
      return;
    }
    setPending(true);
    const result = await apiPost("/v1/agent/sessions", {
      motifId: motif.id,
      placeId,
      startsAt: instantOf(date, time, timezone),
      agentIds: sessionAgents,
      ...(Number.isInteger(seats) && seats > 0 ? { capacity: seats } : {}),
    }, AppointmentDetailInfo);
    setPending(false);
    if (!result.ok) {
      setCreateError(result.error);
      return;
    }
    setCreateError(undefined);
    setCreating(false);
    setReload((r) => r + 1);
  }

  return (
    <div>
      {loadError && <p className={fr.cx("fr-error-text")}>{loadError}</p>}
      {!sessions ? (
        !loadError && <p>Recherche des séances…</p>
      ) : sessions.length === 0 ? (
        <p>Aucune séance à venir dans les six prochaines semaines. Créez-en une ci-dessous.</p>
      ) : (
        <fieldset className={fr.cx("fr-fieldset")}>
          <legend className={fr.cx("fr-fieldset__legend")}>Séances à venir</legend>
          {sessions.map((s) => {
            const full = s.capacity !== null && s.capacity !== undefined && (s.seatsTaken ?? 0) >= s.capacity;
            const id = `seance-${s.id}`;
            return (
              <div key={s.id} className={fr.cx("fr-fieldset__element")}>
                <div className={fr.cx("fr-radio-group")}>
                  <input type="radio" id={id} name="seance" disabled={full} checked={selected === s.startsAt} onChange={() => onChoose(s)} />
                  <label className={fr.cx("fr-label")} htmlFor={id}>
                    {capitalize(formatDateTime(s.startsAt, timezone))} — {s.seatsTaken ?? 0} place{(s.seatsTaken ?? 0) > 1 ? "s" : ""} prise{(s.seatsTaken ?? 0) > 1 ? "s" : ""} sur {s.capacity ?? "?"}
                    {full ? " (complète)" : ""}
                    <span className={fr.cx("fr-hint-text")}>Avec {agentNames(s.agentIds) || "—"}</span>
                  </label>
                </div>
              </div>
            );
          })}
        </fieldset>
      )}
      <Button type="button" priority="secondary" size="small" iconId="fr-icon-add-line" onClick={() => setCreating(!creating)} nativeButtonProps={{ "aria-expanded": creating, "aria-controls": "nouvelle-seance" }}>
        Créer une séance
      </Button>
      {creating && (
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
      )}
    </div>
  );
}
