import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { AgendaLoader } from "@/components/agent/AgendaLoader";
import { Unavailable } from "@/components/agent/Unavailable";
import { now } from "@/lib/agent/clock";
import { agentGet, load, requireAgent, roleIn } from "@/lib/agent/server";
import { addDays, localIso, mondayOf, parseLocalDate, wallClock, DEPARTMENT_TIMEZONE } from "@/lib/time";
import { AgendaInfo } from "@rdv/core/schema";

export const metadata: Metadata = { title: "Agenda", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AgendaPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const date = parseLocalDate(typeof params.date === "string" ? params.date : undefined);
  const me = await requireAgent(date ? `/agent?date=${date}` : "/agent");
  const guessZone = DEPARTMENT_TIMEZONE;
  const day = date ?? wallClock(now(), guessZone).date;
  const monday = mondayOf(day);
  const agenda = await load(agentGet("/v1/agent/agenda", { organisation: me.organisationId, from: monday, to: addDays(monday, 6) }, AgendaInfo));

  return (
    <>
      <div className={fr.cx("fr-grid-row", "fr-grid-row--middle", "fr-grid-row--gutters", "fr-mb-2w")}>
        <div className={fr.cx("fr-col-12", "fr-col-md")}>
          <h1 className={fr.cx("fr-mb-0")}>Agenda</h1>
        </div>
        <div className={`${fr.cx("fr-col-12")} rdv-agent-col-auto`}>
          <Link className={fr.cx("fr-btn", "fr-icon-add-line", "fr-btn--icon-left")} href="/agent/prendre-rdv">
            Prendre un rendez-vous
          </Link>
        </div>
      </div>
      {agenda.ok ? (
        <AgendaLoader
          organisationId={me.organisationId}
          timezone={agenda.data.timezone}
          agents={agenda.data.agents}
          motifs={agenda.data.motifs}
          places={agenda.data.places}
          initialDate={date ?? wallClock(now(), agenda.data.timezone).date}
          initialView={params.vue === "jour" ? "timeGridDay" : "timeGridWeek"}
          initialAgentIds={roleIn(me) === "agent" && agenda.data.agents.some((a) => a.id === me.id) ? [me.id] : []}
          nowIso={localIso(now(), agenda.data.timezone)}
        />
      ) : (
        <Unavailable status={agenda.status} error={agenda.error} />
      )}
    </>
  );
}
