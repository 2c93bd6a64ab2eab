import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { DeleteButton } from "@/components/agent/config/DeleteButton";
import { Unavailable } from "@/components/agent/Unavailable";
import { ResendButton, RotateSecretButton, WebhookCreateForm } from "@/components/agent/Webhooks";
import { EVENT_LABELS } from "@/lib/agent/labels";
import { agentGet, load, requireAgent, roleIn } from "@/lib/agent/server";
import { formatShortDateTime } from "@/lib/time";
import { WebhookListInfo, type WebhookDeliveryInfo } from "@rdv/core/schema";

export const metadata: Metadata = { title: "Webhooks", robots: { index: false } };

const DELIVERY_STATES: Record<WebhookDeliveryInfo["status"], { label: string; severity: "success" | "info" | "error" }> = {
  delivered: { label: "Reçu", severity: "success" },
  pending: { label: "En cours", severity: "info" },
  failed: { label: "Échec", severity: "error" },
};

function lastAnswer(delivery: WebhookDeliveryInfo): string {
  if (delivery.lastStatusCode) return `HTTP ${delivery.lastStatusCode}`;
  if (delivery.lastError === "timeout") return "pas de réponse en 10 s";
  if (delivery.lastError === "address_refused") return "adresse refusée (réseau privé ou local)";
  return delivery.lastError ?? "—";
}

/** The organisation's webhook subscriptions (admins): create, secret rotation, deliveries and resends, deletion. */
export default async function WebhooksPage() {
  const me = await requireAgent("/agent/webhooks");
  const intro = (
    <>
      <p>
        <Link href="/agent/configuration" className={fr.cx("fr-link", "fr-icon-arrow-left-line", "fr-link--icon-left")}>
          Retour à la configuration
        </Link>
      </p>
      <h1>Webhooks</h1>
    </>
  );
  if (roleIn(me) !== "admin") {
    return (
      <>
        {intro}
        <p>Seuls les administrateurs de l’organisation peuvent gérer les webhooks.</p>
      </>
    );
  }
  const list = await load(agentGet("/v1/agent/webhooks", { organisationId: me.organisationId }, WebhookListInfo), "/agent/webhooks");
  if (!list.ok) {
    return (
      <>
        {intro}
        <Unavailable status={list.status} error={list.error} />
      </>
    );
  }
  const { webhooks } = list.data;
  return (
    <>
      {intro}
      <p>
        Les outils métier de l’organisation peuvent être prévenus de chaque rendez-vous pris, modifié ou annulé. Chaque envoi est signé
        (norme Standard Webhooks) ; en cas d’échec, il est renvoyé pendant 24 heures. Un abonnement en échec depuis trois jours est désactivé et
        les administrateurs sont prévenus par e-mail.
      </p>
      <WebhookCreateForm organisationId={me.organisationId} />
      <h2>Abonnements</h2>
      {webhooks.length === 0 && <p>Aucun abonnement pour l’instant.</p>}
      {webhooks.map((webhook) => (
        <section key={webhook.id} className={fr.cx("fr-mb-6w")} aria-labelledby={`webhook-${webhook.id}`}>
          <h3 id={`webhook-${webhook.id}`} className={fr.cx("fr-h6")} style={{ overflowWrap: "anywhere" }}>
            {webhook.url}
          </h3>
          <p>
            {webhook.status === "active" ? (
              <Badge severity="success" small>
                Actif
              </Badge>
            ) : (
              <Badge severity="error" small>
                Désactivé{webhook.disabledAt ? ` le ${formatShortDateTime(webhook.disabledAt)}` : ""}
              </Badge>
            )}{" "}
            {webhook.status === "active" && webhook.failingSince && <span>En échec depuis le {formatShortDateTime(webhook.failingSince)}.</span>}
          </p>
          <p>Événements : {webhook.events.map((e) => EVENT_LABELS[e] ?? e).join(", ")}.</p>
          <p className="rdv-agent-table-actions">
            <RotateSecretButton webhookId={webhook.id} url={webhook.url} />
            <DeleteButton label="Supprimer" what={webhook.url} path={`/v1/agent/webhooks/${encodeURIComponent(webhook.id)}`} method="DELETE" />
          </p>
          {webhook.deliveries.length === 0 ? (
            <p>Aucun envoi pour l’instant.</p>
          ) : (
            <div className={fr.cx("fr-table")}>
              <table>
                <caption>Derniers envois vers {webhook.url}, les plus récents d’abord</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Événement</th>
                    <th scope="col">État</th>
                    <th scope="col">Tentatives</th>
                    <th scope="col">Dernière réponse</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {webhook.deliveries.map((delivery) => {
                    const state = DELIVERY_STATES[delivery.status];
                    return (
                      <tr key={delivery.id}>
                        <td>{formatShortDateTime(delivery.createdAt)}</td>
                        <td>{EVENT_LABELS[delivery.eventType] ?? delivery.eventType}</td>
                        <td>
                          <Badge severity={state.severity} small noIcon>
                            {state.label}
                          </Badge>
                          {delivery.status === "pending" && delivery.nextAttemptAt && <> (nouvel essai à {formatShortDateTime(delivery.nextAttemptAt)})</>}
                        </td>
                        <td>{delivery.attempts}</td>
                        <td>{lastAnswer(delivery)}</td>
                        <td>
                          {delivery.status !== "pending" && webhook.status === "active" ? (
                            <ResendButton webhookId={webhook.id} deliveryId={delivery.id} label={`${EVENT_LABELS[delivery.eventType] ?? delivery.eventType}, ${formatShortDateTime(delivery.createdAt)}`} />
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
        </section>
      ))}
    </>
  );
}
