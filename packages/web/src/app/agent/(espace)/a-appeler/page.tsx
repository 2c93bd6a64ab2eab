import type { Metadata } from "next";
import { CallList } from "@/components/agent/CallList";
import { Unavailable } from "@/components/agent/Unavailable";
import { agentGet, load, requireAgent } from "@/lib/agent/server";
import { CallListInfo } from "@rdv/core/schema";
import { DEPARTMENT_TIMEZONE } from "@/lib/time";

export const metadata: Metadata = { title: "À appeler", robots: { index: false } };

export default async function CallListPage() {
  const me = await requireAgent("/agent/a-appeler");
  const list = await load(agentGet("/v1/agent/call-list", { organisation: me.organisationId }, CallListInfo), "/agent/a-appeler");
  return (
    <>
      <h1>À appeler</h1>
      <p>
        Les rendez-vous des {list.ok ? list.data.days : 3} prochains jours dont le rappel par SMS risque de ne pas arriver, ou dont l’usager risque de ne pas venir. Un appel
        suffit souvent : notez ensuite le résultat.
      </p>
      {list.ok ? <CallList items={list.data.items} timezone={DEPARTMENT_TIMEZONE} /> : <Unavailable status={list.status} error={list.error} />}
    </>
  );
}
