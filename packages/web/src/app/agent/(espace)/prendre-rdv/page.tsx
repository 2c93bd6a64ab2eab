import type { Metadata } from "next";
import { BookingWorkspace } from "@/components/agent/BookingWorkspace";
import { Unavailable } from "@/components/agent/Unavailable";
import { now } from "@/lib/agent/clock";
import { loadConfiguration } from "@/lib/agent/organisation";
import { agentGet, load, requireAgent } from "@/lib/agent/server";
import { localIso, parseLocalDate, parseLocalTime, wallClock, DEPARTMENT_TIMEZONE } from "@/lib/time";
import { AgendaInfo } from "@rdv/core/schema";

export const metadata: Metadata = { title: "Prendre un rendez-vous", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function BookingPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const me = await requireAgent("/agent/prendre-rdv");
  const zone = DEPARTMENT_TIMEZONE;
  const today = wallClock(now(), zone).date;
  const [agenda, configuration] = await Promise.all([
    load(agentGet("/v1/agent/agenda", { organisation: me.organisationId, from: today, to: today }, AgendaInfo), "/agent/prendre-rdv"),
    loadConfiguration(me.organisationId),
  ]);
  if (!agenda.ok || !configuration.ok) {
    const failed = !agenda.ok ? agenda : !configuration.ok ? configuration : undefined;
    return (
      <>
        <h1>Prendre un rendez-vous</h1>
        <Unavailable status={failed?.status ?? 0} error={failed?.error} />
      </>
    );
  }
  const placesByMotif: Record<string, string[]> = {};
  for (const rule of configuration.data.openingRules) {
    for (const motifId of rule.motifIds) placesByMotif[motifId] = [...new Set([...(placesByMotif[motifId] ?? []), rule.placeId])];
  }
  const capacities = Object.fromEntries(configuration.data.motifs.map((m) => [m.id, m.capacity ?? undefined]));
  const session = one(params.seance);

  return (
    <>
      <h1>Prendre un rendez-vous</h1>
      <p>Pour un usager au téléphone ou à l’accueil : trouvez-le ou créez-le, choisissez le motif, puis un créneau libre.</p>
      <BookingWorkspace
        organisationId={me.organisationId}
        timezone={agenda.data.timezone}
        meId={me.id}
        services={configuration.data.services}
        motifs={agenda.data.motifs}
        capacities={capacities}
        places={agenda.data.places}
        placesByMotif={placesByMotif}
        agents={configuration.data.agents.map(({ id, firstName, lastName, serviceIds }) => ({ id, firstName, lastName, serviceIds }))}
        today={wallClock(now(), agenda.data.timezone).date}
        nowIso={localIso(now(), agenda.data.timezone)}
        prefill={{
          date: parseLocalDate(one(params.date)),
          time: parseLocalTime(one(params.heure)),
          agentId: one(params.agent),
          motifId: one(params.motif),
          placeId: one(params.lieu),
          session: session && session.length <= 40 ? session : undefined,
        }}
      />
    </>
  );
}
