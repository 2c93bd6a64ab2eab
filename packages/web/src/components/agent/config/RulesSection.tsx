import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import type { ConfigAgentInfo, ConfigMotifInfo, ConfigOpeningRuleInfo, ConfigPlaceInfo } from "@rdv/core/schema";
import { WEEKDAY_LABELS } from "@/lib/agent/labels";
import { formatLocalDate } from "@/lib/time";
import { DeleteButton } from "./DeleteButton";
import { OccurrenceForm } from "./OccurrenceForm";
import { RuleForm } from "./RuleForm";

/** Names of the ids a configuration list shows. */
export interface Names {
  serviceName: (id: string) => string;
  placeName: (id: string) => string;
  motifName: (id: string) => string;
  person: (id: string) => string;
}

export function recurrenceText(rule: Pick<ConfigOpeningRuleInfo, "recurrence" | "firstDay" | "until">): string {
  if (!rule.recurrence) return `Le ${formatLocalDate(rule.firstDay)}`;
  const days = rule.recurrence.weekdays.map((d) => WEEKDAY_LABELS[d] ?? d).join(", ");
  const every = rule.recurrence.everyWeeks === 1 ? "Chaque semaine" : `Toutes les ${rule.recurrence.everyWeeks} semaines`;
  return `${every} : ${days} — du ${formatLocalDate(rule.firstDay)}${rule.until ? ` au ${formatLocalDate(rule.until)}` : ", sans fin"}`;
}

/** The organisation's opening rules, their forms (admins) and the cancelling of one occurrence. */
export function RulesSection(props: {
  rules: ConfigOpeningRuleInfo[];
  admin: boolean;
  meId: string;
  agents: ConfigAgentInfo[];
  places: ConfigPlaceInfo[];
  motifs: ConfigMotifInfo[];
  editedRule: ConfigOpeningRuleInfo | undefined;
  names: Names;
}) {
  const { rules: openingRules, admin, meId, agents, places, motifs, editedRule, names } = props;
  const { serviceName, placeName, motifName, person } = names;
  const ruleLabel = (r: ConfigOpeningRuleInfo) => `${person(r.agentId)} — ${placeName(r.placeId)} — ${r.start}–${r.end} — ${recurrenceText(r)}`;
  const editableRules = openingRules.filter((r) => admin || r.agentId === meId);
  const sortedRules = [...openingRules].sort((a, b) => person(a.agentId).localeCompare(person(b.agentId), "fr") || a.start.localeCompare(b.start));
  return (
  <section aria-labelledby="plages" className={fr.cx("fr-mb-8w")}>
    <h2 id="plages">Plages d’ouverture</h2>
    <div className={fr.cx("fr-table")}>
      <table>
        <caption>Plages d’ouverture des agents ({openingRules.length})</caption>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Lieu</th>
            <th scope="col">Horaire</th>
            <th scope="col">Répétition</th>
            <th scope="col">Motifs</th>
            <th scope="col">Occurrences annulées</th>
            {admin && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {sortedRules.map((r) => {
            const cancelled = r.exceptions.filter((e) => "cancelled" in e).map((e) => formatLocalDate(e.day));
            return (
              <tr key={r.id}>
                <td>{person(r.agentId)}</td>
                <td>{placeName(r.placeId)}</td>
                <td>
                  {r.start}–{r.end}
                </td>
                <td>{recurrenceText(r)}</td>
                <td>{r.motifIds.map(motifName).join(", ")}</td>
                <td>{cancelled.length ? cancelled.join(", ") : "—"}</td>
                {admin && (
                  <td>
                    <div className="rdv-agent-table-actions">
                      <Link href={`/agent/configuration?plage=${encodeURIComponent(r.id)}#form-plage`} aria-label={`Modifier la plage : ${ruleLabel(r)}`}>
                        Modifier
                      </Link>
                      <DeleteButton label="Supprimer" what={ruleLabel(r)} method="DELETE" path={`/v1/agent/configuration/opening-rules/${encodeURIComponent(r.id)}`} />
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
    {admin && (
      <RuleForm
        key={editedRule?.id ?? "nouveau"}
        agents={agents}
        places={places}
        motifs={motifs.map((m) => ({ id: m.id, name: `${m.name} (${serviceName(m.serviceId)})` }))}
        initial={editedRule}
      />
    )}
    {editableRules.length > 0 && <OccurrenceForm rules={editableRules.filter((r) => r.recurrence).map((r) => ({ id: r.id, label: ruleLabel(r) }))} />}
  </section>
  );
}
