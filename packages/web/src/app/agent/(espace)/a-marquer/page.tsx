import type { Metadata } from "next";
import { ToMarkList } from "@/components/agent/ToMarkList";
import { Unavailable } from "@/components/agent/Unavailable";
import { loadConfiguration } from "@/lib/agent/organisation";
import { agentGet, load, requireAgent } from "@/lib/agent/server";
import { ToMarkInfo } from "@rdv/core/schema";
import { agentName } from "@/lib/agent/labels";
import { DEPARTMENT_TIMEZONE } from "@/lib/time";

export const metadata: Metadata = { title: "Rendez-vous à marquer", robots: { index: false } };

export default async function ToMarkPage() {
  const me = await requireAgent("/agent/a-marquer");
  const [list, configuration] = await Promise.all([
    load(agentGet("/v1/agent/appointments/to-mark", { organisation: me.organisationId }, ToMarkInfo), "/agent/a-marquer"),
    loadConfiguration(me.organisationId),
  ]);
  const motifs = configuration.ok ? configuration.data.motifs : [];
  const agents = configuration.ok ? configuration.data.agents : [];
  return (
    <>
      <h1>Rendez-vous à marquer</h1>
      <p>
        Les rendez-vous des 60 derniers jours qui ne sont pas encore marqués. Indiquez pour chacun s’il a été honoré, s’il s’agit d’un lapin (absence non excusée), si
        l’usager s’était excusé ou si le service l’a annulé : le taux de lapins des statistiques en dépend.
      </p>
      {list.ok ? (
        <ToMarkList
          timezone={DEPARTMENT_TIMEZONE}
          rows={list.data.appointments
            .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
            .map((a) => ({
              id: a.id,
              startsAt: a.startsAt,
              label: a.label,
              motif: motifs.find((m) => m.id === a.motifId)?.name ?? "—",
              agents: a.agentIds.map((id) => agentName(agents.find((g) => g.id === id))).join(", "),
            }))}
        />
      ) : (
        <Unavailable status={list.status} error={list.error} />
      )}
    </>
  );
}
