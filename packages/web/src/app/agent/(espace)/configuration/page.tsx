import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { AbsenceForm } from "@/components/agent/config/AbsenceForm";
import { DeleteButton } from "@/components/agent/config/DeleteButton";
import { InviteForm } from "@/components/agent/config/InviteForm";
import { MotifForm } from "@/components/agent/config/MotifForm";
import { OccurrenceForm } from "@/components/agent/config/OccurrenceForm";
import { PlaceForm } from "@/components/agent/config/PlaceForm";
import { RuleForm } from "@/components/agent/config/RuleForm";
import { Unavailable } from "@/components/agent/Unavailable";
import { formatCutOff, formatDuration, LOCATION_LABELS, NOTIFICATION_LABELS, ROLE_LABELS, WEEKDAY_LABELS } from "@/lib/agent/labels";
import { loadConfiguration } from "@/lib/agent/organisation";
import { load, requireAgent, roleIn } from "@/lib/agent/server";
import { formatLocalDate, formatLocalDateTime } from "@/lib/time";
import type { ConfigOpeningRuleInfo } from "@rdv/core/schema";
import { agentName } from "@/lib/agent/labels";

export const metadata: Metadata = { title: "Configuration", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

function recurrenceText(rule: Pick<ConfigOpeningRuleInfo, "recurrence" | "firstDay" | "until">): string {
  if (!rule.recurrence) return `Le ${formatLocalDate(rule.firstDay)}`;
  const days = rule.recurrence.weekdays.map((d) => WEEKDAY_LABELS[d] ?? d).join(", ");
  const every = rule.recurrence.everyWeeks === 1 ? "Chaque semaine" : `Toutes les ${rule.recurrence.everyWeeks} semaines`;
  return `${every} : ${days} — du ${formatLocalDate(rule.firstDay)}${rule.until ? ` au ${formatLocalDate(rule.until)}` : ", sans fin"}`;
}

export default async function ConfigurationPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const me = await requireAgent("/agent/configuration");
  const configuration = await load(loadConfiguration(me.organisationId), "/agent/configuration");
  if (!configuration.ok) {
    return (
      <>
        <h1>Configuration</h1>
        <Unavailable status={configuration.status} error={configuration.error} />
      </>
    );
  }
  const { services, places, motifs, openingRules, agents, absences } = configuration.data;
  const admin = roleIn(me) === "admin";
  const serviceName = (id: string) => services.find((s) => s.id === id)?.name ?? id;
  const placeName = (id: string) => places.find((p) => p.id === id)?.name ?? id;
  const motifName = (id: string) => motifs.find((m) => m.id === id)?.name ?? id;
  const person = (id: string) => agentName(agents.find((a) => a.id === id));
  const editedPlace = places.find((p) => p.id === one(params.lieu));
  const editedMotif = motifs.find((m) => m.id === one(params.motif));
  const editedRule = openingRules.find((r) => r.id === one(params.plage));
  const ruleLabel = (r: ConfigOpeningRuleInfo) => `${person(r.agentId)} — ${placeName(r.placeId)} — ${r.start}–${r.end} — ${recurrenceText(r)}`;
  const editableRules = openingRules.filter((r) => admin || r.agentId === me.id);
  const absenceAgents = admin ? agents : agents.filter((a) => a.id === me.id);
  const sortedRules = [...openingRules].sort((a, b) => person(a.agentId).localeCompare(person(b.agentId), "fr") || a.start.localeCompare(b.start));

  return (
    <>
      <h1>Configuration</h1>
      <p>
        Les lieux, motifs, plages d’ouverture et absences de l’organisation.{" "}
        {admin
          ? "En tant qu’administrateur, vous pouvez tout modifier."
          : "Seuls les administrateurs de l’organisation modifient les lieux, motifs et plages ; vous pouvez gérer vos absences et annuler une occurrence de vos plages."}
      </p>
      <nav aria-label="Sections de la configuration" className={fr.cx("fr-mb-4w")}>
        <ul className="rdv-agent-inline rdv-agent-plain">
          <li><a href="#lieux">Lieux</a></li>
          <li><a href="#motifs">Motifs</a></li>
          <li><a href="#plages">Plages d’ouverture</a></li>
          <li><a href="#absences">Absences</a></li>
          <li><a href="#agents">Agents</a></li>
        </ul>
      </nav>

      <section aria-labelledby="lieux" className={fr.cx("fr-mb-8w")}>
        <h2 id="lieux">Lieux</h2>
        <div className={fr.cx("fr-table")}>
          <table>
            <caption>Lieux de l’organisation ({places.length})</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Adresse</th>
                <th scope="col">Téléphone</th>
                {admin && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {places.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{p.address}</td>
                  <td>{p.phone ?? "—"}</td>
                  {admin && (
                    <td>
                      <Link href={`/agent/configuration?lieu=${encodeURIComponent(p.id)}#form-lieu`} aria-label={`Modifier le lieu ${p.name}`}>
                        Modifier
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {admin && <PlaceForm key={editedPlace?.id ?? "nouveau"} organisationId={me.organisationId} initial={editedPlace} />}
      </section>

      <section aria-labelledby="motifs" className={fr.cx("fr-mb-8w")}>
        <h2 id="motifs">Motifs</h2>
        <div className={fr.cx("fr-table")}>
          <table>
            <caption>Motifs de rendez-vous ({motifs.length})</caption>
            <thead>
              <tr>
                <th scope="col">Motif</th>
                <th scope="col">Service</th>
                <th scope="col">Durée et type</th>
                <th scope="col">Réservation</th>
                <th scope="col">Annulation et déplacement par l’usager</th>
                <th scope="col">SMS</th>
                {admin && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {motifs.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.name}
                    {m.collective ? ` (collectif, ${m.capacity ?? "?"} places)` : ""}
                  </td>
                  <td>{serviceName(m.serviceId)}</td>
                  <td>
                    {formatDuration(m.durationMinutes)}, {(LOCATION_LABELS[m.locationType] ?? m.locationType).toLowerCase()}
                  </td>
                  <td>{m.online ? `En ligne, de ${m.minDelayMinutes} min à ${m.maxDelayDays} jours avant` : "Par les agents uniquement"}</td>
                  <td>
                    Annulation : {formatCutOff(m.cancelUntilMinutesBefore)} ; déplacement : {formatCutOff(m.rescheduleUntilMinutesBefore)}
                  </td>
                  <td>{NOTIFICATION_LABELS[m.notification ?? "normal"] ?? m.notification}</td>
                  {admin && (
                    <td>
                      <Link href={`/agent/configuration?motif=${encodeURIComponent(m.id)}#form-motif`} aria-label={`Modifier le motif ${m.name}`}>
                        Modifier
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {admin && <MotifForm key={editedMotif?.id ?? "nouveau"} organisationId={me.organisationId} services={services} initial={editedMotif} />}
      </section>

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
                          {admin || a.agentId === me.id ? (
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
        {absenceAgents.length > 0 && <AbsenceForm agents={absenceAgents} defaultAgentId={absenceAgents.some((a) => a.id === me.id) ? me.id : absenceAgents[0]!.id} />}
      </section>

      <section aria-labelledby="agents" className={fr.cx("fr-mb-8w")}>
        <h2 id="agents">Agents</h2>
        <div className={fr.cx("fr-table")}>
          <table>
            <caption>Agents de l’organisation ({agents.length})</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">E-mail</th>
                <th scope="col">Rôle</th>
                <th scope="col">Services</th>
              </tr>
            </thead>
            <tbody>
              {[...agents]
                .sort((a, b) => a.lastName.localeCompare(b.lastName, "fr"))
                .map((a) => (
                  <tr key={a.id}>
                    <td>
                      {a.firstName} {a.lastName}
                    </td>
                    <td className="rdv-break">{a.email}</td>
                    <td>{ROLE_LABELS[a.role ?? ""] ?? a.role ?? "—"}</td>
                    <td>{a.serviceIds.map(serviceName).join(", ") || "—"}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
        {admin && <InviteForm organisationId={me.organisationId} services={services} />}
      </section>
    </>
  );
}
