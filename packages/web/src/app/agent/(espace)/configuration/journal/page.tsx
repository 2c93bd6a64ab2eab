import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Unavailable } from "@/components/agent/Unavailable";
import { agentName, CONFIG_ACTIONS, CONFIG_SUBJECTS, describeChange } from "@/lib/agent/labels";
import { loadConfiguration } from "@/lib/agent/organisation";
import { agentGet, load, requireAgent, roleIn } from "@/lib/agent/server";
import { formatShortDateTime } from "@/lib/time";
import { ConfigurationChangesInfo } from "@rdv/core/schema";

export const metadata: Metadata = { title: "Journal des modifications", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The organisation's configuration changes, newest first, 50 a page (admins). */
export default async function ConfigurationJournalPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const cursor = typeof params.suite === "string" ? params.suite : undefined;
  const me = await requireAgent("/agent/configuration/journal");
  if (roleIn(me) !== "admin") {
    return (
      <>
        <h1>Journal des modifications</h1>
        <p>Seuls les administrateurs de l’organisation peuvent consulter ce journal.</p>
      </>
    );
  }
  const [changes, configuration] = await Promise.all([
    load(agentGet("/v1/agent/configuration/changes", { organisation: me.organisationId, cursor }, ConfigurationChangesInfo), "/agent/configuration/journal"),
    load(loadConfiguration(me.organisationId), "/agent/configuration/journal"),
  ]);
  if (!changes.ok) {
    return (
      <>
        <h1>Journal des modifications</h1>
        <Unavailable status={changes.status} error={changes.error} />
      </>
    );
  }
  const known = configuration.ok ? configuration.data : undefined;
  const subjectName = (subject: string, id: string): string | undefined => {
    if (!known) return undefined;
    if (subject === "place") return known.places.find((p) => p.id === id)?.name;
    if (subject === "motif") return known.motifs.find((m) => m.id === id)?.name;
    if (subject === "absence") {
      const absence = known.absences.find((a) => a.id === id);
      return absence ? agentName(known.agents.find((a) => a.id === absence.agentId)) : undefined;
    }
    return undefined;
  };
  const { events } = changes.data;

  return (
    <>
      <p>
        <Link href="/agent/configuration" className={fr.cx("fr-link", "fr-icon-arrow-left-line", "fr-link--icon-left")}>
          Retour à la configuration
        </Link>
      </p>
      <h1>Journal des modifications</h1>
      <p>Chaque modification des lieux, motifs, plages d’ouverture, absences et invitations de l’organisation, avec son auteur. Les entrées sont conservées deux ans.</p>
      {events.length === 0 ? (
        <p>{cursor ? "Il n’y a pas de modification plus ancienne." : "Aucune modification enregistrée pour l’instant."}</p>
      ) : (
        <div className={fr.cx("fr-table")}>
          <table>
            <caption>Modifications, les plus récentes d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Par</th>
                <th scope="col">Élément</th>
                <th scope="col">Modifications</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event, index) => {
                const name = subjectName(event.subject, event.subjectId);
                const details = Object.entries(event.changes);
                return (
                  <tr key={`${event.at}-${index}`}>
                    <td>{formatShortDateTime(event.at)}</td>
                    <td>{event.agentName}</td>
                    <td>
                      {CONFIG_SUBJECTS[event.subject] ?? event.subject} {CONFIG_ACTIONS[event.action] ?? event.action}
                      {name ? ` : ${name}` : ""}
                    </td>
                    <td>
                      {details.length === 0 ? (
                        "aucune"
                      ) : (
                        <ul className="rdv-agent-plain">
                          {details.map(([key, change]) => (
                            <li key={key}>{describeChange(key, change)}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {changes.data.cursor && (
        <p>
          <Link href={`/agent/configuration/journal?suite=${encodeURIComponent(changes.data.cursor)}`}>Modifications plus anciennes</Link>
        </p>
      )}
    </>
  );
}
