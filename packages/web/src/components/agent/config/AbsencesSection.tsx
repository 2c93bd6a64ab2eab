import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import type { ConfigAbsenceInfo, ConfigAgentInfo } from "@rdv/core/schema";
import { formatLocalDateTime } from "@/lib/time";
import { AbsenceForm } from "./AbsenceForm";
import { DeleteButton } from "./DeleteButton";
import { OccurrenceForm } from "./OccurrenceForm";
import { exceptionsText, recurrenceText } from "./RulesSection";

/** The agents' absences: everyone manages their own, admins those of the organisation's agents. */
export function AbsencesSection(props: { absences: ConfigAbsenceInfo[]; admin: boolean; meId: string; agents: ConfigAgentInfo[]; person: (id: string) => string; editedAbsence?: ConfigAbsenceInfo }) {
  const { absences, admin, meId, agents, person, editedAbsence } = props;
  const absenceAgents = admin ? agents : agents.filter((a) => a.id === meId);
  const manageable = (a: ConfigAbsenceInfo) => admin || a.agentId === meId;
  const label = (a: ConfigAbsenceInfo) => `${person(a.agentId)}${a.title ? ` — ${a.title}` : ""} — ${a.recurrence ? recurrenceText({ recurrence: a.recurrence, firstDay: a.start.slice(0, 10), until: a.until }) : formatLocalDateTime(a.start)}, ${a.start.slice(11)}–${a.end.slice(11)}`;
  const recurring = absences.filter((a) => a.recurrence && manageable(a));
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
              <th scope="col">Occurrences annulées ou déplacées</th>
              <th scope="col">Actions</th>
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
                    <td>{a.recurrence ? exceptionsText(a.exceptions) : "—"}</td>
                    <td>
                      {manageable(a) ? (
                        <div className="rdv-agent-table-actions">
                          <Link href={`/agent/configuration?absence=${encodeURIComponent(a.id)}#form-absence`} aria-label={`Modifier l’${what}`}>
                            Modifier
                          </Link>
                          <DeleteButton label="Supprimer" what={what} path="/v1/agent/configuration/absences/delete" body={{ agentId: a.agentId, absenceId: a.id }} />
                        </div>
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
    {absenceAgents.length > 0 && <AbsenceForm key={editedAbsence?.id ?? "nouvelle"} agents={absenceAgents} defaultAgentId={absenceAgents.some((a) => a.id === meId) ? meId : absenceAgents[0]!.id} initial={editedAbsence} />}
    {recurring.length > 0 && (
      <OccurrenceForm
        id="form-occurrence-absence"
        title="Annuler ou déplacer une seule occurrence d’une absence"
        path="/v1/agent/configuration/absences/occurrence"
        seriesLabel="Absence qui se répète"
        notice="L’absence continue les autres jours."
        series={recurring.map((a) => ({ key: `${a.agentId}/${a.id}`, label: label(a), target: { agentId: a.agentId, absenceId: a.id } }))}
      />
    )}
  </section>
  );
}
