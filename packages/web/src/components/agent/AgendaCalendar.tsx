"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import FullCalendar from "@fullcalendar/react";
import timeGridPlugin from "@fullcalendar/timegrid";
import interactionPlugin, { type DateClickArg } from "@fullcalendar/interaction";
import frLocale from "@fullcalendar/core/locales/fr";
import type { DatesSetArg, EventClickArg, EventInput, EventSourceFuncArg } from "@fullcalendar/core";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { apiGet } from "@/lib/agent/client";
import { arrivalLabel, STATUS_COLOURS, statusLabel } from "@/lib/agent/labels";
import { addDays, capitalize, formatDay, formatLocalDate, localIso } from "@/lib/time";
import { AgendaList } from "./AgendaList";
import { AgendaInfo, type AgendaAgentInfo, type AgendaMotifInfo, type AppointmentSummaryInfo } from "@rdv/core/schema";

export interface AgendaCalendarProps {
  organisationId: string;
  timezone: string;
  agents: AgendaAgentInfo[];
  motifs: AgendaMotifInfo[];
  places: { id: string; name: string }[];
  initialDate: string;
  initialView: "timeGridWeek" | "timeGridDay";
  initialAgentIds: string[];
  /** the API's clock (local stacks may start it at RDV_NOW) */
  nowIso: string;
}

type Range = { from: string; to: string; view: string };

function rangeTitle(range: Range | undefined): string {
  if (!range) return "Agenda";
  if (range.from === range.to) return capitalize(formatLocalDate(range.from));
  return `Semaine du ${formatDay(range.from)} au ${formatLocalDate(range.to)}`;
}

