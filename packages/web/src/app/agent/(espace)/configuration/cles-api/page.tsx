import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { fr } from "@codegouvfr/react-dsfr";
import { ApiKeyForm } from "@/components/agent/config/ApiKeyForm";
import { DeleteButton } from "@/components/agent/config/DeleteButton";
import { Unavailable } from "@/components/agent/Unavailable";
import { agentGet, load, requireAgent, roleIn } from "@/lib/agent/server";
import { formatShortDateTime } from "@/lib/time";
import { ApiKeyInfo } from "@rdv/core/schema";

export const metadata: Metadata = { title: "Clés d’API", robots: { index: false } };

const ApiKeyList = z.object({ apiKeys: z.array(ApiKeyInfo) });

/** The organisation's API keys, for the business tools of the département (admins). */
export default async function ApiKeysPage() {
  const me = await requireAgent("/agent/configuration/cles-api");
  const back = (
    <p>
      <Link href="/agent/configuration" className={fr.cx("fr-link", "fr-icon-arrow-left-line", "fr-link--icon-left")}>
        Retour à la configuration
      </Link>
    </p>
  );
  if (roleIn(me) !== "admin") {
    return (
      <>
        {back}
        <h1>Clés d’API</h1>
        <p>Seuls les administrateurs de l’organisation peuvent gérer les clés d’API.</p>
      </>
    );
  }
  const keys = await load(agentGet("/v1/agent/api-keys", { organisationId: me.organisationId }, ApiKeyList), "/agent/configuration/cles-api");
  return (
    <>
      {back}
      <h1>Clés d’API</h1>
      <p>
        Une clé d’API permet à un logiciel métier de lire et, si vous l’autorisez, de modifier les rendez-vous de l’organisation.{" "}
        <Link href="/developpeurs">Documentation de l’API</Link>
      </p>
      {!keys.ok ? (
        <Unavailable status={keys.status} error={keys.error} />
      ) : keys.data.apiKeys.length === 0 ? (
        <p>Aucune clé pour l’instant.</p>
      ) : (
        <div className={fr.cx("fr-table")}>
          <table>
            <caption>Clés de l’organisation ({keys.data.apiKeys.length})</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Droits</th>
                <th scope="col">Créée</th>
                <th scope="col">Dernière utilisation</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.apiKeys.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>{key.scopes.includes("write") ? "Lecture et écriture" : "Lecture"}</td>
                  <td>
                    {formatShortDateTime(key.createdAt)} par {key.createdBy}
                  </td>
                  <td>{key.lastUsedAt ? formatShortDateTime(key.lastUsedAt) : "Jamais"}</td>
                  <td>
                    <DeleteButton label="Révoquer" what={key.name} path={`/v1/agent/api-keys/${encodeURIComponent(key.id)}`} method="DELETE" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ApiKeyForm organisationId={me.organisationId} />
    </>
  );
}
