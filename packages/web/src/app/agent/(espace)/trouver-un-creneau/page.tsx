import type { Metadata } from "next";
import { FindSlotWorkspace } from "@/components/agent/FindSlotWorkspace";
import { Unavailable } from "@/components/agent/Unavailable";
import { now } from "@/lib/agent/clock";
import { loadConfiguration } from "@/lib/agent/organisation";
import { load, requireAgent } from "@/lib/agent/server";
import { DEPARTMENT_TIMEZONE, wallClock } from "@/lib/time";

export const metadata: Metadata = { title: "Trouver un créneau", robots: { index: false } };

export default async function FindSlotPage() {
  const me = await requireAgent("/agent/trouver-un-creneau");
  const configuration = await load(loadConfiguration(me.organisationId), "/agent/trouver-un-creneau");
  if (!configuration.ok) {
    return (
      <>
        <h1>Trouver un créneau</h1>
        <Unavailable status={configuration.status} error={configuration.error} />
      </>
    );
  }
  const { services, motifs, places, agents } = configuration.data;
  return (
    <>
      <h1>Trouver un créneau</h1>
      <p>Les prochains créneaux libres de chaque agent, dans chaque lieu de l’organisation : choisissez-en un, puis l’usager.</p>
      <FindSlotWorkspace
        organisationId={me.organisationId}
        timezone={DEPARTMENT_TIMEZONE}
        today={wallClock(now(), DEPARTMENT_TIMEZONE).date}
        services={services}
        motifs={motifs.filter((m) => !m.collective).map((m) => ({ id: m.id, name: m.name, serviceId: m.serviceId }))}
        places={places.map((p) => ({ id: p.id, name: p.name }))}
        agents={agents.map(({ id, firstName, lastName }) => ({ id, firstName, lastName }))}
      />
    </>
  );
}
