"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { AgentAvailabilityInfo, Booked, type ApiErrorInfo, type ServiceUserInfo } from "@rdv/core/schema";
import { apiGet, apiPost, newIdempotencyKey } from "@/lib/agent/client";
import { capitalize, formatDateTime, formatLocalDate, parseLocalDate } from "@/lib/time";
import { ErrorAlert } from "./form";
import { ConfirmStep, summaryText } from "./booking/ConfirmStep";
import { UsagerStep } from "./booking/UsagerStep";

type Named = { id: string; name: string };

export interface FindSlotWorkspaceProps {
  organisationId: string;
  timezone: string;
  today: string;
  services: Named[];
  /** individual motifs only (collective ones have sessions, booked from « Prendre un rendez-vous ») */
  motifs: Array<Named & { serviceId: string }>;
  places: Named[];
  agents: Array<{ id: string; firstName: string; lastName: string }>;
}

type Result = AgentAvailabilityInfo["results"][number];
interface Chosen {
  motifId: string;
  placeId: string;
  agentId: string;
  startsAt: string;
}

/**
 * « Trouver un créneau »: a motif (or every motif of a service), optionally an agent or a place;
 * each agent's next free slots at each place, next availability first; then the usager and the
 * booking, on the same screen, through the agent booking route.
 */
