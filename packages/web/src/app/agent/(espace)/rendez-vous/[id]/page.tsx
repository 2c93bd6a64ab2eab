import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { AppointmentActions } from "@/components/agent/AppointmentActions";
import { Unavailable } from "@/components/agent/Unavailable";
import { now } from "@/lib/agent/clock";
import {
  AUDIT_ACTIONS, arrivalLabel, DSFR_BADGE, LOCATION_LABELS, NO_SMS_REASONS, RECEIPT_KINDS, RECEIPT_STATUSES, describeChange, statusLabel,
} from "@/lib/agent/labels";
import { loadConfiguration } from "@/lib/agent/organisation";
import { agentGet, load, requireAgent } from "@/lib/agent/server";
import { capitalize, formatDateTime, formatLocalDate, formatShortDateTime, formatTime, DEPARTMENT_TIMEZONE } from "@/lib/time";
import { AppointmentDetailInfo } from "@rdv/core/schema";
import { agentName } from "@/lib/agent/labels";
import { formatPhone } from "@/lib/phone";

export const metadata: Metadata = { title: "Rendez-vous", robots: { index: false } };


export default async function AppointmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const path = `/agent/rendez-vous/${encodeURIComponent(id)}`;
  await requireAgent(path);
  const result = await load(agentGet(`/v1/agent/appointments/${encodeURIComponent(id)}`, {}, AppointmentDetailInfo), path);
  if (!result.ok) {
    return (
      <>
        <h1>Rendez-vous</h1>
        <Unavailable status={result.status} error={result.error} />
        <Link href="/agent">Retour à l’agenda</Link>
      </>
    );
  }
  const a = result.data;
  const configuration = await loadConfiguration(a.organisationId);
  const agents = configuration.ok ? configuration.data.agents : [];
  const timezone = DEPARTMENT_TIMEZONE;
  const isPast = Date.parse(a.startsAt) <= now().getTime();
  const title = a.collective ? `Séance collective — ${a.motif.name}` : `Rendez-vous — ${a.motif.name}`;

  return (
    <>
      <nav className={fr.cx("fr-mb-2w")} aria-label="Retour">
        <Link className={fr.cx("fr-link", "fr-icon-arrow-left-line", "fr-link--icon-left")} href={`/agent?date=${a.startsAt.slice(0, 10)}`}>
          Retour à l’agenda du {formatLocalDate(a.startsAt.slice(0, 10))}
        </Link>
      </nav>
      <h1>{title}</h1>
      <p className={fr.cx("fr-text--lead")}>
        {capitalize(formatDateTime(a.startsAt, timezone))} – {formatTime(a.endsAt, timezone)}{" "}
        <Badge as="span" severity={DSFR_BADGE[a.status]} noIcon>
          {statusLabel(a.status)}
        </Badge>
      </p>
      <ul>
        <li>Service : {a.service.name}</li>
        <li>
          Lieu : {a.place.name}
          {a.place.address ? ` (${a.place.address})` : ""} — {LOCATION_LABELS[a.motif.locationType] ?? a.motif.locationType}
        </li>
        {a.motif.videoUrl && (
          <li>
            Lien de la visio : <a href={a.motif.videoUrl}>{a.motif.videoUrl}</a>
          </li>
        )}
        <li>Agents : {a.agentIds.map((g) => agentName(agents.find((x) => x.id === g))).join(", ")}</li>
        <li>
          Pris{" "}
          {a.bookedBy
            ? `en ligne par ${a.bookedBy.name} (${a.bookedBy.structure}${a.bookedBy.phone ? `, ${formatPhone(a.bookedBy.phone)}` : ""}${a.bookedBy.email ? `, ${a.bookedBy.email}` : ""}), qui accompagne l’usager`
            : a.createdBy === "usager"
              ? "en ligne par l’usager"
              : "par un agent"}
        </li>
        {a.arrivedAt && <li className={fr.cx("fr-text--bold")}>{arrivalLabel(a.arrivedAt)}</li>}
        {a.collective && (
          <li>
            Places prises : {a.seatsTaken ?? 0} sur {a.capacity ?? "?"}
          </li>
        )}
        <li>
          Rappel par SMS :{" "}
          {a.reminderAt
            ? `prévu le ${formatShortDateTime(a.reminderAt, timezone)}`
            : a.reminderNote === "moment_passed"
              ? "aucun (le rendez-vous était trop proche lors de sa prise : le SMS de confirmation donne la date)"
              : "aucun rappel planifié"}
        </li>
      </ul>

      <AppointmentActions
        id={a.id}
        status={a.status}
        startsAt={a.startsAt}
        isPast={isPast}
        collective={a.collective}
        motifId={a.motif.id}
        placeId={a.place.id}
        timezone={timezone}
        agents={agents.map(({ id: agentId, firstName, lastName }) => ({ id: agentId, firstName, lastName }))}
      />

      <section aria-labelledby="usagers-titre" className={fr.cx("fr-mb-6w")}>
        <h2 id="usagers-titre" className={fr.cx("fr-h4")}>
          {a.participants.length > 1 ? `Usagers (${a.participants.length})` : "Usager"}
        </h2>
        {a.participants.length === 0 ? (
          <p>Aucun usager inscrit pour le moment.</p>
        ) : (
          <div className={fr.cx("fr-table")}>
            <table>
              <caption>Usagers du rendez-vous</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Téléphone</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Date de naissance</th>
                  <th scope="col">Statut</th>
                  <th scope="col">SMS</th>
                </tr>
              </thead>
              <tbody>
                {a.participants.map((p) => (
                  <tr key={p.participationId}>
                    <td>
                      {p.serviceUser ? `${p.serviceUser.firstName} ${p.serviceUser.lastName}` : "Usager supprimé"}
                      {p.relative ? ` (pour ${p.relative.firstName} ${p.relative.lastName})` : ""}
                    </td>
                    <td>{p.serviceUser?.phone ? formatPhone(p.serviceUser.phone) : "—"}</td>
                    <td className="rdv-break">{p.serviceUser?.email ?? "—"}</td>
                    <td>{p.serviceUser?.birthDate ? formatLocalDate(p.serviceUser.birthDate) : "—"}</td>
                    <td>{statusLabel(p.status)}</td>
                    <td>{p.noSmsReason ? `Aucun SMS : ${NO_SMS_REASONS[p.noSmsReason] ?? p.noSmsReason}` : "Oui"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="sms-titre" className={fr.cx("fr-mb-6w")}>
        <h2 id="sms-titre" className={fr.cx("fr-h4")}>
          SMS envoyés
        </h2>
        {a.receipts.length === 0 ? (
          <p>
            Aucun SMS pour ce rendez-vous
            {a.participants.some((p) => p.noSmsReason)
              ? ` : ${[...new Set(a.participants.map((p) => p.noSmsReason).filter((r) => r !== undefined))].map((r) => NO_SMS_REASONS[r] ?? r).join(", ")}.`
              : "."}
          </p>
        ) : (
          <div className={fr.cx("fr-table")}>
            <table>
              <caption>SMS (et e-mails) du rendez-vous et leur envoi</caption>
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">État</th>
                  <th scope="col">Date</th>
                  <th scope="col">Destinataire</th>
                  <th scope="col">Texte</th>
                </tr>
              </thead>
              <tbody>
                {a.receipts.map((r) => (
                  <tr key={r.receiptId}>
                    <td>
                      {RECEIPT_KINDS[r.kind] ?? r.kind}
                      {r.channel === "email" ? " (e-mail)" : ""}
                    </td>
                    <td>
                      {r.channel === "email" && r.status === "sent" ? "Envoyé" : (RECEIPT_STATUSES[r.status] ?? r.status)}
                      {r.status === "failed" && (r.reason ?? r.lastError) ? ` (${r.reason ?? r.lastError})` : ""}
                    </td>
                    <td>{formatShortDateTime(r.sentAt ?? r.createdAt, timezone)}</td>
                    <td>{r.to?.startsWith("+") ? formatPhone(r.to) : (r.to ?? "—")}</td>
                    <td>
                      <p className="rdv-agent-pre">{r.channel === "email" ? (r.subject ?? "—") : (r.text ?? "—")}</p>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="historique-titre" className={fr.cx("fr-mb-6w")}>
        <h2 id="historique-titre" className={fr.cx("fr-h4")}>
          Historique des actions
        </h2>
        {a.audit.length === 0 ? (
          <p>Aucune action d’agent enregistrée sur ce rendez-vous.</p>
        ) : (
          <ol>
            {a.audit.map((entry, index) => (
              <li key={`${entry.at}-${index}`}>
                {formatShortDateTime(entry.at, timezone)} — {entry.agentName} : {AUDIT_ACTIONS[entry.action] ?? entry.action}
                {entry.changes && Object.keys(entry.changes).length > 0
                  ? ` (${Object.entries(entry.changes).map(([key, change]) => describeChange(key, change)).join(" ; ")})`
                  : ""}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
