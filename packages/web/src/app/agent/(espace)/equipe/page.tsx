import type { Metadata } from "next";
import Link from "next/link";
import { TeamInfo } from "@rdv/core/schema";
import { TeamManager } from "@/components/agent/TeamManager";
import { Unavailable } from "@/components/agent/Unavailable";
import { agentGet, load, requireAgent, roleIn } from "@/lib/agent/server";

export const metadata: Metadata = { title: "Équipe", robots: { index: false } };

export default async function TeamPage() {
  const me = await requireAgent("/agent/equipe");
  if (roleIn(me) !== "admin") {
    return (
      <>
        <h1>Équipe</h1>
        <p>Cette page est réservée aux administrateurs de l’organisation.</p>
      </>
    );
  }
  const team = await load(agentGet("/v1/agent/team", { organisation: me.organisationId }, TeamInfo), "/agent/equipe");
  return (
    <>
      <h1>Équipe</h1>
      <p>
        Les agents de l’organisation : leur rôle, leurs services, leur dernière connexion. Un agent désactivé ne peut plus se connecter, et ses sessions en cours
        s’arrêtent aussitôt. Pour ajouter quelqu’un, <Link href="/agent/configuration#form-invitation">envoyez une invitation</Link>.
      </p>
      {team.ok ? <TeamManager team={team.data} meId={me.id} /> : <Unavailable status={team.status} error={team.error} />}
    </>
  );
}
