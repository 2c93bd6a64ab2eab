import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { InvitationSender } from "@/components/agent/InvitationSender";
import { Unavailable } from "@/components/agent/Unavailable";
import { agentGet, load, requireAgent } from "@/lib/agent/server";
import { loadConfiguration } from "@/lib/agent/organisation";
import { formatLocalDate, formatShortDateTime } from "@/lib/time";
import { BookingInvitationInfo } from "@rdv/core/schema";
import * as z from "zod";

export const metadata: Metadata = { title: "Invitations à prendre rendez-vous", robots: { index: false } };

const STATES: Record<BookingInvitationInfo["state"], { label: string; severity: "info" | "success" | "new" | "error" }> = {
  sent: { label: "Envoyée", severity: "info" },
  opened: { label: "Ouverte", severity: "new" },
  booked: { label: "Rendez-vous pris", severity: "success" },
  expired: { label: "Expirée", severity: "error" },
};

/** The organisation's booking invitations with their state, and the form that sends one. */
export default async function InvitationsPage() {
  const me = await requireAgent("/agent/invitations");
  const [list, configuration] = await Promise.all([
    load(agentGet("/v1/agent/booking-invitations", { organisationId: me.organisationId }, z.object({ invitations: z.array(BookingInvitationInfo) })), "/agent/invitations"),
    loadConfiguration(me.organisationId),
  ]);
  const motifs = configuration.ok
    ? configuration.data.motifs.filter((m) => !m.collective && (m.online || m.invitationOnly)).map((m) => ({ id: m.id, name: m.name, serviceId: m.serviceId, referentOnly: m.referentOnly === true }))
    : [];
  const agents = configuration.ok ? configuration.data.agents.map((a) => ({ id: a.id, name: `${a.firstName} ${a.lastName}` })) : [];
  return (
    <>
      <h1>Invitations à prendre rendez-vous</h1>
      <p>L’usager reçoit un SMS ou un e-mail avec un lien : il choisit lui-même son créneau, sans ressaisir ses coordonnées. Un rappel part 3 jours après si le rendez-vous n’est pas pris.</p>
      <InvitationSender organisationId={me.organisationId} motifs={motifs} agents={agents} />
      <h2 className={fr.cx("fr-mt-6w")}>Invitations envoyées</h2>
      {!list.ok ? (
        <Unavailable status={list.status} error={list.error} />
      ) : list.data.invitations.length === 0 ? (
        <p>Aucune invitation pour le moment.</p>
      ) : (
        <div className={fr.cx("fr-table")}>
          <table>
            <caption>Invitations de l’organisation, les plus récentes d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Usager</th>
                <th scope="col">Motifs</th>
                <th scope="col">Envoyée le</th>
                <th scope="col">Valable jusqu’au</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {list.data.invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <td>
                    {invitation.serviceUser.lastName} {invitation.serviceUser.firstName}
                  </td>
                  <td>{invitation.motifs.map((m) => m.name).join(", ")}</td>
                  <td>{formatShortDateTime(invitation.sentAt)}</td>
                  <td>{formatLocalDate(invitation.expiresOn)}</td>
                  <td>
                    <p className={fr.cx("fr-badge", `fr-badge--${STATES[invitation.state].severity}`, "fr-badge--sm")}>{STATES[invitation.state].label}</p>
                    {invitation.appointmentId && (
                      <>
                        {" "}
                        <a href={`/agent/rendez-vous/${encodeURIComponent(invitation.appointmentId)}`}>Voir le rendez-vous</a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
