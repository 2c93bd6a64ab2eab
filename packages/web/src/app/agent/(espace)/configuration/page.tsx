import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { AbsencesSection } from "@/components/agent/config/AbsencesSection";
import { InviteForm } from "@/components/agent/config/InviteForm";
import { MotifForm } from "@/components/agent/config/MotifForm";
import { PlaceForm } from "@/components/agent/config/PlaceForm";
import { RulesSection } from "@/components/agent/config/RulesSection";
import { Unavailable } from "@/components/agent/Unavailable";
import { agentName, formatCutOff, formatDuration, LOCATION_LABELS, NOTIFICATION_LABELS, ROLE_LABELS } from "@/lib/agent/labels";
import { loadConfiguration } from "@/lib/agent/organisation";
import { load, requireAgent, roleIn } from "@/lib/agent/server";

export const metadata: Metadata = { title: "Configuration", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

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
  const editedAbsence = absences.find((a) => a.id === one(params.absence) && (admin || a.agentId === me.id));
  const names = { serviceName, placeName, motifName, person };

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
          {admin && <li><Link href="/agent/configuration/journal">Journal des modifications</Link></li>}
          {admin && <li><Link href="/agent/webhooks">Webhooks</Link></li>}
          {admin && <li><Link href="/agent/configuration/cles-api">Clés d’API</Link></li>}
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

      <RulesSection rules={openingRules} admin={admin} meId={me.id} agents={agents} places={places} motifs={motifs} editedRule={editedRule} names={names} />

      <AbsencesSection absences={absences} admin={admin} meId={me.id} agents={agents} person={person} editedAbsence={editedAbsence} />

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
