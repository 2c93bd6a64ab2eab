import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import type { ConfigAgentInfo, ConfigMotifInfo, ConfigOpeningRuleInfo, ConfigPlaceInfo } from "@rdv/core/schema";
import { ORDINAL_LABELS, WEEKDAY_LABELS } from "@/lib/agent/labels";
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
  const recurrence = rule.recurrence;
  if (!recurrence) return `Le ${formatLocalDate(rule.firstDay)}`;
  const range = ` — du ${formatLocalDate(rule.firstDay)}${rule.until ? ` au ${formatLocalDate(rule.until)}` : ", sans fin"}`;
  if ("everyMonths" in recurrence) {
    const day = `Le ${ORDINAL_LABELS[String(recurrence.ordinal)]} ${WEEKDAY_LABELS[recurrence.weekday]} du mois`;
    const every = recurrence.everyMonths === 1 ? "chaque mois" : `tous les ${recurrence.everyMonths} mois`;
    return `${day}, ${every}${range}`;
  }
  const days = recurrence.weekdays.map((d) => WEEKDAY_LABELS[d] ?? d).join(", ");
  const every = recurrence.everyWeeks === 1 ? "Chaque semaine" : `Toutes les ${recurrence.everyWeeks} semaines`;
  return `${every} : ${days}${range}`;
}

/** "annulée le …, déplacée le … au … (hh:mm–hh:mm)" for a series' exceptions. */
export function exceptionsText(exceptions: ConfigOpeningRuleInfo["exceptions"]): string {
  if (exceptions.length === 0) return "—";
  return [...exceptions]
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((e) => ("moved" in e ? `${formatLocalDate(e.day)} déplacée au ${formatLocalDate(e.moved.day)} (${e.moved.start}–${e.moved.end})` : `${formatLocalDate(e.day)} annulée`))
    .join(" ; ");
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
            <th scope="col">Occurrences annulées ou déplacées</th>
            {admin && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {sortedRules.map((r) => {
            const cancelled = exceptionsText(r.exceptions);
            return (
              <tr key={r.id}>
                <td>{person(r.agentId)}</td>
                <td>{placeName(r.placeId)}</td>
                <td>
                  {r.start}–{r.end}
                </td>
                <td>{recurrenceText(r)}</td>
                <td>{r.motifIds.map(motifName).join(", ")}</td>
                <td>{cancelled}</td>
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
    {editableRules.some((r) => r.recurrence) && (
      <OccurrenceForm
        id="form-occurrence"
        title="Annuler ou déplacer une seule occurrence d’une plage"
        path="/v1/agent/configuration/opening-rules/occurrence"
        seriesLabel="Plage d’ouverture"
        notice="La plage reste ouverte les autres jours ; les rendez-vous déjà pris ce jour-là sont conservés."
        series={editableRules.filter((r) => r.recurrence).map((r) => ({ key: r.id, label: ruleLabel(r), target: { ruleId: r.id } }))}
      />
    )}
  </section>
  );
}