export function FindSlotWorkspace({ organisationId, timezone, today, services, motifs, places, agents }: FindSlotWorkspaceProps) {
  const [search, setSearch] = useState<{ pending: boolean; data?: AgentAvailabilityInfo; error?: ApiErrorInfo }>({ pending: false });
  const [chosen, setChosen] = useState<Chosen>();
  const [usager, setUsager] = useState<ServiceUserInfo>();
  const [booking, setBooking] = useState<{ key: string; pending: boolean; error?: ApiErrorInfo; warning?: ApiErrorInfo }>(() => ({ key: newIdempotencyKey(), pending: false }));
  const [booked, setBooked] = useState<{ id: string; startsAt: string; who: string }>();
  const [criteria, setCriteria] = useState<Record<string, string | undefined>>();

  const agentName = (agentId: string) => {
    const agent = agents.find((a) => a.id === agentId);
    return agent ? `${agent.firstName} ${agent.lastName}` : agentId;
  };
  const placeName = (placeId: string) => places.find((p) => p.id === placeId)?.name ?? placeId;
  const motifName = (motifId: string) => motifs.find((m) => m.id === motifId)?.name ?? motifId;

  async function run(params: Record<string, string | undefined>) {
    setSearch((previous) => ({ ...previous, pending: true }));
    const result = await apiGet("/v1/agent/availability", params, AgentAvailabilityInfo);
    setSearch(result.ok ? { pending: false, data: result.data } : { pending: false, error: result.error });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const what = String(form.get("quoi") ?? "");
    const params = {
      organisation: organisationId,
      motif: what.startsWith("motif:") ? what.slice("motif:".length) : undefined,
      service: what.startsWith("service:") ? what.slice("service:".length) : undefined,
      place: String(form.get("lieu") ?? "") || undefined,
      agent: String(form.get("agent") ?? "") || undefined,
      from: parseLocalDate(String(form.get("debut") ?? "")) ?? today,
    };
    setCriteria(params);
    setChosen(undefined);
    void run(params);
  }

  function choose(result: Result, startsAt: string) {
    setChosen({ motifId: result.motifId, placeId: result.placeId, agentId: result.agentId, startsAt });
    setBooking({ key: newIdempotencyKey(), pending: false });
    setBooked(undefined);
  }

  async function book(acknowledgeWarnings: boolean) {
    if (!usager || !chosen) return;
    setBooking((b) => ({ ...b, pending: true, error: undefined }));
    const body = {
      motifId: chosen.motifId,
      placeId: chosen.placeId,
      startsAt: chosen.startsAt,
      serviceUserId: usager.id,
      agentIds: [chosen.agentId],
      ...(acknowledgeWarnings ? { acknowledgeWarnings: true } : {}),
    };
    const result = await apiPost("/v1/agent/appointments", body, Booked, { "idempotency-key": booking.key });
    if (result.ok) {
      setBooked({ id: result.data.id, startsAt: result.data.startsAt, who: `${usager.firstName} ${usager.lastName}` });
      setChosen(undefined);
      setBooking({ key: newIdempotencyKey(), pending: false });
      if (criteria) void run(criteria);
    } else if (result.error.code === "appointment.needs_confirmation") {
      setBooking((b) => ({ ...b, pending: false, warning: result.error }));
    } else {
      setBooking((b) => ({ ...b, pending: false, error: result.error }));
      if (result.error.code === "appointment.slot_taken" && criteria) void run(criteria);
    }
  }

  const results = search.data?.results ?? [];
  const withSlots = results.filter((r) => r.slots.length > 0);
  const without = results.filter((r) => r.slots.length === 0);
  const serviceSearch = Boolean(criteria?.service);

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
              <Link href={`/agent/rendez-vous/${encodeURIComponent(booked.id)}`}>Voir le rendez-vous</Link>
            </>
          }
        />
      )}

      <section aria-labelledby="etape-recherche" className={fr.cx("fr-mb-5w")}>
        <h2 id="etape-recherche" className={fr.cx("fr-h4")}>
          1. Recherche
        </h2>
        <form onSubmit={submit}>
          <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <Select label="Motif ou service" nativeSelectProps={{ name: "quoi", required: true, defaultValue: "" }}>
                <option value="" disabled>
                  Choisir un motif
                </option>
                {services
                  .filter((s) => motifs.some((m) => m.serviceId === s.id))
                  .map((service) => (
                    <optgroup key={service.id} label={service.name}>
                      <option value={`service:${service.id}`}>Tous les motifs : {service.name}</option>
                      {motifs
                        .filter((m) => m.serviceId === service.id)
                        .map((m) => (
                          <option key={m.id} value={`motif:${m.id}`}>
                            {m.name}
                          </option>
                        ))}
                    </optgroup>
                  ))}
              </Select>
            </div>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <Input label="À partir du" nativeInputProps={{ type: "date", name: "debut", defaultValue: today, min: today }} />
            </div>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <Select label="Lieu" nativeSelectProps={{ name: "lieu", defaultValue: "" }}>
                <option value="">Tous les lieux</option>
                {places.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </Select>
            </div>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <Select label="Agent" nativeSelectProps={{ name: "agent", defaultValue: "" }}>
                <option value="">Tous les agents</option>
                {agents.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.firstName} {a.lastName}
                  </option>
                ))}
              </Select>
            </div>
          </div>
          <Button type="submit" disabled={search.pending} className={fr.cx("fr-mt-2w")}>
            {search.pending ? "Recherche…" : "Chercher les créneaux"}
          </Button>
        </form>
      </section>

      <section aria-labelledby="etape-disponibilites" className={fr.cx("fr-mb-5w")}>
        <h2 id="etape-disponibilites" className={fr.cx("fr-h4")}>
          2. Disponibilités
        </h2>
        <div aria-live="polite" aria-busy={search.pending}>
          {search.error ? (
            <ErrorAlert error={search.error} title="Recherche impossible" as="h3" />
          ) : !search.data ? (
            <p>Choisissez un motif puis lancez la recherche.</p>
          ) : results.length === 0 ? (
            <p>Aucun agent ne reçoit pour ce motif avec ces critères.</p>
          ) : (
            <>
              <p>
                Du {formatLocalDate(search.data.from)} au {formatLocalDate(search.data.to)} : {withSlots.length === 0 ? "aucun créneau libre." : "la prochaine disponibilité d’abord."}
              </p>
              {withSlots.map((result) => {
                const title = `${agentName(result.agentId)} — ${placeName(result.placeId)}${serviceSearch ? ` — ${motifName(result.motifId)}` : ""}`;
                return (
                  <div key={`${result.motifId}|${result.placeId}|${result.agentId}`} className={fr.cx("fr-mb-3w")}>
                    <h3 className={fr.cx("fr-text--md", "fr-text--bold", "fr-mb-1w")}>{title}</h3>
                    <ul className="rdv-agent-slots">
                      {result.slots.map((slot) => {
                        const selected = chosen?.startsAt === slot.startsAt && chosen.agentId === result.agentId && chosen.placeId === result.placeId && chosen.motifId === result.motifId;
                        const label = capitalize(formatDateTime(slot.startsAt, timezone));
                        return (
                          <li key={slot.startsAt}>
                            <Button
                              type="button"
                              size="small"
                              priority={selected ? "primary" : "secondary"}
                              nativeButtonProps={{ "aria-pressed": selected, "aria-label": `${label}, ${title}` }}
                              onClick={() => choose(result, slot.startsAt)}
                            >
                              {label}
                            </Button>
                          </li>
                        );
                      })}
                    </ul>
                  </div>
                );
              })}
              {without.length > 0 && (
                <p>
                  Sans créneau libre sur la période :{" "}
                  {without.map((r) => `${agentName(r.agentId)} (${placeName(r.placeId)}${serviceSearch ? `, ${motifName(r.motifId)}` : ""})`).join(", ")}.
                </p>
              )}
            </>
          )}
        </div>
      </section>

      <UsagerStep step={3} organisationId={organisationId} usager={usager} onChoose={setUsager} onClear={() => setUsager(undefined)} />

      <ConfirmStep
        step={4}
        summary={
          !chosen
            ? { missing: "Choisissez un créneau." }
            : !usager
              ? { missing: "Choisissez ou créez l’usager." }
              : {
                  text: summaryText({ who: `${usager.firstName} ${usager.lastName}`, motif: motifName(chosen.motifId), place: placeName(chosen.placeId), startsAt: chosen.startsAt, timezone, agents: agentName(chosen.agentId) }),
                  choice: { kind: "slot", startsAt: chosen.startsAt, agentIds: [chosen.agentId] },
                }
        }
        warning={booking.warning}
        error={booking.error}
        pending={booking.pending}
        onBook={(acknowledge) => void book(acknowledge)}
        onOtherTime={() => setChosen(undefined)}
      />
    </div>
  );
}
