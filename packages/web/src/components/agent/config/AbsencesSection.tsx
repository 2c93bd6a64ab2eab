import { fr } from "@codegouvfr/react-dsfr";
import type { ConfigAbsenceInfo, ConfigAgentInfo } from "@rdv/core/schema";
import { formatLocalDateTime } from "@/lib/time";
import { AbsenceForm } from "./AbsenceForm";
import { DeleteButton } from "./DeleteButton";
import { recurrenceText } from "./RulesSection";

/** The agents' absences: everyone manages their own, admins those of the organisation's agents. */
export function AbsencesSection(props: { absences: ConfigAbsenceInfo[]; admin: boolean; meId: string; agents: ConfigAgentInfo[]; person: (id: string) => string }) {
  const { absences, admin, meId, agents, person } = props;
  const absenceAgents = admin ? agents : agents.filter((a) => a.id === meId);
  return (
  <section aria-labelledby="absences" className={fr.cx("fr-mb-8w")}>
    <h2 id="absences">Absences</h2>
    {absences.length === 0 ? (
      <p>Aucune absence enregistrée.</p>
    ) : (
      <div className={fr.cx("fr-table")}>
        <table>
          <caption>Absences des agents ({absences.length})</caption>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Motif</th>
              <th scope="col">Début</th>
              <th scope="col">Fin</th>
              <th scope="col">Répétition</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {[...absences]
              .sort((a, b) => a.start.localeCompare(b.start))
              .map((a) => {
                const what = `absence de ${person(a.agentId)} du ${formatLocalDateTime(a.start)}`;
                return (
                  <tr key={`${a.agentId}-${a.id}`}>
                    <td>{person(a.agentId)}</td>
                    <td>{a.title ?? "—"}</td>
                    <td>{formatLocalDateTime(a.start)}</td>
                    <td>{formatLocalDateTime(a.end)}</td>
                    <td>{a.recurrence ? recurrenceText({ recurrence: a.recurrence, firstDay: a.start.slice(0, 10), until: a.until }) : "—"}</td>
                    <td>
                      {admin || a.agentId === meId ? (
                        <DeleteButton label="Supprimer" what={what} path="/v1/agent/configuration/absences/delete" body={{ agentId: a.agentId, absenceId: a.id }} />
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </div>
    )}
    {absenceAgents.length > 0 && <AbsenceForm agents={absenceAgents} defaultAgentId={absenceAgents.some((a) => a.id === meId) ? meId : absenceAgents[0]!.id} />}
  </section>
  );
}