export function AgendaCalendar(props: AgendaCalendarProps) {
  const { organisationId, timezone, agents, motifs, places, initialDate, initialView, initialAgentIds, nowIso } = props;
  const router = useRouter();
  const calendar = useRef<FullCalendar>(null);
  const [selected, setSelected] = useState<string[]>(initialAgentIds);
  const [range, setRange] = useState<Range>();
  const [shown, setShown] = useState<AppointmentSummaryInfo[]>([]);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const clockOffset = useMemo(() => Date.parse(nowIso) - Date.now(), [nowIso]);

  const agentById = useMemo(() => new Map(agents.map((a) => [a.id, a])), [agents]);
  const motifById = useMemo(() => new Map(motifs.map((m) => [m.id, m])), [motifs]);
  const placeById = useMemo(() => new Map(places.map((p) => [p.id, p])), [places]);
  const agentNames = useCallback((ids: string[]) => ids.map((id) => agentById.get(id)).filter(Boolean).map((a) => `${a!.firstName} ${a!.lastName}`).join(", "), [agentById]);

  const loadEvents = useCallback(
    async (info: EventSourceFuncArg): Promise<EventInput[]> => {
      const from = info.startStr.slice(0, 10);
      const to = addDays(info.endStr.slice(0, 10), -1);
      setLoading(true);
      const result = await apiGet("/v1/agent/agenda", { organisation: organisationId, from, to, agents: selected.length ? selected.join(",") : undefined }, AgendaInfo);
      setLoading(false);
      if (!result.ok) {
        setError(result.error.message);
        setShown([]);
        return [];
      }
      setError(undefined);
      const agenda = result.data;
      const several = selected.length !== 1;
      setShown([...agenda.appointments].sort((a, b) => a.startsAt.localeCompare(b.startsAt)));
      return [
        ...agenda.openings.map((o) => ({
          start: o.start,
          end: o.end,
          display: "background",
          classNames: ["rdv-opening"],
          title: "",
          extendedProps: { kind: "opening" },
          groupId: `opening-${o.agentId}`,
        })),
        ...agenda.absences.map((a) => ({
          start: a.start,
          end: a.end,
          display: "background",
          classNames: ["rdv-absence"],
          title: "",
          extendedProps: { kind: "absence" },
        })),
        ...agenda.appointments.map((a) => {
          const colours = STATUS_COLOURS[a.status];
          const motif = motifById.get(a.motifId)?.name ?? "";
          const who = a.label || motif;
          const title = [who, a.label && motif ? motif : "", several ? agentNames(a.agentIds) : "", a.status === "booked" ? "" : statusLabel(a.status), a.arrivedAt ? arrivalLabel(a.arrivedAt) : ""].filter(Boolean).join(" · ");
          return {
            id: a.id,
            title,
            start: a.startsAt,
            end: a.endsAt,
            url: `/agent/rendez-vous/${encodeURIComponent(a.id)}`,
            backgroundColor: colours.background,
            borderColor: colours.border,
            textColor: colours.text,
            classNames: a.status === "excused" || a.status === "revoked" ? ["rdv-cancelled"] : [],
            extendedProps: { kind: "appointment" },
          };
        }),
      ];
    },
    [organisationId, selected, motifById, agentNames],
  );

  const api = () => calendar.current?.getApi();
  const view = range?.view ?? initialView;
  const isDay = view === "timeGridDay";

  function toggleAgent(id: string, checked: boolean) {
    setSelected((current) => (checked ? [...current, id] : current.filter((a) => a !== id)));
  }

  function onDatesSet(arg: DatesSetArg) {
    setRange({ from: arg.startStr.slice(0, 10), to: addDays(arg.endStr.slice(0, 10), -1), view: arg.view.type });
  }

  function onEventClick(arg: EventClickArg) {
    if (!arg.event.url) return;
    arg.jsEvent.preventDefault();
    router.push(arg.event.url);
  }

  function onDateClick(arg: DateClickArg) {
    const params = new URLSearchParams({ date: arg.dateStr.slice(0, 10), heure: arg.dateStr.slice(11, 16) });
    if (selected.length === 1) params.set("agent", selected[0]!);
    router.push(`/agent/prendre-rdv?${params.toString()}`);
  }

  return (
    <div>
      {agents.length > 0 && <Checkbox
        legend="Agendas affichés"
        hintText="Aucune case cochée : toute l’organisation."
        orientation="horizontal"
        small
        options={agents.map((agent) => ({
          label: `${agent.firstName} ${agent.lastName}`,
          nativeInputProps: { checked: selected.includes(agent.id), onChange: (event) => toggleAgent(agent.id, event.currentTarget.checked), name: "agents", value: agent.id },
        }))}
      />}

      <div className={fr.cx("fr-grid-row", "fr-grid-row--middle", "fr-grid-row--gutters", "fr-mb-1w")}>
        <div className={fr.cx("fr-col-12", "fr-col-lg")}>
          <h2 className={fr.cx("fr-h4", "fr-mb-0")} aria-live="polite">
            {rangeTitle(range)}
          </h2>
        </div>
        <div className={`${fr.cx("fr-col-12")} rdv-agent-col-auto`}>
          <div className="rdv-agent-inline" role="group" aria-label="Période affichée">
            <Button priority="secondary" size="small" iconId="fr-icon-arrow-left-s-line" onClick={() => api()?.prev()} title={isDay ? "Jour précédent" : "Semaine précédente"}>
              {isDay ? "Jour précédent" : "Semaine précédente"}
            </Button>
            <Button priority="secondary" size="small" onClick={() => api()?.today()}>
              Aujourd’hui
            </Button>
            <Button priority="secondary" size="small" iconId="fr-icon-arrow-right-s-line" iconPosition="right" onClick={() => api()?.next()} title={isDay ? "Jour suivant" : "Semaine suivante"}>
              {isDay ? "Jour suivant" : "Semaine suivante"}
            </Button>
          </div>
        </div>
        <div className={`${fr.cx("fr-col-12")} rdv-agent-col-auto`}>
          <div className="rdv-agent-inline" role="group" aria-label="Vue">
            <Button priority={isDay ? "tertiary" : "primary"} size="small" nativeButtonProps={{ "aria-pressed": !isDay }} onClick={() => api()?.changeView("timeGridWeek")}>
              Semaine
            </Button>
            <Button priority={isDay ? "primary" : "tertiary"} size="small" nativeButtonProps={{ "aria-pressed": isDay }} onClick={() => api()?.changeView("timeGridDay")}>
              Jour
            </Button>
          </div>
        </div>
      </div>

      <p className={fr.cx("fr-text--sm", "fr-mb-1w")}>
        <span className="rdv-agent-legend" style={{ background: "#b8fec9" }} aria-hidden="true" />
        Plages d’ouverture
        <span className="rdv-agent-legend fr-ml-2w" style={{ background: "repeating-linear-gradient(45deg, #929292, #929292 4px, #cecece 4px, #cecece 8px)" }} aria-hidden="true" />
        Absences
        <span className="fr-ml-2w">Cliquez sur un horaire libre pour prendre un rendez-vous, sur un rendez-vous pour le voir.</span>
      </p>

      {error && (
        <div className={fr.cx("fr-alert", "fr-alert--error", "fr-alert--sm", "fr-mb-2w")} role="alert">
          <p>{error}</p>
        </div>
      )}

      <div className="rdv-agent-calendar" aria-busy={loading}>
        <FullCalendar
          ref={calendar}
          plugins={[timeGridPlugin, interactionPlugin]}
          initialView={initialView}
          initialDate={initialDate}
          locale={frLocale}
          firstDay={1}
          timeZone={timezone}
          now={() => localIso(new Date(Date.now() + clockOffset), timezone)}
          nowIndicator
          slotMinTime="07:00:00"
          slotMaxTime="20:00:00"
          allDaySlot={false}
          headerToolbar={false}
          height="auto"
          slotLabelFormat={{ hour: "2-digit", minute: "2-digit" }}
          eventTimeFormat={{ hour: "2-digit", minute: "2-digit" }}
          dayHeaderFormat={{ weekday: "long", day: "numeric", month: "numeric" }}
          events={loadEvents}
          datesSet={onDatesSet}
          eventClick={onEventClick}
          dateClick={onDateClick}
        />
      </div>

      <AgendaList
        appointments={shown}
        loading={loading}
        motifName={(id) => motifById.get(id)?.name}
        placeName={(id) => placeById.get(id)?.name}
        agentNames={agentNames}
        today={localIso(new Date(Date.now() + clockOffset), timezone).slice(0, 10)}
        onArrival={(appointmentId, arrivedAt) => {
          setShown((current) => current.map((a) => (a.id === appointmentId ? { ...a, arrivedAt } : a)));
          api()?.refetchEvents();
        }}
      />
    </div>
  );
}
