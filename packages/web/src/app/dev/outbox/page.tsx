import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { apiBaseUrl, request } from "@/lib/http";
import { formatPhone } from "@/lib/phone";
import { formatShortDateTime, DEPARTMENT_TIMEZONE } from "@/lib/time";
import { OutboxInfo, type OutboxMessageInfo } from "@rdv/core/schema";
import "@/app/agent/agent.css";

export const metadata: Metadata = { title: "Boîte d’envoi locale (SMS et e-mails)", robots: { index: false } };
export const dynamic = "force-dynamic";


type Outcome = { kind: "ok"; messages: OutboxMessageInfo[] } | { kind: "absent" } | { kind: "unavailable" };

async function readOutbox(limit: number): Promise<Outcome> {
  const result = await request({ url: `${apiBaseUrl()}/v1/dev/outbox`, params: { limit: String(limit) }, schema: OutboxInfo, timeoutMs: 5_000, logPrefix: "[outbox]" });
  if (result.ok) return { kind: "ok", messages: result.data.messages };
  return result.status === 404 ? { kind: "absent" } : { kind: "unavailable" };
}

/** Local stack only: what was "sent" (SMS and e-mails stay in the local database's outbox). */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const requested = Number((await searchParams).limit);
  const limit = Number.isInteger(requested) && requested > 0 && requested <= 500 ? requested : 100;
  const outbox = await readOutbox(limit);
  return (
    <>
      <h1>Boîte d’envoi locale</h1>
      <p>
        En local, aucun SMS ni e-mail ne quitte la machine : ils sont rangés ici, du plus récent au plus ancien ({limit} au plus). Cette page sert aux agents et aux développeurs
        pour vérifier ce qui aurait été envoyé.
      </p>
      {outbox.kind === "absent" ? (
        <Notice title="Pas de boîte d’envoi sur cet environnement : les SMS et e-mails y sont réellement envoyés (SNS et SES). Leur suivi figure sur chaque rendez-vous, dans l’espace agent." />
      ) : outbox.kind === "unavailable" ? (
        <Alert severity="error" title="Boîte d’envoi indisponible" description="L’API locale ne répond pas : vérifiez que « npm run dev » tourne, puis rechargez la page." />
      ) : outbox.messages.length === 0 ? (
        <p>Aucun message envoyé pour le moment.</p>
      ) : (
        <div className={fr.cx("fr-table", "fr-table--bordered")}>
          <table>
            <caption>Messages envoyés ({outbox.messages.length})</caption>
            <thead>
              <tr>
                <th scope="col">Heure</th>
                <th scope="col">Canal</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Message</th>
                <th scope="col">Rendez-vous</th>
              </tr>
            </thead>
            <tbody>
              {outbox.messages.map((m, index) => (
                <tr key={`${m.at}-${index}`}>
                  <td>{formatShortDateTime(m.at, DEPARTMENT_TIMEZONE)}</td>
                  <td>{m.channel === "sms" ? "SMS" : m.channel === "email" ? "E-mail" : m.channel}</td>
                  <td className="rdv-break">{m.channel === "sms" ? formatPhone(m.to) : m.to}</td>
                  <td>
                    {m.subject && <p className={fr.cx("fr-text--bold", "fr-mb-1v")}>{m.subject}</p>}
                    <p className="rdv-agent-pre">{m.text}</p>
                    {m.attachments?.length ? (
                      <p className={fr.cx("fr-text--sm", "fr-mb-0")}>
                        Pièce jointe : {m.attachments.map((a) => a.filename).join(", ")}
                        {m.html ? " · version HTML envoyée aussi" : ""}
                      </p>
                    ) : null}
                  </td>
                  <td>{m.appointmentId ? <Link href={`/agent/rendez-vous/${encodeURIComponent(m.appointmentId)}`}>{m.appointmentId}</Link> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
